// Parses one text line of formatted caller ID (AT+VCID=1 / AT#CID=1 and vendor variants) into
// field assignments. Record assembly (which lines belong to one call) is the tokenizer's job.
//
// Variants handled, all from /work/shared/fixtures/callerid (mgetty cnd.c cndtable[], MisterHouse):
//   "DATE = 0511"             Rockwell/V.253, spaces both sides of '='
//   "DATE=0119"               Digi DataFire, Zoom 2949L, ELSA: no spaces
//   "DDN_NMBR= 9932562"       some Rockwell chips / Bell Canada
//   "NBR=..."                 Kortex Adaptix 56000
//   "NDID=..."                Digi / Patton: dialled number
//   "NAME=ARCHER L       NMBR=5071234567"   several tags on one line
//   "NAME=ONMBR=5072884388"   run together: NAME is "O", then NMBR
//   "CALLER NAME: / CALLER NUMBER: / TIME: MM-DD HH:MM / REASON FOR NO CALLER ...:" ZyXEL 1496
//   "CALLED NUMBER:"          isdn4linux
//   "FM:xxx TO:yyy"           ZyXEL 2864(D)I
//   "CALLER'S NUMBER:", "CallerID:", "Diverting number:", "+CLIP: ..."

import { absenceFromLetter, absenceFromText, type AbsenceReason } from './caller-id-record';

export type CidField =
  | { field: 'date'; value: string }
  | { field: 'time'; value: string }
  | { field: 'number'; value: string }
  | { field: 'numberAbsence'; value: AbsenceReason }
  | { field: 'name'; value: string }
  | { field: 'nameAbsence'; value: AbsenceReason }
  | { field: 'calledNumber'; value: string }
  | { field: 'redirectingNumber'; value: string }
  | { field: 'mesg'; value: string };

// DDN_NMBR must come before NMBR so the leftmost-longest tag wins; no \b so that
// "NAME=ONMBR=..." still finds NMBR inside the run-together text.
const EQUALS_TAG = /(DDN_NMBR|NMBR|NBR|NDID|DATE|TIME|NAME|MESG)[ \t]*=[ \t]*/g;

type ColonRule = { re: RegExp; map: (m: RegExpExecArray) => CidField[] };

const firstToken = (s: string | undefined) => (s ?? '').trim().split(/\s+/)[0] ?? '';

const numberOrAbsence = (v: string): CidField => {
  const a = absenceFromText(v);
  return a ? { field: 'numberAbsence', value: a } : { field: 'number', value: v };
};

const COLON_RULES: ColonRule[] = [
  { re: /^CALLER NAME:\s*(.*)$/, map: (m) => [nameOrAbsence((m[1] ?? '').trim())] },
  { re: /^CALLER NUMBER:\s*(.*)$/, map: (m) => [numberOrAbsence(firstToken(m[1]))] },
  {
    re: /^REASON FOR NO CALLER NUMBER:\s*(.*)$/,
    map: (m) => [{ field: 'numberAbsence', value: absenceFromText(m[1] ?? '') ?? 'unavailable' }],
  },
  {
    re: /^REASON FOR NO CALLER NAME:\s*(.*)$/,
    map: (m) => [{ field: 'nameAbsence', value: absenceFromText(m[1] ?? '') ?? 'unavailable' }],
  },
  {
    // ZyXEL 1496 "TIME: MM-DD HH:MM" (MisterHouse Caller_ID.pm format 3)
    re: /^TIME:\s*(\d\d)-(\d\d)\s+(\d\d):(\d\d)/,
    map: (m) => [
      { field: 'date', value: `${m[1]}${m[2]}` },
      { field: 'time', value: `${m[3]}${m[4]}` },
    ],
  },
  { re: /^CALLED NUMBER:\s*(\S*)/, map: (m) => [{ field: 'calledNumber', value: m[1] ?? '' }] },
  { re: /^CALLER'S NUMBER:\s*(\S+)/, map: (m) => [numberOrAbsence(m[1] ?? '')] },
  { re: /^CallerID:\s*(\S+)/, map: (m) => [numberOrAbsence(m[1] ?? '')] },
  { re: /^Diverting number:\s*(\S+)/, map: (m) => [{ field: 'redirectingNumber', value: m[1] ?? '' }] },
  {
    re: /^FM:(\S+)(?:\s+TO:(\S+))?/,
    map: (m) => {
      const out: CidField[] = [numberOrAbsence(m[1] ?? '')];
      if (m[2]) out.push({ field: 'calledNumber', value: m[2] });
      return out;
    },
  },
  { re: /^\+CLIP:\s*(.*)$/, map: (m) => parseClip(m[1] ?? '') },
];

function nameOrAbsence(v: string): CidField {
  const a = absenceFromLetter(v);
  return a ? { field: 'nameAbsence', value: a } : { field: 'name', value: v };
}

/**
 * 3GPP TS 27.007 +CLIP: <number>,<type>[,<subaddr>,<satype>[,<alpha>[,<CLI validity>]]];
 * validity 1 = withheld, 2 = not available.
 */
function parseClip(rest: string): CidField[] {
  const parts = [...rest.matchAll(/"([^"]*)"|([^,]*)/g)]
    .filter((m) => m.index === 0 || rest[m.index - 1] === ',')
    .map((m) => (m[1] ?? m[2] ?? '').trim());
  const out: CidField[] = [];
  const number = parts[0] ?? '';
  const validity = parts[5];
  if (number) out.push({ field: 'number', value: number });
  else if (validity === '1') out.push({ field: 'numberAbsence', value: 'private' });
  else if (validity === '2') out.push({ field: 'numberAbsence', value: 'unavailable' });
  const alpha = parts[4];
  if (alpha) out.push({ field: 'name', value: alpha });
  return out;
}

/** Returns the fields on the line, or undefined when the line carries no caller-ID tag at all. */
export function parseFormattedCidLine(line: string): CidField[] | undefined {
  const text = line.trim();
  for (const rule of COLON_RULES) {
    const m = rule.re.exec(text);
    if (m) return rule.map(m);
  }
  const tags = [...text.matchAll(EQUALS_TAG)];
  if (tags.length === 0) return undefined;
  const out: CidField[] = [];
  tags.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = tags[i + 1]?.index ?? text.length;
    const value = text.slice(start, end).trim();
    out.push(...fieldFor(m[1] as string, value));
  });
  return out;
}

function fieldFor(tag: string, value: string): CidField[] {
  if (value === '') return [];
  switch (tag) {
    case 'DATE':
      return [{ field: 'date', value }];
    case 'TIME':
      return [{ field: 'time', value }];
    case 'NMBR':
    case 'DDN_NMBR':
    case 'NBR': {
      // "NMBR = <number> or P or O" (Rockwell); NCID adds A = anonymous.
      const a = absenceFromLetter(value);
      return [a ? { field: 'numberAbsence', value: a } : { field: 'number', value }];
    }
    case 'NAME':
      return [nameOrAbsence(value)];
    case 'NDID':
      return [{ field: 'calledNumber', value }];
    case 'MESG':
      return [{ field: 'mesg', value }];
    default:
      return [];
  }
}

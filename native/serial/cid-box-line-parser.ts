// Line parsers for serial caller-ID units that are not AT modems (fixtures agent_boxes.json).
// Each unit prints one text line per event, terminated by CR LF.
//
//  Whozz Calling? comprehensive:  01 I S 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com
//  Whozz Calling? limited ("c"):  $01 09/26 02:30 PM 8002404637 I CallerID.com
//  NetCallerID:                   ###DATE06182106...NMBR7045551212...NAMESPAULDING TIMOT+++
//  Weeder (fixed width A13A13A15, MisterHouse unpack): I03/18 22:05 507-288-1030 WINTER BRUCE LA

import { absenceFromText, type CallerIdRecord } from './caller-id-record';

export type CidBoxKind = 'whozz' | 'netcallerid' | 'weeder';

export type CidBoxLine =
  | {
      kind: 'whozz';
      record: CallerIdRecord;
      direction: 'in' | 'out';
      /** Start-of-call records carry caller ID; end-of-call records carry duration. */
      phase: 'start' | 'end';
      durationSec?: number;
      /** "G"ood / "B"ad checksum as judged by the box itself. */
      checksumOk: boolean;
      rings?: string;
    }
  | { kind: 'netcallerid'; record: CallerIdRecord }
  | { kind: 'weeder'; record: CallerIdRecord; direction: 'in' | 'out' };

const WHOZZ_FULL =
  /^(\d{2})\s+([IO])\s+([SE])\s+(\d{4})\s+([GB])\s+(\S{2})\s+(\d{2})\/(\d{2})\s+(\d{1,2}):(\d{2})\s+([AP]M)\s+(\S+)(?:\s+(.*))?$/;
// "5 spaces separate each field" per the manual, single spaces in the stored copy: parse runs.
const WHOZZ_LIMITED = /^\$(\d{2})\s+(\d{2})\/(\d{2})\s+(\d{1,2}):(\d{2})\s+([AP]M)\s+(\S+)\s+([IO])(?:\s+(.*))?$/;
const NETCALLERID = /^###DATE(\d{4})(\d{4})\.{3}NMBR(.*?)\.{3}NAME(.*?)\+{3}$/;
const WEEDER = /^([IO])(\d{2})\/(\d{2}) (\d{2}):(\d{2}) /;

export function parseCidBoxLine(line: string, only?: CidBoxKind): CidBoxLine | undefined {
  const text = line.replace(/[\r\n]+$/, '');
  if (!only || only === 'whozz') {
    const w = parseWhozz(text);
    if (w) return w;
  }
  if (!only || only === 'netcallerid') {
    const n = parseNetCallerId(text);
    if (n) return n;
  }
  if (!only || only === 'weeder') return parseWeeder(text);
  return undefined;
}

function to24h(hh: string, mm: string, ampm: string): string {
  let h = Number(hh) % 12;
  if (ampm === 'PM') h += 12;
  return `${String(h).padStart(2, '0')}${mm}`;
}

/** Box number fields: dashes stripped; words like PRIVATE become a reason. */
function applyNumber(record: CallerIdRecord, value: string): void {
  const v = value.trim();
  if (v === '') return;
  const absence = /\d/.test(v) ? undefined : absenceFromText(v);
  if (absence) record.numberAbsence = absence;
  else record.number = v.replace(/-/g, '');
}

function applyName(record: CallerIdRecord, value: string | undefined): void {
  const v = (value ?? '').trim();
  if (v === '') return;
  // The printed text is kept as the name even when it is a reason ("-UNKNOWN CALLER-"),
  // because that is what the box's own display shows; the reason is added beside it.
  record.name = v;
  const absence = absenceFromText(v);
  if (absence) record.nameAbsence = absence;
}

function parseWhozz(text: string): CidBoxLine | undefined {
  const f = WHOZZ_FULL.exec(text);
  if (f) {
    const [, line, io, se, dur, gb, rings, mo, dd, hh, mi, ampm, number, name] = f as unknown as string[];
    const record: CallerIdRecord = { format: 'whozz', raw: text, line, date: `${mo}${dd}`, time: to24h(hh!, mi!, ampm!) };
    applyNumber(record, number!);
    applyName(record, name);
    const phase = se === 'S' ? 'start' : 'end';
    return {
      kind: 'whozz',
      record,
      direction: io === 'I' ? 'in' : 'out',
      phase,
      checksumOk: gb === 'G',
      ...(phase === 'end' ? { durationSec: Number(dur), rings } : {}),
    };
  }
  const l = WHOZZ_LIMITED.exec(text);
  if (l) {
    const [, line, mo, dd, hh, mi, ampm, number, io, name] = l as unknown as string[];
    const record: CallerIdRecord = { format: 'whozz', raw: text, line, date: `${mo}${dd}`, time: to24h(hh!, mi!, ampm!) };
    applyNumber(record, number!);
    applyName(record, name);
    // Limited output has no G/B flag and is only sent for call starts.
    return { kind: 'whozz', record, direction: io === 'I' ? 'in' : 'out', phase: 'start', checksumOk: true };
  }
  return undefined;
}

function parseNetCallerId(text: string): CidBoxLine | undefined {
  const m = NETCALLERID.exec(text);
  if (!m) return undefined;
  const [, date, time, number, name] = m as unknown as string[];
  const record: CallerIdRecord = { format: 'netcallerid', raw: text, date, time };
  applyNumber(record, number!);
  applyName(record, name);
  if (record.number === undefined && record.numberAbsence === undefined && record.nameAbsence !== undefined) {
    // "-UNKNOWN CALLER-" with an empty number: the number is just as unknown as the name.
    record.numberAbsence = record.nameAbsence;
  }
  return { kind: 'netcallerid', record };
}

function parseWeeder(text: string): CidBoxLine | undefined {
  const m = WEEDER.exec(text);
  if (!m) return undefined;
  const [, io, mo, dd, hh, mi] = m as unknown as string[];
  const record: CallerIdRecord = { format: 'weeder', raw: text, date: `${mo}${dd}`, time: `${hh}${mi}` };
  // Fixed columns: 13 chars time block, 13 chars number, 15 chars name (MisterHouse A13A13A15).
  applyNumber(record, text.slice(13, 26));
  applyName(record, text.slice(26, 41));
  return { kind: 'weeder', record, direction: io === 'I' ? 'in' : 'out' };
}

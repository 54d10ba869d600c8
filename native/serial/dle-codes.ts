// <DLE> (0x10) shielded codes sent by a voice-mode modem (AT+FCLASS=8, IS-101 / V.253), from
// the tables in /work/shared/fixtures/callerid/dle_voice_events.json. The generic map is vgetty's
// IS_101_handle_dle(); vendor profiles override single codes where their manuals disagree.

export type DtmfDigit = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

export type VoiceEventKind =
  | 'bongTone'
  | 'dataOrFaxDetected'
  | 'busy'
  | 'faxCalling'
  | 'dialTone'
  | 'dataCalling'
  | 'invalidVoiceFormat'
  | 'loopBreak'
  | 'sitTone'
  | 'polarityReversal'
  | 'bufferOverrun'
  | 'bufferUnderrun'
  | 'silence'
  | 'noVoiceEnergy'
  | 'xon'
  | 'xoff'
  | 'ringback'
  | 'tdd'
  | 'timingMark'
  | 'voiceDetected'
  | 'callWaiting'
  | 'lostData'
  | 'endOfData';

export type DleMeaning =
  | { kind: 'ring' }
  | { kind: 'hook'; state: 'onHook' | 'offHook' }
  | { kind: 'dtmf'; digit: DtmfDigit }
  | { kind: 'voice'; event: VoiceEventKind }
  | { kind: 'shieldStart' } // <DLE>/ : DTMF shielding begins, digit repeats every 70 ms
  | { kind: 'shieldEnd' } // <DLE>~
  | { kind: 'literalDle' } // <DLE><DLE>: one 0x10 in the data stream
  | { kind: 'literalDleDle' }; // <DLE><SUB>: two 0x10 (vgetty: "Shielded <DLE> <DLE>")

export type DleProfile = 'generic' | 'rockwell' | 'lucent' | 'usr' | 'zyxel';

const voice = (event: VoiceEventKind): DleMeaning => ({ kind: 'voice', event });

const GENERIC = new Map<number, DleMeaning>();
for (const d of '0123456789*#ABCD') GENERIC.set(d.charCodeAt(0), { kind: 'dtmf', digit: d as DtmfDigit });
const table: Array<[string | number, DleMeaning]> = [
  [0x10, { kind: 'literalDle' }],
  [0x1a, { kind: 'literalDleDle' }],
  [0x03, voice('endOfData')],
  ['$', voice('bongTone')],
  ['/', { kind: 'shieldStart' }],
  ['~', { kind: 'shieldEnd' }],
  ['a', voice('dataOrFaxDetected')],
  ['b', voice('busy')],
  ['K', voice('busy')],
  ['c', voice('faxCalling')],
  ['m', voice('faxCalling')],
  ['d', voice('dialTone')],
  ['i', voice('dialTone')],
  ['e', voice('dataCalling')],
  ['f', voice('dataCalling')],
  ['E', voice('invalidVoiceFormat')],
  ['h', { kind: 'hook', state: 'onHook' }],
  ['p', { kind: 'hook', state: 'onHook' }],
  ['H', { kind: 'hook', state: 'offHook' }],
  ['P', { kind: 'hook', state: 'offHook' }],
  ['l', voice('loopBreak')],
  ['J', voice('sitTone')],
  ['L', voice('polarityReversal')],
  ['o', voice('bufferOverrun')],
  ['q', voice('silence')],
  ['Q', voice('xon')],
  ['r', voice('ringback')],
  ['R', { kind: 'ring' }],
  ['s', voice('noVoiceEnergy')],
  ['S', voice('xoff')],
  ['t', voice('tdd')],
  ['T', voice('timingMark')],
  ['u', voice('bufferUnderrun')],
  ['v', voice('voiceDetected')],
  ['V', voice('voiceDetected')],
  ['w', voice('callWaiting')],
  ['Y', voice('lostData')],
];
for (const [code, meaning] of table) GENERIC.set(typeof code === 'number' ? code : code.charCodeAt(0), meaning);

const OVERRIDES: Record<DleProfile, Array<[string, DleMeaning]>> = {
  generic: [],
  // Rockwell.c: <DLE>t = "local handset goes OFF hook" (generic: TDD detected).
  rockwell: [['t', { kind: 'hook', state: 'offHook' }]],
  // Lucent.c: "a single silence detection notification, that always reports as <DLE>-s".
  lucent: [['s', voice('silence')]],
  // USR prints * and # as "Extended Keypad DTMF E/F"; they are still the * and # keys.
  // Its spurious <DLE>d while playing/recording is handled by the session, which knows the mode.
  usr: [],
  // ZyXEL Omni 56K prints H as "local handset on-hook" (sic); the Omni 288S and every other
  // source say off-hook, so we keep the generic meaning and treat that page as a misprint.
  zyxel: [],
};

export function dleTable(profile: DleProfile = 'generic'): ReadonlyMap<number, DleMeaning> {
  const map = new Map(GENERIC);
  for (const [code, meaning] of OVERRIDES[profile]) map.set(code.charCodeAt(0), meaning);
  return map;
}

// Decoder for the Bellcore GR-30 / ETSI EN 300 659 on-hook data message that modems print in
// unformatted mode (AT+VCID=2, AT#CID=2) as ASCII hex, without the channel-seizure preamble.
//
// Layout: <type> <length> <data × length> <checksum>. "The length byte excludes itself, the type
// byte and the checksum"; the checksum is "the two's complement of the modulo 256 sum of all
// preceding bytes" (NCID-API.md), so all bytes including it sum to 0 mod 256. Modems do not check
// it in this mode ("it is the computer's job to check message validity", Multi-Tech), so we must.

import {
  absenceFromLetter,
  splitDateTime,
  toHex,
  type CallerIdRecord,
  type CidParameter,
} from './caller-id-record';

export const CidMessageType = {
  Sdmf: 0x04, // single data message, call setup
  SdmfMwi: 0x06, // single data message, message waiting
  Mdmf: 0x80, // multiple data message, call setup
  MdmfMwi: 0x82, // multiple data message, message waiting
} as const;

/** MDMF parameter codes (Dialogic CAS tables; ETSI numbering, shared by Bellcore for 01/02/04/07/08). */
export const CidParam = {
  DateTime: 0x01,
  Number: 0x02,
  CalledNumber: 0x03,
  NumberAbsence: 0x04,
  Name: 0x07,
  NameAbsence: 0x08,
  Redirecting: 0x1a,
} as const;

export type CidDecodeFailure =
  | 'too-short'
  | 'truncated'
  | 'missing-checksum'
  | 'checksum'
  | 'trailing-bytes'
  | 'param-overrun'
  | 'unsupported-type';

export type CidDecodeResult =
  | { ok: true; record: CallerIdRecord }
  | { ok: false; reason: CidDecodeFailure; detail: string };

const MESSAGE_TYPES = new Set<number>(Object.values(CidMessageType));

export function isCidMessageType(byte: number): boolean {
  return MESSAGE_TYPES.has(byte);
}

/** Two's complement of the mod-256 sum, i.e. the byte that makes the whole frame sum to 0. */
export function cidChecksum(bytes: Uint8Array): number {
  let sum = 0;
  for (const b of bytes) sum = (sum + b) & 0xff;
  return (0x100 - sum) & 0xff;
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Bytes needed for a whole frame given its first two bytes, or undefined if unknown yet. */
export function cidFrameLength(bytes: Uint8Array): number | undefined {
  const len = bytes[1];
  return len === undefined ? undefined : len + 3;
}

export function decodeCidMessage(bytes: Uint8Array): CidDecodeResult {
  const raw = toHex(bytes);
  const type = bytes[0];
  const len = bytes[1];
  if (type === undefined || len === undefined) {
    return { ok: false, reason: 'too-short', detail: `${bytes.length} byte(s)` };
  }
  const need = len + 3;
  if (bytes.length === need - 1) {
    return { ok: false, reason: 'missing-checksum', detail: `declared length ${len}, no checksum byte` };
  }
  if (bytes.length < need) {
    return { ok: false, reason: 'truncated', detail: `declared length ${len} needs ${need} bytes, got ${bytes.length}` };
  }
  const frame = bytes.subarray(0, need);
  const sent = frame[need - 1] as number;
  const expected = cidChecksum(frame.subarray(0, need - 1));
  if (sent !== expected) {
    const tail = bytes.length > need ? `, ${bytes.length - need} trailing byte(s)` : '';
    return {
      ok: false,
      reason: 'checksum',
      detail: `checksum 0x${hex2(sent)}, expected 0x${hex2(expected)} (declared length ${len}${tail})`,
    };
  }
  if (bytes.length > need) {
    return { ok: false, reason: 'trailing-bytes', detail: `${bytes.length - need} byte(s) after checksum` };
  }
  const data = frame.subarray(2, need - 1);
  if (type === CidMessageType.Sdmf) return { ok: true, record: decodeSdmf(data, raw) };
  if (type === CidMessageType.Mdmf) return decodeMdmf(data, raw);
  return { ok: false, reason: 'unsupported-type', detail: `message type 0x${hex2(type)} (not call setup)` };
}

function decodeSdmf(data: Uint8Array, raw: string): CallerIdRecord {
  const record: CallerIdRecord = { format: 'sdmf', raw };
  applyDateTime(record, latin1(data.subarray(0, 8)));
  const number = latin1(data.subarray(8));
  const absence = number.length === 1 ? absenceFromLetter(number) : undefined;
  if (absence) record.numberAbsence = absence;
  else if (number.length > 0) record.number = number;
  return record;
}

function decodeMdmf(data: Uint8Array, raw: string): CidDecodeResult {
  const record: CallerIdRecord = { format: 'mdmf', raw };
  let i = 0;
  while (i < data.length) {
    const param = data[i] as number;
    const plen = data[i + 1];
    if (plen === undefined || i + 2 + plen > data.length) {
      return { ok: false, reason: 'param-overrun', detail: `parameter 0x${hex2(param)} at offset ${i + 2} overruns the message` };
    }
    const value = data.subarray(i + 2, i + 2 + plen);
    applyParam(record, param, value);
    i += 2 + plen;
  }
  return { ok: true, record };
}

/** Applies one MDMF parameter (also used for formatted-mode MESG tags). */
export function applyParam(record: CallerIdRecord, param: number, value: Uint8Array): void {
  const text = latin1(value);
  switch (param) {
    case CidParam.DateTime:
      applyDateTime(record, text);
      return;
    case CidParam.Number:
      record.number = text;
      return;
    case CidParam.CalledNumber:
      // Bellcore calls 0x03 the Dialable Directory Number: the *caller's* number in dialable
      // form (Bell Canada MESG = 0307..., DDN_NMBR lines). ETSI uses 0x03 for the called line.
      // So it is the caller's number only when no calling number or absence reason came first.
      if (record.number === undefined && record.numberAbsence === undefined) record.number = text;
      else record.calledNumber = text;
      return;
    case CidParam.NumberAbsence: {
      const a = absenceFromLetter(text, true);
      if (a) record.numberAbsence = a;
      else addExtra(record, { param, dataHex: toHex(value) });
      return;
    }
    case CidParam.Name:
      record.name = text;
      return;
    case CidParam.NameAbsence: {
      const a = absenceFromLetter(text, true);
      if (a) record.nameAbsence = a;
      else addExtra(record, { param, dataHex: toHex(value) });
      return;
    }
    case CidParam.Redirecting:
      record.redirectingNumber = text;
      return;
    default:
      addExtra(record, { param, dataHex: toHex(value) });
  }
}

function applyDateTime(record: CallerIdRecord, text: string): void {
  const dt = splitDateTime(text);
  if (dt) {
    record.date = dt.date;
    record.time = dt.time;
  } else {
    (record.warnings ??= []).push(`invalid-datetime:${text}`);
  }
}

function addExtra(record: CallerIdRecord, p: CidParameter): void {
  (record.extra ??= []).push(p);
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Formatted-mode `MESG = <tag><len><data>[<checksum>]` in ASCII hex (Rockwell #CID manual).
 * Bell Canada's MESG = 030735353531323132 (mgetty cnd.c) carries no checksum byte, so a
 * trailing byte is accepted but not required.
 */
export function decodeMesg(hexText: string): { ok: true; param: number; value: Uint8Array } | { ok: false; detail: string } {
  if (!/^[0-9A-Fa-f]*$/.test(hexText)) return { ok: false, detail: 'not hex' };
  if (hexText.length % 2 !== 0) return { ok: false, detail: `odd number of hex digits (${hexText.length})` };
  const bytes = Buffer.from(hexText, 'hex');
  const param = bytes[0];
  const len = bytes[1];
  if (param === undefined || len === undefined) return { ok: false, detail: 'shorter than tag + length' };
  if (bytes.length < 2 + len) return { ok: false, detail: `length ${len} but only ${bytes.length - 2} data byte(s)` };
  if (bytes.length > 3 + len) return { ok: false, detail: `${bytes.length - 3 - len} byte(s) after checksum` };
  return { ok: true, param, value: new Uint8Array(bytes.subarray(2, 2 + len)) };
}

// One caller-ID presentation, whatever device or format it came from.

/**
 * Why a number or name is missing. Single letters per the sources: 'O' unavailable / out of
 * area, 'P' private (Rockwell #CID manual, Dialogic CAS tables), 'A' anonymous (NCID);
 * 'C' coin/public phone and 'S' service conflict come from the NTT table (MDMF only).
 */
export type AbsenceReason = 'unavailable' | 'private' | 'anonymous' | 'coin' | 'conflict';

export type CallerIdFormat =
  | 'formatted' // AT+VCID=1 / AT#CID=1 text tags
  | 'sdmf' // AT+VCID=2 message type 0x04
  | 'mdmf' // AT+VCID=2 message type 0x80
  | 'whozz' // CallerID.com Whozz Calling?
  | 'netcallerid'
  | 'weeder'
  | 'agentbox'; // Branchline agent box protocol

/** A decoded MESG / unknown MDMF parameter, kept so nothing the network sent is lost. */
export interface CidParameter {
  param: number;
  /** Payload as hex, so records stay JSON-friendly. */
  dataHex: string;
}

export interface CallerIdRecord {
  format: CallerIdFormat;
  /** MMDD as sent (some modems send 6 digits, e.g. YYMMDD; kept as received). */
  date?: string;
  /** HHMM, 24 h. */
  time?: string;
  number?: string;
  name?: string;
  numberAbsence?: AbsenceReason;
  nameAbsence?: AbsenceReason;
  /** Dialled / DDN number (MDMF 0x03, NDID=, TO:). */
  calledNumber?: string;
  /** Diverting / redirecting number (Telia "Diverting number:", ETSI 0x1A). */
  redirectingNumber?: string;
  /** Line or channel on multi-line boxes. */
  line?: string;
  /** Parameters we carry but do not interpret (MESG, unknown MDMF tags). */
  extra?: CidParameter[];
  /** Non-fatal oddities found while decoding (e.g. 'invalid-datetime'). */
  warnings?: string[];
  /** Exactly what arrived: text lines joined with \n, or the hex of a binary frame. */
  raw: string;
}

const LETTER_ABSENCE: Record<string, AbsenceReason> = {
  O: 'unavailable',
  P: 'private',
  A: 'anonymous',
};

const NTT_ABSENCE: Record<string, AbsenceReason> = { ...LETTER_ABSENCE, C: 'coin', S: 'conflict' };

/** Single-letter reason codes as used in NMBR/NAME values and MDMF 0x04/0x08. */
export function absenceFromLetter(value: string, ntt = false): AbsenceReason | undefined {
  return (ntt ? NTT_ABSENCE : LETTER_ABSENCE)[value.trim()];
}

/** Word forms printed by serial boxes and ZyXEL "REASON FOR NO ..." lines. */
export function absenceFromText(value: string): AbsenceReason | undefined {
  const v = value.trim().toUpperCase();
  const letter = absenceFromLetter(v);
  if (letter) return letter;
  if (/^(OUT[- ]OF[- ]AREA|UNAVAILABLE|NOT AVAILABLE|UNKNOWN(?: CALLER)?|-UNKNOWN CALLER-)$/.test(v)) {
    return 'unavailable';
  }
  if (/^(PRIVATE|BLOCKED|WITHHELD|RESTRICTED)$/.test(v)) return 'private';
  if (/^ANONYMOUS$/.test(v)) return 'anonymous';
  return undefined;
}

/** True when the record says anything about who is calling. */
export function hasIdentity(r: Partial<CallerIdRecord>): boolean {
  return (
    r.number !== undefined ||
    r.name !== undefined ||
    r.numberAbsence !== undefined ||
    r.nameAbsence !== undefined ||
    r.calledNumber !== undefined
  );
}

/** Validates an MMDDhhmm block; returns undefined for anything a calendar cannot hold. */
export function splitDateTime(mmddhhmm: string): { date: string; time: string } | undefined {
  const m = /^(\d\d)(\d\d)(\d\d)(\d\d)$/.exec(mmddhhmm);
  if (!m) return undefined;
  const [month, day, hour, minute] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59) return undefined;
  return { date: mmddhhmm.slice(0, 4), time: mmddhhmm.slice(4) };
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex').toUpperCase();
}

// Byte-level tokenizer for what a caller-ID modem sends: result codes, formatted caller ID
// (AT+VCID=1), unformatted hex frames (AT+VCID=2) and voice-mode <DLE> events. It is fed raw
// bytes in arbitrary chunks and never throws on bad input; anything it cannot use becomes a
// `badFrame` event with a reason.
//
// Why byte-level: a <DLE> code can arrive in the middle of a text line, blank lines carry
// meaning, and <DLE><DLE> is data. A line splitter would lose all three.
//
// When is a caller-ID record complete? Modems print no end marker, so any of:
//   - the next RING (text or <DLE>R): caller ID arrives between the first and second ring;
//   - a blank line, once the record already has both a number (or reason) and a name (or
//     reason). Modems put blank lines around RING and sometimes before the first tag
//     ("atcmd-china" fixture), so a blank line alone cannot end a half-read record;
//   - a tag that is already set (a second DATE or NMBR starts the next call);
//   - `recordTimeoutMs` of quiet after the last caller-ID line (injectable clock).

import { type CallerIdRecord, hasIdentity } from './caller-id-record';
import { applyParam, cidFrameLength, decodeCidMessage, decodeMesg, isCidMessageType } from './cid-message-decoder';
import { type DleMeaning, type DleProfile, type DtmfDigit, dleTable } from './dle-codes';
import { type CidField, parseFormattedCidLine } from './formatted-cid-parser';
import { type Clock, type TimerHandle, systemClock } from './serial-clock';
import { SerialEmitter, type Unsubscribe } from './serial-emitter';
import {
  type BadFrameReason,
  type ModemResultCode,
  type TokenizerEvent,
  escapeBytes,
} from './caller-id-tokenizer-events';

export interface CallerIdTokenizerOptions {
  clock?: Clock;
  /** Quiet time that ends a record with no other end marker. Caller ID prints in one burst
   * within ~1 s of the first ring and the next ring follows ~4 s later, so 1.5 s sits between. */
  recordTimeoutMs?: number;
  maxLineLength?: number;
  dleProfile?: DleProfile;
}

const DLE = 0x10;
const CR = 0x0d;
const LF = 0x0a;

const RESULT_CODES: ReadonlyArray<[RegExp, ModemResultCode]> = [
  [/^OK$/, 'OK'],
  [/^ERROR$/, 'ERROR'],
  [/^CONNECT(?:\s.*)?$/, 'CONNECT'],
  [/^NO CARRIER$/, 'NO CARRIER'],
  [/^BUSY$/, 'BUSY'],
  [/^NO DIAL ?TONE$/, 'NO DIALTONE'],
  [/^NO ANSWER$/, 'NO ANSWER'],
];

interface HexPending {
  bytes: Buffer;
  need: number;
  raw: string[];
}

export class CallerIdTokenizer {
  private readonly clock: Clock;
  private readonly recordTimeoutMs: number;
  private readonly maxLineLength: number;
  private readonly dle: ReadonlyMap<number, DleMeaning>;
  private readonly emitter = new SerialEmitter<{ event: TokenizerEvent }>();

  private line: number[] = [];
  private lineOverflowed = false;
  private lastWasCr = false;
  private afterDle = false;
  private shielding = false;
  private lastShieldedDigit: DtmfDigit | undefined;
  private record: CallerIdRecord | undefined;
  private rawLines: string[] = [];
  private hex: HexPending | undefined;
  private timer: TimerHandle | undefined;

  constructor(options: CallerIdTokenizerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.recordTimeoutMs = options.recordTimeoutMs ?? 1500;
    this.maxLineLength = options.maxLineLength ?? 512;
    this.dle = dleTable(options.dleProfile);
  }

  on(listener: (event: TokenizerEvent) => void): Unsubscribe {
    return this.emitter.on('event', listener);
  }

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.pushByte(b);
    this.armTimer();
  }

  /** End of stream: a partial line counts as a line, and pending records are closed. */
  flush(): void {
    this.cancelTimer();
    if (this.line.length > 0 || this.lineOverflowed) this.endLine();
    this.finishHex();
    this.completeRecord();
  }

  /** Forget everything in flight (port reopened: half a frame from before is meaningless). */
  reset(): void {
    this.cancelTimer();
    this.line = [];
    this.lineOverflowed = false;
    this.lastWasCr = false;
    this.afterDle = false;
    this.shielding = false;
    this.lastShieldedDigit = undefined;
    this.record = undefined;
    this.rawLines = [];
    this.hex = undefined;
  }

  dispose(): void {
    this.reset();
    this.emitter.removeAll();
  }

  private emit(event: TokenizerEvent): void {
    this.emitter.emit('event', event);
  }

  private bad(reason: BadFrameReason, detail: string, raw: string): void {
    this.emit({ type: 'badFrame', reason, detail, raw });
  }

  private pushByte(b: number): void {
    if (this.afterDle) {
      this.afterDle = false;
      this.handleDle(b);
      return;
    }
    if (b === DLE) {
      this.afterDle = true;
      return;
    }
    if (b === CR || b === LF) {
      // CR LF is one terminator; a lone CR or lone LF is one too.
      const swallow = b === LF && this.lastWasCr;
      this.lastWasCr = b === CR;
      if (!swallow) this.endLine();
      return;
    }
    this.lastWasCr = false;
    this.appendToLine(b);
  }

  private appendToLine(b: number): void {
    if (this.line.length >= this.maxLineLength) {
      if (!this.lineOverflowed) {
        this.bad('line-too-long', `more than ${this.maxLineLength} bytes without a line end`, escapeBytes(this.line.slice(0, 64)));
      }
      this.lineOverflowed = true;
      return;
    }
    this.line.push(b);
  }

  private handleDle(code: number): void {
    const meaning = this.dle.get(code);
    const codeText = escapeBytes([code]);
    if (!meaning) {
      this.bad('unknown-dle-code', `<DLE> followed by 0x${code.toString(16).padStart(2, '0')}`, `\\x10${codeText}`);
      return;
    }
    switch (meaning.kind) {
      case 'literalDle':
        this.appendToLine(DLE);
        return;
      case 'literalDleDle':
        this.appendToLine(DLE);
        this.appendToLine(DLE);
        return;
      case 'ring':
        this.completeRecord();
        this.emit({ type: 'ring', via: 'dle' });
        return;
      case 'hook':
        this.emit({ type: 'hook', state: meaning.state, via: 'dle' });
        return;
      case 'shieldStart':
        this.shielding = true;
        this.lastShieldedDigit = undefined;
        return;
      case 'shieldEnd':
        this.shielding = false;
        this.lastShieldedDigit = undefined;
        return;
      case 'dtmf':
        // IS-101: "<DLE><value> is repeated every 70 ms during tone" inside </>...<~>.
        if (this.shielding) {
          if (this.lastShieldedDigit === meaning.digit) return;
          this.lastShieldedDigit = meaning.digit;
        }
        this.emit({ type: 'dtmf', digit: meaning.digit });
        return;
      case 'voice':
        this.emit({ type: 'voiceEvent', kind: meaning.event, code: codeText });
        return;
    }
  }

  private endLine(): void {
    const bytes = this.line;
    this.line = [];
    if (this.lineOverflowed) {
      this.lineOverflowed = false;
      return; // already reported when it overflowed
    }
    const text = Buffer.from(bytes).toString('latin1');
    try {
      this.handleLine(text, bytes);
    } catch (err) {
      // A parser bug must not take the port down; report the line instead.
      this.bad('garbage', `internal parse error: ${(err as Error).message}`, escapeBytes(bytes));
    }
  }

  private handleLine(text: string, bytes: number[]): void {
    let rest = text.trim();
    if (rest === '') {
      if (this.record && isRecordRounded(this.record)) this.completeRecord();
      return;
    }
    if (/[\x00-\x08\x0b-\x1f\x7f]/.test(rest)) {
      this.bad('garbage', 'control bytes in a text line', escapeBytes(bytes));
      return;
    }
    if (this.hex) {
      if (/^[0-9A-Fa-f]+$/.test(rest) && rest.length % 2 === 0) {
        this.appendHex(rest);
        return;
      }
      this.finishHex();
    }
    const elsa = /^RING;([^;]*)(?:;(.*))?$/.exec(rest);
    if (elsa) {
      // ELSA MicroLink: "RING;<caller>;<called>" (mgetty cnd.c).
      this.completeRecord();
      this.emit({ type: 'ring', via: 'text' });
      this.applyFields([
        ...(elsa[1] ? [{ field: 'number', value: elsa[1] } as const] : []),
        ...(elsa[2] ? [{ field: 'calledNumber', value: elsa[2] } as const] : []),
      ], rest);
      this.completeRecord();
      return;
    }
    let m: RegExpExecArray | null;
    while ((m = /^RING(?:\s+|$)/.exec(rest))) {
      this.completeRecord();
      this.emit({ type: 'ring', via: 'text' });
      rest = rest.slice(m[0].length);
    }
    if (rest === '') return;
    for (const [re, code] of RESULT_CODES) {
      if (re.test(rest)) {
        this.emit({ type: 'result', code, text: rest });
        return;
      }
    }
    if (this.tryHexFrame(rest)) return;
    const fields = parseFormattedCidLine(rest);
    if (fields && fields.length > 0) {
      this.applyFields(fields, rest);
      return;
    }
    this.emit({ type: 'line', text: rest });
  }

  /** AT+VCID=2 output: the whole message as one run of hex digits, possibly wrapped. */
  private tryHexFrame(text: string): boolean {
    if (!/^[0-9A-Fa-f]{6,}$/.test(text)) return false;
    const type = Number.parseInt(text.slice(0, 2), 16);
    if (!isCidMessageType(type)) return false;
    this.completeRecord();
    if (text.length % 2 !== 0) {
      this.bad('odd-hex', `${text.length} hex digits`, text);
      return true;
    }
    const bytes = Buffer.from(text, 'hex');
    this.hex = { bytes, need: cidFrameLength(bytes) ?? 3, raw: [text] };
    if (bytes.length >= this.hex.need) this.finishHex();
    return true;
  }

  private appendHex(text: string): void {
    const h = this.hex;
    if (!h) return;
    h.bytes = Buffer.concat([h.bytes, Buffer.from(text, 'hex')]);
    h.raw.push(text);
    if (h.bytes.length >= h.need) this.finishHex();
  }

  private finishHex(): void {
    const h = this.hex;
    if (!h) return;
    this.hex = undefined;
    const result = decodeCidMessage(h.bytes);
    if (result.ok) this.emit({ type: 'callerId', record: result.record });
    else this.bad(result.reason, result.detail, h.raw.join(''));
  }

  private applyFields(fields: readonly CidField[], line: string): void {
    for (const f of fields) {
      if (this.record && startsNewRecord(this.record, f)) this.completeRecord();
      const r = (this.record ??= { format: 'formatted', raw: '' });
      if (f.field === 'mesg') {
        const mesg = decodeMesg(f.value);
        if (mesg.ok) applyParam(r, mesg.param, mesg.value);
        else this.bad('mesg-malformed', mesg.detail, `MESG = ${f.value}`);
      } else {
        (r as unknown as Record<string, string>)[f.field] = f.value;
      }
    }
    this.rawLines.push(line);
  }

  private completeRecord(): void {
    const r = this.record;
    if (!r) return;
    this.record = undefined;
    r.raw = this.rawLines.join('\n');
    this.rawLines = [];
    if (hasIdentity(r)) this.emit({ type: 'callerId', record: r });
    else if (r.date !== undefined || r.time !== undefined) {
      this.bad('incomplete-record', 'date/time but no number, name or reason', r.raw);
    }
  }

  private armTimer(): void {
    this.cancelTimer();
    if (!this.record && !this.hex && this.line.length === 0) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (this.line.length > 0 || this.lineOverflowed) this.endLine();
      this.finishHex();
      this.completeRecord();
    }, this.recordTimeoutMs);
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function isRecordRounded(r: CallerIdRecord): boolean {
  const numberKnown = r.number !== undefined || r.numberAbsence !== undefined;
  const nameKnown = r.name !== undefined || r.nameAbsence !== undefined;
  return numberKnown && nameKnown;
}

function startsNewRecord(r: CallerIdRecord, f: CidField): boolean {
  switch (f.field) {
    case 'date':
      return r.date !== undefined;
    case 'number':
    case 'numberAbsence':
      return r.number !== undefined || r.numberAbsence !== undefined;
    case 'name':
    case 'nameAbsence':
      return r.name !== undefined || r.nameAbsence !== undefined;
    default:
      return false;
  }
}

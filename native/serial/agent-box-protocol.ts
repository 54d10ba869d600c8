// Branchline agent box protocol v1: `$<seq>,<TYPE>[,<field>...]*<crc16>\r\n`.
// The normative description is AGENT-BOX-PROTOCOL.md beside this file.

import { SerialEmitter, type Unsubscribe } from './serial-emitter';
import { type BadFrame, escapeBytes } from './caller-id-tokenizer-events';
import type { DtmfDigit } from './dle-codes';

export const AGENT_BOX_PROTOCOL_VERSION = 1;
export const MAX_FRAME_BYTES = 240;

export type LedName = 'RING' | 'HOOK' | 'MUTE' | 'HOLD' | 'MSG' | 'POWER';
export type LedState = 'OFF' | 'ON' | 'BLINK';
export type ReasonLetter = '' | 'O' | 'P' | 'A';
export interface BoxInfo {
  protocol: number;
  firmware: string;
  model: string;
}

export type AgentBoxMessage =
  | { type: 'HELLO'; seq: number; info: BoxInfo }
  | { type: 'RING'; seq: number; line: number; count: number }
  | {
      type: 'CID';
      seq: number;
      line: number;
      date: string;
      time: string;
      number: string;
      name: string;
      numberReason: ReasonLetter;
      nameReason: ReasonLetter;
    }
  | { type: 'HOOK'; seq: number; line: number; state: 'OFF' | 'ON' }
  | { type: 'DTMF'; seq: number; line: number; digit: DtmfDigit }
  /** Without info it is the host's query; with info it is the box's reply. */
  | { type: 'VER'; seq: number; info?: BoxInfo }
  | { type: 'PING'; seq: number; token: string }
  | { type: 'PONG'; seq: number; token: string }
  | { type: 'LED'; seq: number; led: LedName; state: LedState }
  | { type: 'ACK'; seq: number }
  | { type: 'NAK'; seq: number; reason: string };

export type AgentBoxMessageType = AgentBoxMessage['type'];

const LEDS: readonly string[] = ['RING', 'HOOK', 'MUTE', 'HOLD', 'MSG', 'POWER'];
const LED_STATES: readonly string[] = ['OFF', 'ON', 'BLINK'];
const REASONS: readonly string[] = ['', 'O', 'P', 'A'];

/** CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final XOR. */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const b of bytes) {
    crc ^= b << 8;
    for (let i = 0; i < 8; i++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

// ---------------------------------------------------------------- encoding

function escapeField(value: string): string {
  let out = '';
  for (const b of Buffer.from(value, 'utf8')) {
    const special = b < 0x20 || b >= 0x7f || b === 0x25 || b === 0x24 || b === 0x2a || b === 0x2c;
    out += special ? `%${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b);
  }
  return out;
}

function fieldsOf(m: AgentBoxMessage): string[] {
  switch (m.type) {
    case 'HELLO':
      return [String(m.info.protocol), m.info.firmware, m.info.model];
    case 'VER':
      return m.info ? [String(m.info.protocol), m.info.firmware, m.info.model] : [];
    case 'RING':
      return [String(m.line), String(m.count)];
    case 'CID':
      return [String(m.line), m.date, m.time, m.number, m.name, m.numberReason, m.nameReason];
    case 'HOOK':
      return [String(m.line), m.state];
    case 'DTMF':
      return [String(m.line), m.digit];
    case 'PING':
    case 'PONG':
      return [m.token];
    case 'LED':
      return [m.led, m.state];
    case 'ACK':
      return [];
    case 'NAK':
      return [m.reason];
  }
}

export function encodeAgentBoxMessage(m: AgentBoxMessage): Uint8Array {
  if (!Number.isInteger(m.seq) || m.seq < 0 || m.seq > 0xff) throw new RangeError(`seq out of range: ${m.seq}`);
  const seq = m.seq.toString(16).toUpperCase().padStart(2, '0');
  const body = [seq, m.type, ...fieldsOf(m).map(escapeField)].join(',');
  const crc = crc16(Buffer.from(body, 'latin1')).toString(16).toUpperCase().padStart(4, '0');
  const frame = Buffer.from(`$${body}*${crc}\r\n`, 'latin1');
  if (frame.length > MAX_FRAME_BYTES) throw new RangeError(`frame is ${frame.length} bytes, max ${MAX_FRAME_BYTES}`);
  // Never emit what a peer would reject (unknown LED, bad digit...): that is a bug on our side.
  const check = parseAgentBoxFrame(frame.toString('latin1'));
  if (!check.ok) throw new RangeError(`refusing to encode an invalid ${m.type}: ${check.detail}`);
  return new Uint8Array(frame);
}

// ---------------------------------------------------------------- decoding

function unescapeField(text: string): string | undefined {
  if (/%(?![0-9A-Fa-f]{2})/.test(text)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '%') {
      bytes.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(text.charCodeAt(i));
  }
  return Buffer.from(bytes).toString('utf8');
}

type ParseResult = { ok: true; message: AgentBoxMessage } | { ok: false; reason: BadFrame['reason']; detail: string };

const isLine = (s: string | undefined) => s !== undefined && /^[1-9]\d?$/.test(s);
const fail = (reason: BadFrame['reason'], detail: string): ParseResult => ({ ok: false, reason, detail });

/** Parses one frame: `$...*CRCC` with or without the line end. */
export function parseAgentBoxFrame(frame: string): ParseResult {
  const m = /^\$([^$*]*)\*([0-9A-F]{4})\r?\n?$/.exec(frame);
  if (!m) return fail('bad-framing', 'not $<body>*<crc16>');
  const body = m[1] as string;
  const sent = Number.parseInt(m[2] as string, 16);
  const actual = crc16(Buffer.from(body, 'latin1'));
  if (sent !== actual) return fail('checksum', `crc ${m[2]}, expected ${actual.toString(16).toUpperCase().padStart(4, '0')}`);
  const parts = body.split(',');
  const [seqText, type, ...raw] = parts;
  if (!seqText || !/^[0-9A-F]{2}$/.test(seqText)) return fail('bad-framing', `bad seq "${seqText ?? ''}"`);
  const seq = Number.parseInt(seqText, 16);
  const f: string[] = [];
  for (const r of raw) {
    const u = unescapeField(r);
    if (u === undefined) return fail('bad-framing', `bad %-escape in "${r}"`);
    f.push(u);
  }
  const arity = (n: number) => f.length === n;
  const bad = (why: string) => fail('unknown-message', `${type}: ${why}`);
  const info = (): BoxInfo | undefined =>
    /^\d+$/.test(f[0] ?? '') ? { protocol: Number(f[0]), firmware: f[1] ?? '', model: f[2] ?? '' } : undefined;
  switch (type) {
    case 'HELLO': {
      const i = arity(3) ? info() : undefined;
      return i ? { ok: true, message: { type, seq, info: i } } : bad('needs protocol,firmware,model');
    }
    case 'VER': {
      if (arity(0)) return { ok: true, message: { type, seq } };
      const i = arity(3) ? info() : undefined;
      return i ? { ok: true, message: { type, seq, info: i } } : bad('needs 0 or 3 fields');
    }
    case 'RING':
      return arity(2) && isLine(f[0]) && /^\d{1,3}$/.test(f[1] ?? '')
        ? { ok: true, message: { type, seq, line: Number(f[0]), count: Number(f[1]) } }
        : bad('needs line,count');
    case 'CID': {
      const [line, date, time, number, name, nr, mr] = f as [string, string, string, string, string, string, string];
      if (!arity(7) || !isLine(line)) return bad('needs 7 fields');
      if (!/^(\d{4})?$/.test(date) || !/^(\d{4})?$/.test(time)) return bad('date/time must be MMDD/HHMM');
      if (!REASONS.includes(nr) || !REASONS.includes(mr)) return bad('reason must be empty, O, P or A');
      return {
        ok: true,
        message: { type, seq, line: Number(line), date, time, number, name, numberReason: nr as ReasonLetter, nameReason: mr as ReasonLetter },
      };
    }
    case 'HOOK':
      return arity(2) && isLine(f[0]) && (f[1] === 'ON' || f[1] === 'OFF')
        ? { ok: true, message: { type, seq, line: Number(f[0]), state: f[1] } }
        : bad('needs line,ON|OFF');
    case 'DTMF':
      return arity(2) && isLine(f[0]) && /^[0-9*#A-D]$/.test(f[1] ?? '')
        ? { ok: true, message: { type, seq, line: Number(f[0]), digit: f[1] as DtmfDigit } }
        : bad('needs line,digit');
    case 'PING':
    case 'PONG':
      return arity(1) ? { ok: true, message: { type, seq, token: f[0] ?? '' } } : bad('needs token');
    case 'LED':
      return arity(2) && LEDS.includes(f[0] ?? '') && LED_STATES.includes(f[1] ?? '')
        ? { ok: true, message: { type, seq, led: f[0] as LedName, state: f[1] as LedState } }
        : bad('needs known LED and OFF|ON|BLINK');
    case 'ACK':
      return arity(0) ? { ok: true, message: { type, seq } } : bad('takes no fields');
    case 'NAK':
      return arity(1) ? { ok: true, message: { type, seq, reason: f[0] ?? '' } } : bad('needs reason');
    default:
      return fail('unknown-message', `unknown type "${type ?? ''}"`);
  }
}

export type AgentBoxDecoderEvent = { type: 'message'; message: AgentBoxMessage } | ({ type: 'badFrame' } & BadFrame);

/**
 * Byte-level frame splitter + parser. Resynchronises on every `$`, so noise, a cut-off frame or
 * a frame with a bad CRC costs only that frame.
 */
export class AgentBoxDecoder {
  private readonly emitter = new SerialEmitter<{ event: AgentBoxDecoderEvent }>();
  private frame: number[] | undefined;
  private noise: number[] = [];
  private overflowed = false;

  on(listener: (e: AgentBoxDecoderEvent) => void): Unsubscribe {
    return this.emitter.on('event', listener);
  }

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.pushByte(b);
  }

  /** End of stream: report leftover noise or a frame that never ended. */
  flush(): void {
    this.reportNoise();
    if (this.frame && !this.overflowed) this.bad('truncated', 'stream ended inside a frame', this.frame);
    this.frame = undefined;
    this.overflowed = false;
  }

  reset(): void {
    this.frame = undefined;
    this.noise = [];
    this.overflowed = false;
  }

  private bad(reason: BadFrame['reason'], detail: string, raw: number[]): void {
    this.emitter.emit('event', { type: 'badFrame', reason, detail, raw: escapeBytes(raw) });
  }

  private reportNoise(): void {
    // CR/LF between frames is not noise: a box may send blank lines.
    const real = this.noise.filter((b) => b !== 0x0d && b !== 0x0a);
    if (real.length > 0) this.bad('garbage', `${real.length} byte(s) outside a frame`, this.noise.slice(0, 64));
    this.noise = [];
  }

  private pushByte(b: number): void {
    if (b === 0x24 /* $ */) {
      this.reportNoise();
      if (this.frame && !this.overflowed) this.bad('truncated', 'frame cut off by a new $', this.frame);
      this.frame = [b];
      this.overflowed = false;
      return;
    }
    if (!this.frame) {
      // Noise is reported per run (up to a line end or the next $), never per chunk, so how
      // the OS splits reads cannot change what we report.
      this.noise.push(b);
      if (b === 0x0a || this.noise.length >= MAX_FRAME_BYTES) this.reportNoise();
      return;
    }
    if (b === 0x0a) {
      const frame = this.frame;
      this.frame = undefined;
      if (this.overflowed) return;
      const parsed = parseAgentBoxFrame(Buffer.from(frame).toString('latin1'));
      if (parsed.ok) this.emitter.emit('event', { type: 'message', message: parsed.message });
      else this.bad(parsed.reason, parsed.detail, frame);
      return;
    }
    if (this.frame.length >= MAX_FRAME_BYTES) {
      if (!this.overflowed) this.bad('line-too-long', `frame longer than ${MAX_FRAME_BYTES} bytes`, this.frame.slice(0, 64));
      this.overflowed = true;
      return;
    }
    this.frame.push(b);
  }
}

// A serial agent box: either a Branchline box speaking AGENT-BOX-PROTOCOL.md (request/reply
// with seq, retries, ACKs, PING heartbeat, LEDs) or a read-only third-party caller-ID unit
// (Whozz Calling?, NetCallerID, Weeder) that just prints lines.

import {
  AgentBoxDecoder,
  type AgentBoxDecoderEvent,
  type AgentBoxMessage,
  type BoxInfo,
  type LedName,
  type LedState,
  type ReasonLetter,
  encodeAgentBoxMessage,
} from './agent-box-protocol';
import { type AbsenceReason, type CallerIdRecord, absenceFromLetter } from './caller-id-record';
import { type CidBoxKind, parseCidBoxLine } from './cid-box-line-parser';
import { escapeBytes } from './caller-id-tokenizer-events';
import { SerialError, SerialErrorCode } from './serial-error';
import { SerialSessionBase, type SerialSessionEvents, type SerialSessionOptions } from './serial-session-base';

export const ALL_LEDS: readonly LedName[] = ['RING', 'HOOK', 'MUTE', 'HOLD', 'MSG', 'POWER'];

export interface AgentBoxSessionOptions extends SerialSessionOptions {
  protocol?: 'branchline' | CidBoxKind;
  /** Wait for one reply before resending (protocol: 500 ms). */
  replyTimeoutMs?: number;
  /** Resends after the first try (protocol: 2). */
  resends?: number;
}

export interface AgentBoxSessionEvents extends SerialSessionEvents {
  version: BoxInfo;
}

type Request = Extract<AgentBoxMessage, { type: 'VER' | 'PING' | 'LED' }>;
type RequestWithoutSeq = Request extends infer R ? (R extends Request ? Omit<R, 'seq'> : never) : never;

const DEDUP_WINDOW = 8;
const MAX_BOX_LINE = 256;

export class AgentBoxSession extends SerialSessionBase<AgentBoxSessionEvents> {
  private readonly protocol: 'branchline' | CidBoxKind;
  private readonly replyTimeoutMs: number;
  private readonly resends: number;
  private readonly decoder = new AgentBoxDecoder();
  private readonly replyWaiters = new Map<number, (m: AgentBoxMessage) => void>();
  private recentPeerSeqs: number[] = [];
  private nextSeq = 1;
  private boxLine: number[] = [];
  private infoValue: BoxInfo | undefined;

  constructor(options: AgentBoxSessionOptions) {
    super(options, { baudRate: 115_200, heartbeatMs: options.protocol && options.protocol !== 'branchline' ? 0 : 15_000 });
    this.protocol = options.protocol ?? 'branchline';
    this.replyTimeoutMs = options.replyTimeoutMs ?? 500;
    this.resends = options.resends ?? 2;
    this.decoder.on((e) => this.onDecoded(e));
  }

  get info(): BoxInfo | undefined {
    return this.infoValue;
  }

  async setLed(led: LedName, state: LedState): Promise<void> {
    if (this.protocol !== 'branchline') throw new SerialError(SerialErrorCode.HwUnavailable, `${this.protocol} boxes have no LEDs`);
    await this.request({ type: 'LED', led, state });
  }

  protected override async initialize(): Promise<void> {
    if (this.protocol !== 'branchline') return; // read-only units: open port = ready
    const reply = await this.request({ type: 'VER' });
    if (reply.type !== 'VER' || !reply.info) throw new SerialError(SerialErrorCode.SerialBadFrame, 'VER reply without info');
    this.infoValue = reply.info;
    this.emit('version', reply.info);
    // The box may keep LED state from a previous host; start from dark.
    for (const led of ALL_LEDS) await this.request({ type: 'LED', led, state: 'OFF' });
  }

  protected override async heartbeat(): Promise<void> {
    const token = this.clock.now().toString(36);
    const reply = await this.request({ type: 'PING', token });
    if (reply.type !== 'PONG' || reply.token !== token) throw new SerialError(SerialErrorCode.SerialBadFrame, 'PONG token mismatch');
  }

  protected override handleData(chunk: Uint8Array): void {
    if (this.protocol === 'branchline') {
      this.decoder.push(chunk);
      return;
    }
    for (const b of chunk) {
      if (b === 0x0a || b === 0x0d) this.endBoxLine();
      else if (this.boxLine.length < MAX_BOX_LINE) this.boxLine.push(b);
    }
  }

  protected override resetParsers(): void {
    this.decoder.reset();
    this.boxLine = [];
    this.recentPeerSeqs = [];
    this.replyWaiters.clear();
  }

  /** Sends a command and resolves with the reply carrying the same seq; NAK rejects. */
  private async request(req: RequestWithoutSeq): Promise<AgentBoxMessage> {
    const seq = this.nextSeq;
    this.nextSeq = (this.nextSeq + 1) & 0xff;
    const frame = encodeAgentBoxMessage({ ...req, seq } as AgentBoxMessage);
    let lastErr: unknown;
    for (let i = 0; i <= this.resends; i++) {
      const reply = this.waitFor<AgentBoxMessage>(this.replyTimeoutMs, `${req.type} seq ${seq}`, (resolve) => {
        this.replyWaiters.set(seq, resolve);
        return () => {
          if (this.replyWaiters.get(seq) === resolve) this.replyWaiters.delete(seq);
        };
      });
      this.write(frame).catch(() => {});
      try {
        const m = await reply;
        if (m.type === 'NAK') throw new SerialError(SerialErrorCode.SerialRejected, `${req.type} refused: ${m.reason}`);
        return m;
      } catch (err) {
        lastErr = err;
        if (!(err instanceof SerialError) || err.code !== SerialErrorCode.SerialTimeout) throw err;
      }
    }
    throw lastErr;
  }

  private onDecoded(e: AgentBoxDecoderEvent): void {
    if (e.type === 'badFrame') {
      this.emit('badFrame', { reason: e.reason, detail: e.detail, raw: e.raw });
      return;
    }
    const m = e.message;
    switch (m.type) {
      case 'ACK':
      case 'NAK':
      case 'PONG':
        this.replyWaiters.get(m.seq)?.(m);
        return;
      case 'VER':
        if (m.info) this.replyWaiters.get(m.seq)?.(m);
        else this.answer({ type: 'NAK', seq: m.seq, reason: 'UNKNOWN' }); // hosts do not answer VER
        return;
      case 'PING':
      case 'LED':
        this.answer({ type: 'NAK', seq: m.seq, reason: 'UNKNOWN' });
        return;
      case 'HELLO':
      case 'RING':
      case 'CID':
      case 'HOOK':
      case 'DTMF':
        this.answer({ type: 'ACK', seq: m.seq });
        if (this.recentPeerSeqs.includes(m.seq)) return; // a resend we already acted on
        this.recentPeerSeqs = [...this.recentPeerSeqs, m.seq].slice(-DEDUP_WINDOW);
        this.onBoxEvent(m);
        return;
    }
  }

  private onBoxEvent(m: Extract<AgentBoxMessage, { type: 'HELLO' | 'RING' | 'CID' | 'HOOK' | 'DTMF' }>): void {
    switch (m.type) {
      case 'HELLO':
        // A restarted box restarts its seq too; older seqs must not be taken for resends.
        this.recentPeerSeqs = [m.seq];
        this.infoValue = m.info;
        this.reinitialize('box announced a restart (HELLO)');
        return;
      case 'RING':
        this.emit('ring', { via: 'box', line: m.line, count: m.count });
        return;
      case 'CID':
        this.emit('callerId', cidToRecord(m));
        return;
      case 'HOOK':
        this.emit('hook', { state: m.state === 'OFF' ? 'offHook' : 'onHook', line: m.line });
        return;
      case 'DTMF':
        this.emit('dtmf', { digit: m.digit, line: m.line });
        return;
    }
  }

  private answer(m: AgentBoxMessage): void {
    this.write(encodeAgentBoxMessage(m)).catch(() => {});
  }

  private endBoxLine(): void {
    const bytes = this.boxLine;
    this.boxLine = [];
    const text = Buffer.from(bytes).toString('latin1').trim();
    if (text === '') return;
    const parsed = parseCidBoxLine(text, this.protocol as CidBoxKind);
    if (!parsed) {
      this.emit('badFrame', { reason: 'unknown-message', detail: `not a ${this.protocol} line`, raw: escapeBytes(bytes) });
      return;
    }
    if (parsed.kind === 'whozz') {
      if (parsed.phase === 'end' || parsed.direction === 'out') return; // no caller to announce
      if (!parsed.checksumOk) {
        this.emit('badFrame', { reason: 'box-reported-bad-checksum', detail: 'Whozz Calling? flagged B', raw: text });
        return;
      }
    }
    this.emit('callerId', parsed.record);
  }
}

function reason(letter: ReasonLetter): AbsenceReason | undefined {
  return letter === '' ? undefined : absenceFromLetter(letter);
}

export function cidToRecord(m: Extract<AgentBoxMessage, { type: 'CID' }>): CallerIdRecord {
  const r: CallerIdRecord = { format: 'agentbox', raw: encodeRaw(m), line: String(m.line) };
  if (m.date) r.date = m.date;
  if (m.time) r.time = m.time;
  if (m.number) r.number = m.number;
  if (m.name) r.name = m.name;
  const nr = reason(m.numberReason);
  const mr = reason(m.nameReason);
  if (nr) r.numberAbsence = nr;
  if (mr) r.nameAbsence = mr;
  return r;
}

function encodeRaw(m: AgentBoxMessage): string {
  return Buffer.from(encodeAgentBoxMessage(m)).toString('latin1').trimEnd();
}

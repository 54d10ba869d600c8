// A Branchline agent box simulator speaking AGENT-BOX-PROTOCOL.md byte for byte: answers VER,
// PING and LED (ACK, or NAK,BADARG), ACKs nothing it did not understand, and sends scripted
// events (HELLO, RING, CID, HOOK, DTMF) with its own seq, resending unacknowledged events as
// the protocol asks when `resendMs` is set.

import {
  AgentBoxDecoder,
  type AgentBoxMessage,
  type BoxInfo,
  type LedName,
  type LedState,
  type ReasonLetter,
  encodeAgentBoxMessage,
} from '../serial/agent-box-protocol';
import type { SerialConnection } from '../serial/binding';
import type { DtmfDigit } from '../serial/dle-codes';
import type { Unsubscribe } from '../serial/serial-emitter';
import { type SimStep, hexToBytes, sleep } from './serial-sim-script';

export interface AgentBoxSimOptions {
  info?: BoxInfo;
  /** Never answers: a box that hung, for heartbeat tests. */
  silent?: boolean;
  /** Resend an unacknowledged event after this many ms, at most twice (0 = never). */
  resendMs?: number;
}

type BoxEvent = Extract<AgentBoxMessage, { type: 'HELLO' | 'RING' | 'CID' | 'HOOK' | 'DTMF' }>;
type EventWithoutSeq = BoxEvent extends infer E ? (E extends BoxEvent ? Omit<E, 'seq'> : never) : never;

export const DEFAULT_BOX_INFO: BoxInfo = { protocol: 1, firmware: '1.0.0-sim', model: 'BL-AB1-SIM' };

export class AgentBoxSim {
  /** Every valid message received from the host. */
  readonly received: AgentBoxMessage[] = [];
  /** Host frames the decoder rejected (bad CRC etc.). */
  badFrames = 0;
  readonly leds = new Map<LedName, LedState>();
  private readonly acked = new Set<number>();
  private readonly decoder = new AgentBoxDecoder();
  private readonly unsubscribe: Unsubscribe;
  private readonly waiters: Array<{ match: (m: AgentBoxMessage) => boolean; resolve: () => void }> = [];
  private seq = 0x40; // distinct from the host's range in logs, nothing else

  constructor(
    private readonly conn: SerialConnection,
    private readonly options: AgentBoxSimOptions = {},
  ) {
    this.decoder.on((e) => {
      if (e.type === 'badFrame') this.badFrames += 1;
      else this.onMessage(e.message);
    });
    this.unsubscribe = conn.onData((chunk) => this.decoder.push(chunk));
  }

  get info(): BoxInfo {
    return this.options.info ?? DEFAULT_BOX_INFO;
  }

  dispose(): void {
    this.unsubscribe();
  }

  send(data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'latin1')) : data;
    return this.conn.write(bytes).catch(() => {});
  }

  /** Sends an event; with resendMs, repeats it (same seq) until ACKed, at most twice more. */
  async event(ev: EventWithoutSeq): Promise<number> {
    const seq = this.seq;
    this.seq = (this.seq + 1) & 0xff;
    const frame = encodeAgentBoxMessage({ ...ev, seq } as AgentBoxMessage);
    await this.send(frame);
    const resendMs = this.options.resendMs ?? 0;
    for (let i = 0; resendMs > 0 && i < 2 && !this.acked.has(seq); i++) {
      await sleep(resendMs);
      if (!this.acked.has(seq)) await this.send(frame);
    }
    return seq;
  }

  wasAcked(seq: number): boolean {
    return this.acked.has(seq);
  }

  hello(): Promise<number> {
    return this.event({ type: 'HELLO', info: this.info });
  }

  ring(line = 1, count = 1): Promise<number> {
    return this.event({ type: 'RING', line, count });
  }

  callerId(cid: { date?: string; time?: string; number?: string; name?: string; numberReason?: string; nameReason?: string }, line = 1): Promise<number> {
    return this.event({
      type: 'CID',
      line,
      date: cid.date ?? '',
      time: cid.time ?? '',
      number: cid.number ?? '',
      name: cid.name ?? '',
      numberReason: (cid.numberReason ?? '') as ReasonLetter,
      nameReason: (cid.nameReason ?? '') as ReasonLetter,
    });
  }

  /** Resolves when a host message matching `spec` arrived: "LED" or "LED,RING,BLINK". */
  waitFor(spec: string, timeoutMs = 5_000): Promise<void> {
    const match = (m: AgentBoxMessage) => matches(m, spec);
    if (this.received.some(match)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { match, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`agent box sim: no "${spec}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async runScript(steps: readonly SimStep[]): Promise<void> {
    for (const step of steps) {
      if ('expect' in step) await this.waitFor(step.expect, step.timeoutMs);
      else if ('send' in step) await this.send(step.send);
      else if ('sendHex' in step) await this.send(hexToBytes(step.sendHex));
      else if ('ring' in step) for (let i = 1; i <= step.ring; i++) await this.ring(step.line ?? 1, i);
      else if ('callerId' in step) await this.callerId(step.callerId, step.line ?? 1);
      else if ('hook' in step) await this.event({ type: 'HOOK', line: step.line ?? 1, state: step.hook });
      else if ('dtmf' in step) for (const d of step.dtmf) await this.event({ type: 'DTMF', line: step.line ?? 1, digit: d as DtmfDigit });
      else if ('dle' in step) throw new Error('agent box sim: "dle" steps are for the modem sim');
      if (step.delayMs) await sleep(step.delayMs);
    }
  }

  private reply(m: AgentBoxMessage): void {
    if (!this.options.silent) void this.send(encodeAgentBoxMessage(m));
  }

  private onMessage(m: AgentBoxMessage): void {
    this.received.push(m);
    switch (m.type) {
      case 'VER':
        if (!m.info) this.reply({ type: 'VER', seq: m.seq, info: this.info });
        break;
      case 'PING':
        this.reply({ type: 'PONG', seq: m.seq, token: m.token });
        break;
      case 'LED':
        if (!this.options.silent) this.leds.set(m.led, m.state);
        this.reply({ type: 'ACK', seq: m.seq });
        break;
      case 'ACK':
        this.acked.add(m.seq);
        break;
      case 'NAK':
      case 'PONG':
        break;
      default:
        this.reply({ type: 'NAK', seq: m.seq, reason: 'UNKNOWN' });
    }
    for (const w of [...this.waiters]) {
      if (w.match(m)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }
}

function matches(m: AgentBoxMessage, spec: string): boolean {
  const [type, ...fields] = spec.split(',');
  if (m.type !== type) return false;
  if (m.type === 'LED') return fields.every((f, i) => f === [m.led, m.state][i]);
  if (m.type === 'PING') return fields.length === 0 || fields[0] === m.token;
  return fields.length === 0;
}

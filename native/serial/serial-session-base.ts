// Port lifecycle shared by ModemSession and AgentBoxSession: open, initialise, heartbeat,
// detect loss (close/error/heartbeat), back off, reopen and re-initialise. Subclasses supply the
// device dialogue (initialize/heartbeat/handleData); the state machine lives here, in one
// transition(). See serial-session-state.ts for the diagram.

import type { SerialBinding, SerialConnection } from './binding';
import type { CallerIdRecord } from './caller-id-record';
import type { BadFrame } from './caller-id-tokenizer-events';
import type { DtmfDigit } from './dle-codes';
import { type Clock, type TimerHandle, systemClock } from './serial-clock';
import { SerialEmitter, type Unsubscribe } from './serial-emitter';
import { SerialError, SerialErrorCode } from './serial-error';
import {
  type BackoffPolicy,
  DEFAULT_BACKOFF,
  SerialSessionState,
  backoffDelay,
  isLegalTransition,
} from './serial-session-state';

/** pino-compatible subset, so the host can pass `logger.child({ mod: 'native.serial.modem' })`. */
export interface SerialLogger {
  info(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

const silentLogger: SerialLogger = { info() {}, debug() {}, warn() {} };

export interface SerialSessionOptions {
  binding: SerialBinding;
  /** A path, or a resolver called before every open (rediscovery after replug). */
  path: string | (() => Promise<string>);
  baudRate?: number;
  clock?: Clock;
  backoff?: BackoffPolicy;
  /** 0 disables the heartbeat. */
  heartbeatMs?: number;
  /** Consecutive failed heartbeats that count as a lost device. */
  heartbeatMisses?: number;
  logger?: SerialLogger;
}

export interface SerialSessionEvents {
  state: { from: SerialSessionState; to: SerialSessionState; reason: string };
  connected: { path: string };
  disconnected: { path: string; code: SerialErrorCode; reason: string };
  callerId: CallerIdRecord;
  ring: { via: 'text' | 'dle' | 'box'; line?: number; count?: number };
  hook: { state: 'onHook' | 'offHook'; line?: number };
  dtmf: { digit: DtmfDigit; line?: number };
  badFrame: BadFrame;
}

interface Pending {
  reject(err: Error): void;
}

export abstract class SerialSessionBase<Events extends SerialSessionEvents = SerialSessionEvents> {
  protected readonly clock: Clock;
  protected readonly logger: SerialLogger;
  protected readonly events: SerialEmitter<Events>;
  private readonly opts: Required<Omit<SerialSessionOptions, 'logger' | 'clock'>>;
  private stateValue = SerialSessionState.Idle;
  private conn: SerialConnection | undefined;
  private connPath = '';
  private unsubs: Unsubscribe[] = [];
  private attempt = 0;
  private backoffTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private heartbeatFailures = 0;
  private readonly pending = new Set<Pending>();

  protected constructor(options: SerialSessionOptions, defaults: { baudRate: number; heartbeatMs: number }) {
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger ?? silentLogger;
    this.events = new SerialEmitter<Events>((err) => this.logger.warn({ err }, 'serial event listener threw'));
    this.opts = {
      binding: options.binding,
      path: options.path,
      baudRate: options.baudRate ?? defaults.baudRate,
      backoff: options.backoff ?? DEFAULT_BACKOFF,
      heartbeatMs: options.heartbeatMs ?? defaults.heartbeatMs,
      heartbeatMisses: options.heartbeatMisses ?? 2,
    };
  }

  get state(): SerialSessionState {
    return this.stateValue;
  }

  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Unsubscribe {
    return this.events.on(name, listener);
  }

  start(): void {
    this.transition(SerialSessionState.Opening, 'start');
    void this.connect();
  }

  async close(): Promise<void> {
    if (this.stateValue === SerialSessionState.Closed) return;
    const wasReady = this.stateValue === SerialSessionState.Ready;
    this.transition(SerialSessionState.Closed, 'close requested');
    this.clearTimers();
    this.rejectPending(new SerialError(SerialErrorCode.SerialClosed, 'session closed'));
    await this.dropConnection();
    if (wasReady) this.emitDisconnected(SerialErrorCode.SerialClosed, 'closed');
    this.events.removeAll();
  }

  // ------------------------------------------------------------ for subclasses

  /** Device dialogue after open; throw to fail this attempt (the session backs off and retries). */
  protected abstract initialize(): Promise<void>;
  /** One liveness probe; throw (or reject) when the device did not answer. */
  protected abstract heartbeat(): Promise<void>;
  protected abstract handleData(chunk: Uint8Array): void;
  /** Drop parser state: bytes from before a reopen must not join bytes after it. */
  protected abstract resetParsers(): void;

  protected emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    this.events.emit(name, payload);
  }

  protected async write(data: Uint8Array): Promise<void> {
    const conn = this.conn;
    if (!conn) throw new SerialError(SerialErrorCode.HwDeviceLost, 'no open port');
    try {
      await conn.write(data);
    } catch (err) {
      // A failed write is the surest sign of a vanished device: serialport can miss a pty or
      // USB hang-up that lands while its read loop is between polls, but writes always fail.
      if (this.conn === conn) this.deviceLost(`write failed: ${(err as Error).message}`);
      throw err;
    }
  }

  /**
   * A promise settled by `settle` or rejected with BL_ERR_SERIAL_TIMEOUT after `ms`; also
   * rejected if the connection drops or the session closes.
   */
  protected waitFor<T>(ms: number, what: string, arm: (resolve: (v: T) => void, reject: (e: Error) => void) => Unsubscribe): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let cleanup: Unsubscribe = () => {};
      const entry: Pending = {
        reject: (err) => {
          done();
          reject(err);
        },
      };
      const timer = this.clock.setTimeout(() => entry.reject(new SerialError(SerialErrorCode.SerialTimeout, `${what}: no answer in ${ms} ms`)), ms);
      const done = () => {
        this.clock.clearTimeout(timer);
        this.pending.delete(entry);
        cleanup();
      };
      this.pending.add(entry);
      cleanup = arm(
        (v) => {
          done();
          resolve(v);
        },
        (e) => entry.reject(e),
      );
    });
  }

  /** Re-run initialize() on a live port (e.g. the box announced a restart). */
  protected reinitialize(reason: string): void {
    if (this.stateValue !== SerialSessionState.Ready) return;
    this.stopHeartbeat();
    this.transition(SerialSessionState.Initializing, reason);
    void this.runInit();
  }

  /** Called by subclasses or listeners when the device is gone. */
  protected deviceLost(reason: string, code: SerialErrorCode = SerialErrorCode.HwDeviceLost): void {
    const s = this.stateValue;
    if (s !== SerialSessionState.Initializing && s !== SerialSessionState.Ready && s !== SerialSessionState.Opening) return;
    const wasReady = s === SerialSessionState.Ready;
    this.stopHeartbeat();
    this.rejectPending(new SerialError(code, reason));
    void this.dropConnection();
    if (wasReady) this.emitDisconnected(code, reason);
    this.scheduleReconnect(reason);
  }

  // ------------------------------------------------------------ lifecycle

  private transition(to: SerialSessionState, reason: string): void {
    const from = this.stateValue;
    if (!isLegalTransition(from, to)) {
      // A bug, not a device problem: the session must never silently jump states.
      throw new Error(`illegal serial session transition ${from} -> ${to} (${reason})`);
    }
    this.stateValue = to;
    this.logger.info({ from, to, reason, path: this.connPath }, 'serial session state');
    this.emit('state', { from, to, reason } as Events['state']);
  }

  private async connect(): Promise<void> {
    let path = '';
    try {
      path = typeof this.opts.path === 'string' ? this.opts.path : await this.opts.path();
      this.connPath = path;
      const conn = await this.opts.binding.open(path, { baudRate: this.opts.baudRate });
      if (this.stateValue !== SerialSessionState.Opening) {
        await conn.close(); // closed while we were opening
        return;
      }
      this.conn = conn;
      this.unsubs = [
        conn.onData((chunk) => this.handleData(chunk)),
        conn.onClose(({ lost, error }) => {
          if (lost) this.deviceLost(`port closed${error ? `: ${error.message}` : ''}`);
        }),
        conn.onError((err) => this.deviceLost(`port error: ${err.message}`)),
      ];
    } catch (err) {
      if (this.stateValue === SerialSessionState.Opening) this.scheduleReconnect(`open ${path || '(unresolved)'} failed: ${(err as Error).message}`);
      return;
    }
    this.resetParsers();
    this.transition(SerialSessionState.Initializing, 'port open');
    await this.runInit();
  }

  private async runInit(): Promise<void> {
    try {
      await this.initialize();
    } catch (err) {
      if (this.stateValue === SerialSessionState.Initializing) this.deviceLost(`init failed: ${(err as Error).message}`, codeOf(err));
      return;
    }
    if (this.stateValue !== SerialSessionState.Initializing) return;
    this.attempt = 0;
    this.transition(SerialSessionState.Ready, 'initialised');
    this.emit('connected', { path: this.connPath } as Events['connected']);
    this.startHeartbeat();
  }

  private scheduleReconnect(reason: string): void {
    this.attempt += 1;
    const delay = backoffDelay(this.opts.backoff, this.attempt);
    this.transition(SerialSessionState.Backoff, `${reason}; retry in ${delay} ms`);
    this.backoffTimer = this.clock.setTimeout(() => {
      this.backoffTimer = undefined;
      if (this.stateValue !== SerialSessionState.Backoff) return;
      this.transition(SerialSessionState.Opening, `reconnect attempt ${this.attempt}`);
      void this.connect();
    }, delay);
  }

  private startHeartbeat(): void {
    this.heartbeatFailures = 0;
    if (this.opts.heartbeatMs <= 0) return;
    this.heartbeatTimer = this.clock.setTimeout(() => void this.beat(), this.opts.heartbeatMs);
  }

  private async beat(): Promise<void> {
    this.heartbeatTimer = undefined;
    if (this.stateValue !== SerialSessionState.Ready) return;
    try {
      await this.heartbeat();
      this.heartbeatFailures = 0;
    } catch (err) {
      this.heartbeatFailures += 1;
      this.logger.warn({ err: (err as Error).message, failures: this.heartbeatFailures }, 'serial heartbeat failed');
      if (this.heartbeatFailures >= this.opts.heartbeatMisses) {
        this.deviceLost(`heartbeat lost after ${this.heartbeatFailures} misses`, SerialErrorCode.HwDeviceLost);
        return;
      }
    }
    if (this.stateValue === SerialSessionState.Ready && this.heartbeatTimer === undefined) {
      this.heartbeatTimer = this.clock.setTimeout(() => void this.beat(), this.opts.heartbeatMs);
    }
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) this.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private clearTimers(): void {
    this.stopHeartbeat();
    if (this.backoffTimer !== undefined) this.clock.clearTimeout(this.backoffTimer);
    this.backoffTimer = undefined;
  }

  private rejectPending(err: Error): void {
    for (const p of [...this.pending]) p.reject(err);
  }

  private async dropConnection(): Promise<void> {
    const conn = this.conn;
    this.conn = undefined;
    for (const u of this.unsubs) u();
    this.unsubs = [];
    if (conn) await conn.close().catch(() => {});
  }

  private emitDisconnected(code: SerialErrorCode, reason: string): void {
    this.emit('disconnected', { path: this.connPath, code, reason } as Events['disconnected']);
  }
}

function codeOf(err: unknown): SerialErrorCode {
  return err instanceof SerialError ? err.code : SerialErrorCode.HwDeviceLost;
}

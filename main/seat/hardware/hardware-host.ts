/**
 * The seat's side of the hardware host child process (native/host/host-main.ts): an owned helper
 * process in the manner of VS Code's UtilityProcess. It starts the child behind a two-method
 * spawner seam (fork now, Electron's utilityProcess later), correlates requests by `seq`, rejects
 * calls in flight when the child exits, reports `lost`, restarts it with capped backoff, gives up
 * after repeated quick crashes, logs `[hw pid=… dev=…]`, and on stop waits for exit, then kills.
 */
import { EventEmitter } from 'node:events';
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BranchlineError, isErrorCode } from '../../../protocol/errors';
import { HOST_OPS, HostMessage, HostReady } from '../../../protocol/hardware';
import type { HostArgs, HostOp, HostResult, ParentMessage } from '../../../protocol/hardware';
import type { HardwareMode } from '../../../protocol/hardware-api';
import type { Logger } from '../../common/logger';

/** What the parent needs of a child process; fork() and utilityProcess both fit behind it. */
export interface HostProcess {
  readonly pid: number | undefined;
  send(message: ParentMessage): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(signal?: NodeJS.Signals): void;
}
export type HostSpawner = () => HostProcess;

export interface ForkSpawnerOptions {
  mode: Exclude<HardwareMode, 'off'>;
  simHeadsets?: readonly string[];
  serialPaths?: readonly string[];
  /** Extra node flags for the child (tests use an --import hook that breaks native modules). */
  execArgv?: readonly string[];
  env?: NodeJS.ProcessEnv;
  /** The child entry; a .ts file runs through tsx. */
  entry?: string;
}

export const HOST_ENTRY = fileURLToPath(new URL('../../../native/host/host-main.ts', import.meta.url));

export function forkSpawner(options: ForkSpawnerOptions): HostSpawner {
  const entry = options.entry ?? HOST_ENTRY;
  const tsx = entry.endsWith('.ts') ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return () => {
    const child = fork(entry, [], {
      execArgv: [...tsx, ...(options.execArgv ?? [])],
      env: {
        ...process.env,
        ...options.env,
        BRANCHLINE_HW_MODE: options.mode,
        BRANCHLINE_HW_SIM_HEADSETS: (options.simHeadsets ?? []).join(','),
        BRANCHLINE_HW_SERIAL_PATHS: (options.serialPaths ?? []).join(','),
      },
      // The seat's stdout carries only its ready line: anything the child prints goes to stderr.
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
      serialization: 'json',
    });
    child.stdout?.on('data', (d: Buffer) => process.stderr.write(d));
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => {
        if (child.connected) child.send(m);
      },
      onMessage: (l) => void child.on('message', l),
      onExit: (l) => void child.once('exit', l),
      kill: (signal = 'SIGTERM') => void child.kill(signal),
    };
  };
}

export interface HardwareHostOptions {
  spawner: HostSpawner;
  logger: Logger;
  /** First restart delay; doubles per crash up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Crashes in a row (each within stableMs of its start) before giving up. */
  maxCrashes?: number;
  stableMs?: number;
  readyTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export type HostStateName = 'stopped' | 'starting' | 'running' | 'restarting' | 'failed' | 'stopping';

interface Pending {
  op: string;
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

export interface HardwareHostEvents {
  ready: [ready: HostReady];
  message: [message: HostMessage];
  /** The child exited unasked: device.lost for everything it had open. */
  lost: [info: { pid: number | undefined; code: number | null; signal: string | null; willRestart: boolean }];
  failed: [reason: string];
}

export class HardwareHost extends EventEmitter<HardwareHostEvents> {
  #proc: HostProcess | undefined;
  #state: HostStateName = 'stopped';
  #seq = 0;
  #pending = new Map<number, Pending>();
  #crashes = 0;
  #restarts = 0;
  #startedAt = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  #ready: HostReady | undefined;
  #failure: string | undefined;
  #exited: Promise<void> = Promise.resolve();
  readonly recentLog: string[] = [];
  readonly #o: Required<Omit<HardwareHostOptions, 'spawner' | 'logger'>>;
  readonly #log: Logger;

  constructor(private readonly options: HardwareHostOptions) {
    super();
    this.#log = options.logger.child({ mod: 'seat.hw' });
    this.#o = {
      backoffMs: options.backoffMs ?? 250, maxBackoffMs: options.maxBackoffMs ?? 5_000, maxCrashes: options.maxCrashes ?? 5,
      stableMs: options.stableMs ?? 10_000, readyTimeoutMs: options.readyTimeoutMs ?? 20_000, requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    };
  }

  get state(): HostStateName {
    return this.#state;
  }
  get pid(): number | undefined {
    return this.#state === 'running' ? this.#proc?.pid : undefined;
  }
  get restarts(): number {
    return this.#restarts;
  }
  get lastReady(): HostReady | undefined {
    return this.#ready;
  }
  get failure(): string | undefined {
    return this.#failure;
  }

  start(): void {
    if (this.#state !== 'stopped' && this.#state !== 'failed') return;
    this.#crashes = 0;
    this.#failure = undefined;
    this.#spawn();
  }

  request<O extends HostOp>(op: O, args: HostArgs<O>, timeoutMs = this.#o.requestTimeoutMs): Promise<HostResult<O>> {
    const proc = this.#proc;
    if (this.#state !== 'running' || !proc) {
      return Promise.reject(new BranchlineError('BL_ERR_HW_UNAVAILABLE', this.#failure ?? `hardware host is ${this.#state}`));
    }
    const seq = ++this.#seq;
    return new Promise<HostResult<O>>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(seq);
        reject(new BranchlineError('BL_ERR_HW_TIMEOUT', `hardware host did not answer ${op} in ${timeoutMs} ms`));
      }, timeoutMs);
      const result = HOST_OPS[op].result;
      this.#pending.set(seq, { op, timer, reject, resolve: (v) => resolve(result.parse(v) as HostResult<O>) });
      proc.send({ type: 'req', seq, op, args });
    });
  }

  /** Asks the child to close its devices and exit; kills it if it has not within `waitMs`. */
  async stop(waitMs = 2_000): Promise<void> {
    clearTimeout(this.#restartTimer);
    const proc = this.#proc;
    this.#state = 'stopping';
    if (proc) {
      proc.send({ type: 'shutdown' });
      if (!(await this.waitForExit(waitMs))) {
        this.#line('warn', proc.pid, undefined, `did not exit within ${waitMs} ms, killing`);
        proc.kill('SIGKILL');
        await this.waitForExit(2_000);
      }
    }
    this.#state = 'stopped';
  }

  /** True if the current child exited within `ms`. */
  async waitForExit(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((r) => (timer = setTimeout(() => r(false), ms)));
    const done = await Promise.race([this.#exited.then(() => true as const), timeout]);
    clearTimeout(timer);
    return done;
  }

  #spawn(): void {
    this.#state = this.#restarts > 0 || this.#crashes > 0 ? 'restarting' : 'starting';
    let proc: HostProcess;
    try {
      proc = this.options.spawner();
    } catch (err) {
      this.#onExit(undefined, null, null, `spawn failed: ${(err as Error).message}`);
      return;
    }
    this.#proc = proc;
    this.#startedAt = Date.now();
    let exited!: () => void;
    this.#exited = new Promise<void>((r) => (exited = r));
    const readyTimer = setTimeout(() => {
      this.#line('warn', proc.pid, undefined, `no ready message within ${this.#o.readyTimeoutMs} ms, killing`);
      proc.kill('SIGKILL');
    }, this.#o.readyTimeoutMs);
    proc.onMessage((raw) => this.#onMessage(proc, raw, readyTimer));
    proc.onExit((code, signal) => {
      clearTimeout(readyTimer);
      exited();
      if (this.#proc === proc) this.#onExit(proc.pid, code, signal);
    });
  }

  #onMessage(proc: HostProcess, raw: unknown, readyTimer: NodeJS.Timeout): void {
    if (this.#proc !== proc) return;
    const parsed = HostMessage.safeParse(raw);
    if (!parsed.success) {
      this.#line('warn', proc.pid, undefined, 'malformed message from hardware host');
      return;
    }
    const m = parsed.data;
    switch (m.type) {
      case 'ready':
        clearTimeout(readyTimer);
        this.#state = 'running';
        this.#ready = m;
        this.#line('info', m.pid, undefined, `hardware host ready (${m.mode}; hid ${m.state.hid.ok ? 'ok' : 'unavailable'}, serial ${m.state.serial.ok ? 'ok' : 'unavailable'})`);
        this.emit('ready', m);
        return;
      case 'res': {
        const p = this.#pending.get(m.seq);
        if (!p) return;
        this.#pending.delete(m.seq);
        clearTimeout(p.timer);
        if (m.ok) {
          try {
            p.resolve(m.result);
          } catch (err) {
            p.reject(new BranchlineError('BL_ERR_INTERNAL', `hardware host answered ${p.op} with a malformed result: ${(err as Error).message}`));
          }
        } else {
          p.reject(new BranchlineError(isErrorCode(m.error.code) ? m.error.code : 'BL_ERR_INTERNAL', m.error.message));
        }
        return;
      }
      case 'log': {
        const dev = typeof m.fields?.dev === 'string' ? m.fields.dev : undefined;
        this.#line(m.level, proc.pid, dev, m.msg, m.fields);
        return;
      }
      default:
        this.emit('message', m);
    }
  }

  #onExit(pid: number | undefined, code: number | null, signal: string | null, why?: string): void {
    const wanted = this.#state === 'stopping' || this.#state === 'stopped';
    this.#proc = undefined;
    const err = new BranchlineError('BL_ERR_HW_DEVICE_LOST', `hardware host exited (${signal ?? `code ${code}`})`);
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.reject(err);
    }
    this.#pending.clear();
    if (wanted) return;
    // A child that ran a while before dying is a fresh crash, not part of a crash loop.
    if (Date.now() - this.#startedAt > this.#o.stableMs) this.#crashes = 0;
    this.#crashes++;
    const willRestart = this.#crashes <= this.#o.maxCrashes;
    this.#line('warn', pid, undefined, `hardware host exited unexpectedly (${why ?? signal ?? `code ${code}`}); ${willRestart ? `restart #${this.#crashes}` : 'giving up'}`);
    this.emit('lost', { pid, code, signal, willRestart });
    if (!willRestart) {
      this.#state = 'failed';
      this.#failure = `hardware host crashed ${this.#crashes} times in a row (last: ${why ?? signal ?? `exit code ${code}`})`;
      this.emit('failed', this.#failure);
      return;
    }
    this.#state = 'restarting';
    const delay = Math.min(this.#o.backoffMs * 2 ** (this.#crashes - 1), this.#o.maxBackoffMs);
    this.#restartTimer = setTimeout(() => {
      this.#restarts++;
      this.#spawn();
    }, delay);
  }

  #line(level: 'debug' | 'info' | 'warn' | 'error', pid: number | undefined, dev: string | undefined, msg: string, fields: Record<string, unknown> = {}): void {
    const text = `[hw pid=${pid ?? '-'} dev=${dev ?? '-'}] ${msg}`;
    this.#log[level]({ ...fields, pid, dev }, text);
    const extra = Object.keys(fields).filter((k) => k !== 'dev').length ? ` ${safeJson(fields)}` : '';
    this.recentLog.push(`${new Date().toISOString()} ${level} ${text}${extra}`);
    if (this.recentLog.length > 300) this.recentLog.splice(0, this.recentLog.length - 300);
  }
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

/**
 * The main-thread handle on the seat database worker. `call(method, ...args)` is typed by the
 * worker's handler table; a worker that exits or fails rejects every call in flight with
 * BL_ERR_STORE_UNAVAILABLE instead of leaving promises hanging.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BranchlineError, fromWireError } from '../../../protocol/errors';
import type { Logger } from '../../common/logger';
import type { SeatDbApi, SeatDbMethod, SeatDbRequest, SeatDbResponse } from './seat-db-handlers';
import type { SeatDbWorkerData } from './seat-db-worker';

interface Pending {
  resolve(value: unknown): void;
  reject(err: unknown): void;
}

const LEVELS: Record<number, 'debug' | 'info' | 'warn' | 'error'> = { 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'error' };

/** Starts the worker; from TypeScript sources (tsx) the worker registers tsx for itself first. */
function spawnWorker(data: SeatDbWorkerData): Worker {
  const entry = new URL('./seat-db-worker.ts', import.meta.url);
  // require.resolve finds the CommonJS build; its ESM twin sits beside it and is the one that registers hooks.
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(boot, { eval: true, workerData: data });
}

export class SeatDb {
  private seq = 0;
  private readonly pending = new Map<number, Pending>();
  private closed = false;
  readonly exited: Promise<number>;

  private constructor(
    private readonly worker: Worker,
    readonly seatId: string,
    private readonly logger: Logger,
  ) {
    this.exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.on('message', (msg: SeatDbResponse) => this.onMessage(msg));
    worker.on('error', (err) => logger.error({ err }, 'seat db worker failed'));
    void this.exited.then((code) => {
      this.closed = true;
      for (const p of this.pending.values()) p.reject(new BranchlineError('BL_ERR_STORE_UNAVAILABLE', `Seat database worker exited (${code})`));
      this.pending.clear();
    });
  }

  static async open(options: { file: string; logger: Logger; seatId?: string; slowMs?: number }): Promise<SeatDb> {
    const worker = spawnWorker({ file: options.file, seatId: options.seatId, slowMs: options.slowMs });
    const logger = options.logger.child({ mod: 'seat.db' });
    const seatId = await new Promise<string>((resolve, reject) => {
      const onMessage = (msg: SeatDbResponse) => {
        if (msg.type === 'log') forwardLog(logger, msg.line);
        else if (msg.type === 'ready') {
          worker.off('message', onMessage);
          resolve(msg.seatId);
        }
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new BranchlineError('BL_ERR_STORE_UNAVAILABLE', `Seat database worker exited (${code}) while opening`)));
    });
    return new SeatDb(worker, seatId, logger);
  }

  call<M extends SeatDbMethod>(method: M, ...args: Parameters<SeatDbApi[M]>): Promise<ReturnType<SeatDbApi[M]>> {
    if (this.closed) return Promise.reject(new BranchlineError('BL_ERR_STORE_UNAVAILABLE'));
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ type: 'call', seq, method, args } as SeatDbRequest);
    });
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Closes the database cleanly after the requests already sent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.worker.postMessage({ type: 'close' });
    await this.exited;
  }

  /** Kills the worker mid-flight, as a crash would (tests of resumable sync). */
  async terminate(): Promise<void> {
    await this.worker.terminate();
  }

  private onMessage(msg: SeatDbResponse): void {
    if (msg.type === 'log') return forwardLog(this.logger, msg.line);
    if (msg.type !== 'result') return;
    const p = this.pending.get(msg.seq);
    if (!p) return;
    this.pending.delete(msg.seq);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(fromWireError(msg.error));
  }
}

function forwardLog(logger: Logger, line: string): void {
  try {
    const { level, msg, time: _t, pid: _p, hostname: _h, mod: _m, ...rest } = JSON.parse(line) as Record<string, unknown> & { level: number; msg?: string };
    logger[LEVELS[level] ?? 'info'](rest, msg ?? '');
  } catch {
    logger.warn({ line }, 'unparsable worker log line');
  }
}

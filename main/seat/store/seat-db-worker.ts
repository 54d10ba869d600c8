/**
 * The seat database worker: the only thread that opens seat.sqlite for the cache (one writer).
 * Requests arrive with seq ids; errors go back as `{code, message}` data, the stack stays in the
 * log, and any request over 20 ms is logged. Log records are forwarded to the parent's logger.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { BranchlineError, toWireError } from '../../../protocol/errors';
import { runMigrations } from '../../common/sqlite/migrator';
import { openDatabase } from '../../common/sqlite/open-database';
import { seatMigrations } from './migrations';
import { OfflineQueries } from './offline-queries';
import { OfflineStore } from './offline-store';
import { createSeatDbHandlers } from './seat-db-handlers';
import type { SeatDbRequest, SeatDbResponse } from './seat-db-handlers';
import { WorkstationQueries } from './workstation-queries';

export interface SeatDbWorkerData {
  file: string;
  seatId?: string;
  slowMs?: number;
}

const port = parentPort;
if (!port) throw new Error('seat-db-worker must run in a worker thread');
const post = (msg: SeatDbResponse) => port.postMessage(msg);
const logger = pino({ level: 'debug', base: { mod: 'seat.db' } }, { write: (line: string) => post({ type: 'log', line }) });

const data = workerData as SeatDbWorkerData;
const slowMs = data.slowMs ?? 20;
const db = openDatabase(data.file);
// A larger page cache keeps the phone and name-piece B-trees in memory during a big snapshot.
db.pragma('cache_size = -32768');
runMigrations(db, seatMigrations, logger);
const store = new OfflineStore(db, { seatId: data.seatId });
const handlers = createSeatDbHandlers(store, new OfflineQueries(db, store.tables), new WorkstationQueries(db));

port.on('message', (req: SeatDbRequest | { type: 'close' }) => {
  if (req.type === 'close') {
    db.close();
    port.close();
    return;
  }
  const started = performance.now();
  try {
    const fn = handlers[req.method] as (...args: unknown[]) => unknown;
    const value = fn(...req.args);
    post({ type: 'result', seq: req.seq, ok: true, value });
  } catch (err) {
    if (!(err instanceof BranchlineError)) logger.error({ err, method: req.method }, 'seat db request failed');
    post({ type: 'result', seq: req.seq, ok: false, error: toWireError(err) });
  } finally {
    const ms = performance.now() - started;
    if (ms > slowMs) logger.warn({ method: req.method, ms: Math.round(ms) }, 'slow seat db request');
  }
});
post({ type: 'ready', seatId: store.seatId });

/**
 * Keeps the seat cache in step with the hub: a paged initial snapshot whose checkpoint is stored
 * with each page (a killed seat resumes where it stopped), then the change feed by cursor, and the
 * outbox pushed whenever the hub answers, with exponential backoff while it does not.
 *
 * ```
 *   offline ──(hub answers)──> syncing ──(run done)──> online
 *      ^                          │                      │
 *      └──(hub unreachable)───────┴──────(next run)──────┘
 * ```
 */
import { BranchlineError } from '../../../protocol/errors';
import { ChangeFeedPage, PushResponse, SnapshotPage, SYNC_ENTITY_ORDER } from '../../../protocol/sync';
import type { EntityKind, SyncProgress, SyncState, SyncStatus } from '../../../protocol/sync';
import type { Logger } from '../../common/logger';
import type { HubClient } from '../hub-client';
import type { SeatDb } from '../store/seat-db';
import type { SnapshotCheckpoint } from '../store/offline-store';

export interface SyncEngineOptions {
  db: SeatDb;
  hub: HubClient;
  /** The session token; null while nobody is logged in (the engine then waits). */
  token: () => string | null;
  logger: Logger;
  snapshotPageSize?: number;
  feedPageSize?: number;
  pushBatchSize?: number;
  intervalMs?: number;
  backoffMs?: { initial: number; max: number };
}

export interface SyncRunStats {
  snapshotPages: number;
  snapshotItems: number;
  pushed: number;
  pulled: number;
}

type Listener<T> = (value: T) => void;

export class SyncEngine {
  private current: SyncStatus = { state: 'offline', queued: 0, rejected: 0, conflicts: 0, lastSyncAt: null, initialSyncDone: false, lastError: null };
  private readonly statusListeners = new Set<Listener<SyncStatus>>();
  private readonly progressListeners = new Set<Listener<SyncProgress>>();
  private running = false;
  private inFlight: Promise<SyncRunStats> | null = null;
  private wake: (() => void) | null = null;
  private loopDone: Promise<void> = Promise.resolve();
  private failures = 0;
  private readonly o: Required<Omit<SyncEngineOptions, 'db' | 'hub' | 'token' | 'logger'>>;

  constructor(private readonly opts: SyncEngineOptions) {
    this.o = {
      snapshotPageSize: opts.snapshotPageSize ?? 2000,
      feedPageSize: opts.feedPageSize ?? 500,
      pushBatchSize: opts.pushBatchSize ?? 200,
      intervalMs: opts.intervalMs ?? 5000,
      backoffMs: opts.backoffMs ?? { initial: 500, max: 30_000 },
    };
  }

  get status(): SyncStatus {
    return this.current;
  }

  onStatus(listener: Listener<SyncStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onProgress(listener: Listener<SyncProgress>): () => void {
    this.progressListeners.add(listener);
    return () => this.progressListeners.delete(listener);
  }

  /** Runs sync in the background until stop(): every interval, at once after kick(), backoff on failure. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loopDone;
  }

  /** Call after a local write: refreshes the queued count and pushes soon. */
  kick(): void {
    void this.refreshCounts().catch(() => {});
    this.wake?.();
  }

  /** One full run (snapshot if unfinished, push, pull); concurrent callers share the run. */
  syncOnce(): Promise<SyncRunStats> {
    this.inFlight ??= this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      let delay = this.o.intervalMs;
      try {
        await this.syncOnce();
        this.failures = 0;
      } catch (err) {
        if (err instanceof BranchlineError && err.code === 'BL_ERR_STORE_UNAVAILABLE') break;
        this.failures++;
        const { initial, max } = this.o.backoffMs;
        // Full jitter, so seats coming back after a hub restart do not all retry at once.
        delay = Math.random() * Math.min(max, initial * 2 ** this.failures);
      }
      if (!this.running) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async run(): Promise<SyncRunStats> {
    const stats: SyncRunStats = { snapshotPages: 0, snapshotItems: 0, pushed: 0, pulled: 0 };
    const token = this.opts.token();
    if (!token) {
      await this.refreshCounts('offline');
      return stats;
    }
    this.setStatus({ state: 'syncing' });
    try {
      const { db } = this.opts;
      if ((await db.call('getState', 'snapshot.done')) !== '1') await this.snapshot(token, stats);
      await this.push(token, stats);
      await this.pull(token, stats);
      await this.refreshCounts('online', { lastSyncAt: Date.now(), lastError: null, initialSyncDone: true });
      return stats;
    } catch (err) {
      const wire = err instanceof BranchlineError ? err.toWire() : { code: 'BL_ERR_INTERNAL', message: 'Sync failed' };
      if (!(err instanceof BranchlineError)) this.opts.logger.error({ err }, 'sync run failed');
      else this.opts.logger.info({ code: wire.code }, 'sync run stopped');
      const state: SyncState = 'offline';
      await this.refreshCounts(state, { lastError: { code: wire.code, message: wire.message } }).catch(() => this.setStatus({ state }));
      throw err;
    }
  }

  private async snapshot(token: string, stats: SyncRunStats): Promise<void> {
    const { db, hub } = this.opts;
    await db.call('beginSnapshot');
    let cp: SnapshotCheckpoint | null = await db.call('snapshotCheckpoint');
    let k = cp ? SYNC_ENTITY_ORDER.indexOf(cp.kind) + (cp.after === null ? 1 : 0) : 0;
    let after = cp?.after ?? '';
    const fetchPage = (kind: EntityKind, from: string) => {
      const p = hub.request({ method: 'GET', path: '/api/sync/snapshot', token, query: { entity: kind, after: from, limit: this.o.snapshotPageSize }, response: SnapshotPage });
      p.catch(() => {}); // awaited below; a prefetch abandoned by a failed apply must not be "unhandled"
      return p;
    };
    for (; k < SYNC_ENTITY_ORDER.length; k++, after = '') {
      const kind: EntityKind = SYNC_ENTITY_ORDER[k]!;
      let next: Promise<SnapshotPage> | null = fetchPage(kind, after);
      while (next) {
        const page: SnapshotPage = await next;
        // Fetch page n+1 while the worker stores page n: network and SQLite overlap.
        next = page.next ? fetchPage(kind, page.next) : null;
        // The feed position of the very first page: every change since then is replayed afterwards.
        cp = { kind, after: page.next, feedCursor: cp?.feedCursor ?? page.feedCursor, pages: (cp?.pages ?? 0) + 1 };
        await db.call('applySnapshotPage', page, cp);
        stats.snapshotPages++;
        stats.snapshotItems += page.items.length;
        this.emitProgress({ phase: 'snapshot', kind, pages: cp.pages, items: stats.snapshotItems });
      }
    }
    await db.call('finishSnapshot', cp?.feedCursor ?? 0);
    this.setStatus({ initialSyncDone: true });
  }

  private async push(token: string, stats: SyncRunStats): Promise<void> {
    const { db, hub } = this.opts;
    for (;;) {
      const batch = await db.call('outboxBatch', this.o.pushBatchSize);
      if (batch.length === 0) return;
      let response: PushResponse;
      try {
        response = await hub.request({ method: 'POST', path: '/api/sync/push', token, body: { seatId: db.seatId, mutations: batch }, response: PushResponse });
      } catch (err) {
        await db.call('markAttempt', batch.map((m) => m.mutationId));
        throw err;
      }
      await db.call('ackPushed', response.results);
      stats.pushed += response.results.length;
      this.emitProgress({ phase: 'push', kind: null, pages: 1, items: stats.pushed });
      await this.refreshCounts();
      // Every mutation came back rejected or applied: nothing left would make this loop spin.
      if (response.results.length < batch.length) return;
    }
  }

  private async pull(token: string, stats: SyncRunStats): Promise<void> {
    const { db, hub } = this.opts;
    let cursor = Number((await db.call('getState', 'feed.cursor')) ?? 0);
    let pages = 0;
    for (;;) {
      const page = await hub.request({
        method: 'GET',
        path: '/api/sync/changes',
        token,
        query: { cursor, limit: this.o.feedPageSize, seat: db.seatId },
        response: ChangeFeedPage,
      });
      if (page.changes.length > 0) {
        const { applied } = await db.call('applyChanges', page.changes, page.cursor);
        stats.pulled += applied;
        this.emitProgress({ phase: 'changes', kind: null, pages: ++pages, items: stats.pulled });
      }
      cursor = page.cursor;
      if (!page.more) return;
    }
  }

  private async refreshCounts(state?: SyncState, extra: Partial<SyncStatus> = {}): Promise<void> {
    const counts = await this.opts.db.call('counts');
    this.setStatus({ ...extra, ...(state ? { state } : {}), queued: counts.queued, rejected: counts.rejected, conflicts: counts.conflicts });
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    const next = { ...this.current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    for (const l of this.statusListeners) l(next);
  }

  private emitProgress(p: SyncProgress): void {
    for (const l of this.progressListeners) l(p);
  }
}

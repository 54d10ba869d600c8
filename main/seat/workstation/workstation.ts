/**
 * The seat's workstation back end: one offline cache per seat process, shared by every session,
 * synced with the token of whoever logged in last. Its events (sync status, reminders, incoming
 * calls) go to every logged-in session of this desk, like device events do.
 */
import type { EventName, EventPayload } from '../../../protocol/rpc';
import type { SeatApi } from '../../../protocol/seat-api';
import type { Logger } from '../../common/logger';
import type { HubClient } from '../hub-client';
import { openOfflineCache } from '../sync/offline-cache';
import type { OfflineCache } from '../sync/offline-cache';
import { ReminderClock } from './reminder-clock';

export type WorkstationEmit = <N extends EventName<SeatApi>>(name: N, payload: EventPayload<SeatApi, N>) => void;

export interface WorkstationOptions {
  dataDir: string;
  hub: HubClient;
  logger: Logger;
  /** Seat-local settings (not synced): knowledge usage counts, the team lead to escalate to. */
  settings: { get(key: string): string | undefined; set(key: string, value: string): void };
  /** Lets screenPop.simulateIncoming announce calls (demos, end-to-end tests, the screen-pop bench). */
  simulateCalls?: boolean;
  /** Sync interval; tests shorten it. */
  syncIntervalMs?: number;
  reminderIntervalMs?: number;
  now?: () => number;
}

export class Workstation {
  readonly now: () => number;
  readonly simulateCalls: boolean;
  private readonly cachePromise: Promise<OfflineCache>;
  private readonly tokens = new Map<object, { token: string; username: string }>();
  private readonly listeners = new Set<WorkstationEmit>();
  private readonly reminders: ReminderClock;
  private closed = false;

  constructor(readonly options: WorkstationOptions) {
    this.now = options.now ?? Date.now;
    this.simulateCalls = options.simulateCalls ?? false;
    const logger = options.logger.child({ mod: 'seat.workstation' });
    this.cachePromise = openOfflineCache({
      dataDir: options.dataDir,
      hub: options.hub,
      token: () => this.current()?.token ?? null,
      logger: options.logger,
      intervalMs: options.syncIntervalMs,
    });
    this.cachePromise.then(
      (cache) => {
        cache.engine.onStatus((s) => this.broadcast('sync.onStatus', s));
        cache.engine.onProgress((p) => this.broadcast('sync.onProgress', p));
      },
      (err: unknown) => logger.error({ err }, 'offline cache failed to open'),
    );
    this.reminders = new ReminderClock(this, logger, options.reminderIntervalMs ?? 30_000);
  }

  /** The cache, once its worker has opened seat.sqlite (usually a few ms after start). */
  cache(): Promise<OfflineCache> {
    return this.cachePromise;
  }

  /** Who the background work (sync, escalation) acts for: the session that logged in last. */
  current(): { token: string; username: string } | undefined {
    return [...this.tokens.values()].at(-1);
  }

  setting(key: string): string | undefined {
    return this.options.settings.get(key);
  }

  setSetting(key: string, value: string): void {
    this.options.settings.set(key, value);
  }

  signedIn(session: object, token: string, username: string): void {
    this.tokens.delete(session);
    this.tokens.set(session, { token, username });
    this.reminders.start();
    // Sync at once with the new token rather than at the next interval.
    void this.cachePromise.then((c) => c.engine.kick()).catch(() => {});
  }

  signedOut(session: object): void {
    this.tokens.delete(session);
  }

  subscribe(listener: WorkstationEmit): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  broadcast: WorkstationEmit = (name, payload) => {
    for (const l of this.listeners) l(name, payload);
  };

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.reminders.stop();
    const cache = await this.cachePromise.catch(() => undefined);
    await cache?.close();
  }
}

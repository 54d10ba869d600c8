/**
 * The seat's offline cache as one object for the seat services: the worker-thread database (reads
 * are always local) and the sync engine behind it. Writes made through here also nudge the engine,
 * so they reach the hub as soon as it answers.
 *
 * Open it after createSeat() has opened seat.sqlite for settings: both connections run the seat
 * migrations, and doing that one after the other avoids two first-run migrations racing.
 */
import { join } from 'node:path';
import type { DocOf, EntityKind } from '../../../protocol/sync';
import type { Logger } from '../../common/logger';
import type { HubClient } from '../hub-client';
import { SeatDb } from '../store/seat-db';
import type { WithId } from '../store/offline-store';
import { SyncEngine } from './sync-engine';
import type { SyncEngineOptions } from './sync-engine';

export interface OfflineCache {
  readonly db: SeatDb;
  readonly engine: SyncEngine;
  create<K extends EntityKind>(kind: K, doc: Partial<DocOf[K]>, author: string): Promise<WithId<K>>;
  update<K extends EntityKind>(kind: K, id: string, patch: Partial<DocOf[K]>, author: string): Promise<WithId<K>>;
  resolveConflict(kind: EntityKind, id: string, field: string, choice: { hlc: string } | { value: unknown }, author: string): Promise<unknown>;
  close(): Promise<void>;
}

export interface OfflineCacheOptions extends Omit<SyncEngineOptions, 'db'> {
  dataDir: string;
  /** Start background sync at once (default true). */
  autoStart?: boolean;
}

export async function openOfflineCache(options: OfflineCacheOptions): Promise<OfflineCache> {
  const { dataDir, autoStart = true, ...engineOptions } = options;
  const db = await SeatDb.open({ file: join(dataDir, 'seat.sqlite'), logger: options.logger });
  const engine = new SyncEngine({ ...engineOptions, db, logger: options.logger.child({ mod: 'seat.sync' }) });
  if (autoStart) engine.start();
  const kicked = <T>(p: Promise<T>) => p.then((v) => (engine.kick(), v));
  return {
    db,
    engine,
    // The worker's handler table loses the kind parameter across the thread boundary; the document
    // returned is the kind that was asked for.
    create<K extends EntityKind>(kind: K, doc: Partial<DocOf[K]>, author: string) {
      return kicked(db.call('create', kind, doc, author)) as unknown as Promise<WithId<K>>;
    },
    update<K extends EntityKind>(kind: K, id: string, patch: Partial<DocOf[K]>, author: string) {
      return kicked(db.call('update', kind, id, patch, author)) as unknown as Promise<WithId<K>>;
    },
    resolveConflict: (kind, id, field, choice, author) => kicked(db.call('resolveConflict', kind, id, field, choice, author)),
    async close() {
      await engine.stop();
      await db.close();
    },
  };
}

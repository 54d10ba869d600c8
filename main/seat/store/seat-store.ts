/**
 * The seat's own SQLite database (settings now; the offline customer cache and outbox join it).
 */
import type { Database } from 'better-sqlite3';
import { join } from 'node:path';
import type { Logger } from '../../common/logger';
import { runMigrations } from '../../common/sqlite/migrator';
import { openDatabase } from '../../common/sqlite/open-database';
import { seatMigrations } from './migrations';

export interface SeatStore {
  getSetting(key: string): string | undefined;
  setSetting(key: string, value: string): void;
  close(): void;
}

export function openSeatStore(dataDir: string, logger: Logger): SeatStore {
  const db: Database = openDatabase(join(dataDir, 'seat.sqlite'));
  runMigrations(db, seatMigrations, logger.child({ mod: 'seat.store.migrate' }));
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  return {
    getSetting: (key) => get.get(key)?.value,
    setSetting: (key, value) => void set.run(key, value),
    close: () => db.close(),
  };
}

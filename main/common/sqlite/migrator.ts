/**
 * Runs numbered migrations like Signal's runner: versions only increase, all pending steps run in
 * one transaction, `user_version` records the result, and a database from a newer version is refused.
 */
import type { Database } from 'better-sqlite3';
import type { Logger } from '../logger';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export function checkMigrationList(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const m of migrations) {
    if (!Number.isInteger(m.version) || m.version <= previous) {
      throw new Error(`migration ${m.version}-${m.name} is out of order (after ${previous})`);
    }
    previous = m.version;
  }
}

export function runMigrations(db: Database, migrations: readonly Migration[], logger: Logger): number {
  checkMigrationList(migrations);
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(`database schema version ${current} is newer than this build understands (${latest})`);
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const m of pending) {
      logger.child({ migration: `${m.version}-${m.name}` }).info('applying migration');
      m.up(db);
    }
    db.pragma(`user_version = ${latest}`);
  })();
  return latest;
}

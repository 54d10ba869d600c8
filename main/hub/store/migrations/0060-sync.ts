import type { Migration } from '../../../common/sqlite/migrator';

/**
 * The hub's side of offline sync. `sync_entities` is the authoritative copy of every synced entity
 * (shown doc + per-field version sets, masked card/ID numbers only). `sync_changes` is both the
 * applied-mutation table (a mutation id is unique, so it applies at most once) and the change feed
 * (its cursor only increases). `sync_seat_cursors` records how far each seat has applied the feed.
 */
export const m0060: Migration = {
  version: 60,
  name: 'sync',
  up(db) {
    db.exec(`
      CREATE TABLE sync_entities (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        doc TEXT NOT NULL,
        meta TEXT NOT NULL DEFAULT '{}',
        base_hlc TEXT,
        cursor INTEGER NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE sync_changes (
        cursor INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        author TEXT NOT NULL,
        changes TEXT NOT NULL,
        seat_id TEXT,
        applied_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX sync_changes_entity ON sync_changes(kind, entity_id);
      CREATE TABLE sync_seat_cursors (
        seat_id TEXT PRIMARY KEY,
        user_id INTEGER,
        cursor INTEGER NOT NULL,
        seen_at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

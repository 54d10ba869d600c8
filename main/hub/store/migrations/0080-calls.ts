import type { Migration } from '../../../common/sqlite/migrator';

/**
 * Call detail records (one row per call; its legs as JSON, since they are only ever read with
 * their call) and recording metadata (the file lives under `<dataDir>/recordings/`).
 */
export const m0080: Migration = {
  version: 80,
  name: 'calls',
  up(db) {
    db.exec(`
      CREATE TABLE call_records (
        call_id TEXT PRIMARY KEY,
        caller TEXT NOT NULL,
        caller_id TEXT NOT NULL,
        dialled TEXT NOT NULL,
        agent TEXT,
        offered_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER NOT NULL,
        ended_by TEXT NOT NULL,
        status INTEGER NOT NULL,
        cause TEXT NOT NULL,
        legs TEXT NOT NULL,
        recording_path TEXT
      ) STRICT;
      CREATE INDEX call_records_offered ON call_records(offered_at);
      CREATE INDEX call_records_agent ON call_records(agent, offered_at);
      CREATE TABLE call_recordings (
        call_id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        agent TEXT,
        legs TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        bytes INTEGER
      ) STRICT;
    `);
  },
};

import type { Migration } from '../../../common/sqlite/migrator';

/**
 * ACD routing engine (issue 5): agent skills with levels 1–10, paused flag per queue membership,
 * and the queue log (epoch|callid|queue|agent|event|data, as Asterisk's queue_log) from which
 * statistics are rebuilt after a restart. Queue configuration lives in `queues.config` (JSON,
 * validated by protocol/queue.ts `AcdQueueConfig`).
 */
export const m0090: Migration = {
  version: 90,
  name: 'acd',
  up(db) {
    db.exec(`
      CREATE TABLE agent_skills (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        skill TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 10),
        PRIMARY KEY (user_id, skill)
      ) STRICT;
      ALTER TABLE queue_members ADD COLUMN paused INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE queue_log (
        id INTEGER PRIMARY KEY,
        at INTEGER NOT NULL,
        call_id TEXT NOT NULL,
        conversation_id TEXT NOT NULL,
        queue TEXT NOT NULL,
        agent TEXT,
        event TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX queue_log_queue_at ON queue_log(queue, at);
      CREATE INDEX queue_log_at ON queue_log(at);
      CREATE INDEX queue_log_conversation ON queue_log(conversation_id);
    `);
  },
};

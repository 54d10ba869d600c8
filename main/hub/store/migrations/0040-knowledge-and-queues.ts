import type { Migration } from '../../../common/sqlite/migrator';

export const m0040: Migration = {
  version: 40,
  name: 'knowledge-and-queues',
  up(db) {
    db.exec(`
      CREATE TABLE knowledge_articles (
        id INTEGER PRIMARY KEY,
        category TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        usage_count INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE queues (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        strategy TEXT NOT NULL,
        config TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE TABLE queue_members (
        queue_id INTEGER NOT NULL REFERENCES queues(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        penalty INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (queue_id, user_id)
      ) STRICT;
    `);
  },
};

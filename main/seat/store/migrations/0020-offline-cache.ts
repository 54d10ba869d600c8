import type { Migration } from '../../../common/sqlite/migrator';

/**
 * The offline cache: one table per synced kind holding the shown document (`doc`, JSON) and the
 * per-field version sets (`meta`, JSON, see main/common/sync/field-merge.ts). Columns that reads
 * filter or sort on are generated from `doc`, so one generic writer keeps every index right.
 */
const entityTable = (name: string, extra: string) => `
  CREATE TABLE ${name} (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    base_hlc TEXT,
    deleted INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.deleted')) VIRTUAL${extra}
  ) STRICT;`;

export const m0020: Migration = {
  version: 20,
  name: 'offline-cache',
  up(db) {
    db.exec(`
      -- Checkpoints and cursors of the sync engine (snapshot position, feed cursor, seat id), and
      -- 'bulk.customers' while an initial snapshot defers the customer search indexes.
      CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      ${entityTable('customers', `,
        name TEXT GENERATED ALWAYS AS (json_extract(doc, '$.name')) VIRTUAL,
        search_text TEXT GENERATED ALWAYS AS (json_extract(doc, '$.name') || ' ' || json_extract(doc, '$.tags') || ' ' || json_extract(doc, '$.notes')) VIRTUAL`)}
      CREATE INDEX customers_name ON customers(name);
      -- Digits-only national numbers (protocol/phone.ts), so a caller ID is one index probe.
      -- Side rows are removed by their full key (derived from the previous doc), so no index on customer_id.
      CREATE TABLE customer_phones (digits TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (digits, customer_id)) STRICT, WITHOUT ROWID;
      -- Trigram FTS cannot match queries under 3 characters; 1- and 2-character pieces of each name
      -- answer those (most Chinese names are 2-3 characters) without a table scan.
      CREATE TABLE customer_grams (gram TEXT NOT NULL, customer_id TEXT NOT NULL, PRIMARY KEY (gram, customer_id)) STRICT, WITHOUT ROWID;
      CREATE VIRTUAL TABLE customers_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram');
      -- During a bulk initial snapshot the FTS rows are built once at the end (many times faster
      -- than row by row); these triggers keep it current the rest of the time.
      CREATE TRIGGER customers_fts_ins AFTER INSERT ON customers
      WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'bulk.customers') BEGIN
        INSERT INTO customers_fts(rowid, text) VALUES (new.rowid, new.search_text);
      END;
      CREATE TRIGGER customers_fts_upd AFTER UPDATE OF doc ON customers
      WHEN NOT EXISTS (SELECT 1 FROM sync_state WHERE key = 'bulk.customers') BEGIN
        DELETE FROM customers_fts WHERE rowid = old.rowid;
        INSERT INTO customers_fts(rowid, text) VALUES (new.rowid, new.search_text);
      END;
      CREATE TRIGGER customers_fts_del AFTER DELETE ON customers BEGIN
        DELETE FROM customers_fts WHERE rowid = old.rowid;
      END;

      ${entityTable('knowledge', `,
        category TEXT GENERATED ALWAYS AS (json_extract(doc, '$.category')) VIRTUAL,
        search_text TEXT GENERATED ALWAYS AS (json_extract(doc, '$.category') || ' ' || json_extract(doc, '$.question') || ' ' || json_extract(doc, '$.answer')) VIRTUAL`)}
      CREATE VIRTUAL TABLE knowledge_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram');
      CREATE TRIGGER knowledge_fts_ins AFTER INSERT ON knowledge BEGIN
        INSERT INTO knowledge_fts(rowid, text) VALUES (new.rowid, new.search_text);
      END;
      CREATE TRIGGER knowledge_fts_upd AFTER UPDATE OF doc ON knowledge BEGIN
        DELETE FROM knowledge_fts WHERE rowid = old.rowid;
        INSERT INTO knowledge_fts(rowid, text) VALUES (new.rowid, new.search_text);
      END;

      ${entityTable('interactions', `,
        customer_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.customerId')) VIRTUAL,
        started_at INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.startedAt')) VIRTUAL`)}
      CREATE INDEX interactions_customer ON interactions(customer_id, started_at);

      ${entityTable('work_orders', `,
        customer_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.customerId')) VIRTUAL,
        status TEXT GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
        assignee TEXT GENERATED ALWAYS AS (json_extract(doc, '$.assignee')) VIRTUAL,
        due_at INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.dueAt')) VIRTUAL`)}
      CREATE INDEX work_orders_status ON work_orders(status, due_at);
      CREATE INDEX work_orders_assignee ON work_orders(assignee, due_at);
      CREATE INDEX work_orders_customer ON work_orders(customer_id);

      ${entityTable('callbacks', `,
        customer_id TEXT GENERATED ALWAYS AS (json_extract(doc, '$.customerId')) VIRTUAL,
        status TEXT GENERATED ALWAYS AS (json_extract(doc, '$.status')) VIRTUAL,
        scheduled_at INTEGER GENERATED ALWAYS AS (json_extract(doc, '$.scheduledAt')) VIRTUAL`)}
      CREATE INDEX callbacks_due ON callbacks(status, scheduled_at);
      CREATE INDEX callbacks_customer ON callbacks(customer_id);

      -- Local writes waiting for the hub, in the order they were made.
      CREATE TABLE outbox (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        mutation_id TEXT NOT NULL UNIQUE,
        body TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'rejected')),
        error TEXT
      ) STRICT;
      -- Every mutation this seat has applied (its own and the hub's): duplicates are skipped by id,
      -- and the rows of one entity are its history (work-order timeline).
      CREATE TABLE applied_mutations (
        mutation_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        hlc TEXT NOT NULL,
        author TEXT NOT NULL,
        changes TEXT NOT NULL
      ) STRICT;
      CREATE INDEX applied_mutations_entity ON applied_mutations(kind, entity_id, hlc);
      CREATE INDEX applied_mutations_hlc ON applied_mutations(hlc);
      CREATE TABLE conflicts (
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        field TEXT NOT NULL,
        winner TEXT NOT NULL,
        candidates TEXT NOT NULL,
        PRIMARY KEY (kind, entity_id, field)
      ) STRICT;
    `);
  },
};

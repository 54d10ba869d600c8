import type { Migration } from '../../../common/sqlite/migrator';

export const m0030: Migration = {
  version: 30,
  name: 'customers',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        tier TEXT NOT NULL CHECK (tier IN ('NORMAL','GOLD','PLATINUM','DIAMOND')),
        id_number TEXT,
        birthday TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        notes TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX customers_name ON customers(name);
      -- Numbers are stored digits-only and national (no +86 / leading 0) so lookups are one index probe.
      CREATE TABLE customer_phones (
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        digits TEXT NOT NULL,
        label TEXT NOT NULL DEFAULT 'mobile',
        PRIMARY KEY (customer_id, digits)
      ) STRICT;
      CREATE INDEX customer_phones_digits ON customer_phones(digits);
      CREATE TABLE customer_accounts (
        id INTEGER PRIMARY KEY,
        customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('debit','credit')),
        card_number TEXT NOT NULL UNIQUE,
        balance_cents INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX customer_accounts_customer ON customer_accounts(customer_id);
    `);
  },
};

import type { Migration } from '../../../common/sqlite/migrator';

export const m0050: Migration = {
  version: 50,
  name: 'sip-accounts',
  up(db) {
    db.exec(`
      -- SIP digest accounts: agents' desk phones and soft clients, customer/test phones, trunks.
      -- Only HA1 values are kept (RFC 8760), one per algorithm, for the hub's realm.
      CREATE TABLE sip_accounts (
        username TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('agent','phone','trunk')),
        realm TEXT NOT NULL,
        ha1_md5 TEXT NOT NULL,
        ha1_sha256 TEXT NOT NULL,
        -- The number presented as caller ID (a demo phone presents its customer's mobile).
        caller_id TEXT,
        display_name TEXT NOT NULL DEFAULT '',
        user_id INTEGER REFERENCES users(id) ON DELETE CASCADE
      ) STRICT;
    `);
  },
};

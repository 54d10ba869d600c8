import type { Migration } from '../../../common/sqlite/migrator';

/**
 * IVR: versioned flows per hotline (a call keeps the version it started with, so old versions stay),
 * card PINs as scrypt hashes with a persisted failure counter and lock, the self-service data the
 * demo hotline reads (recent transactions, ticket status), voicemail tickets and survey scores.
 */
export const m0070: Migration = {
  version: 70,
  name: 'ivr',
  up(db) {
    db.exec(`
      CREATE TABLE ivr_flows (
        hotline TEXT NOT NULL,
        version INTEGER NOT NULL,
        definition TEXT NOT NULL,
        checksum TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (hotline, version)
      ) STRICT;
      CREATE TABLE ivr_hotlines (
        hotline TEXT PRIMARY KEY,
        active_version INTEGER NOT NULL,
        FOREIGN KEY (hotline, active_version) REFERENCES ivr_flows(hotline, version)
      ) STRICT;
      -- No plain PIN ever: scrypt hash only. The lock survives restarts and other calls.
      CREATE TABLE ivr_card_pins (
        card_number TEXT PRIMARY KEY REFERENCES customer_accounts(card_number) ON DELETE CASCADE,
        pin_hash TEXT NOT NULL,
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_at INTEGER
      ) STRICT;
      CREATE TABLE account_transactions (
        id INTEGER PRIMARY KEY,
        card_number TEXT NOT NULL REFERENCES customer_accounts(card_number) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL,
        description TEXT NOT NULL
      ) STRICT;
      CREATE INDEX account_transactions_card ON account_transactions(card_number, at);
      -- Keypad-friendly ticket numbers for complaint status and voicemail work orders.
      CREATE TABLE ivr_tickets (
        ticket_no TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('complaint','voicemail','inquiry')),
        status TEXT NOT NULL,
        customer_id INTEGER REFERENCES customers(id) ON DELETE SET NULL,
        caller TEXT,
        call_id TEXT,
        audio_path TEXT,
        duration_ms INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE ivr_surveys (
        call_id TEXT PRIMARY KEY,
        hotline TEXT,
        score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
        agent TEXT,
        at INTEGER NOT NULL
      ) STRICT;
    `);
  },
};

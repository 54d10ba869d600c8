import type { Database } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import type { SipAccountRecord, SipAccountRepository } from './types';

interface SipAccountRow {
  username: string;
  kind: SipAccountRecord['kind'];
  realm: string;
  ha1_md5: string;
  ha1_sha256: string;
  caller_id: string | null;
  display_name: string;
  user_id: number | null;
}

const ha1 = (algorithm: 'md5' | 'sha256', user: string, realm: string, password: string) =>
  createHash(algorithm).update(`${user}:${realm}:${password}`).digest('hex');

export function createSipAccountRepository(db: Database): SipAccountRepository {
  const upsert = db.prepare(`
    INSERT INTO sip_accounts (username, kind, realm, ha1_md5, ha1_sha256, caller_id, display_name, user_id)
    VALUES (@username, @kind, @realm, @ha1Md5, @ha1Sha256, @callerId, @displayName, @userId)
    ON CONFLICT(username) DO UPDATE SET kind = excluded.kind, realm = excluded.realm, ha1_md5 = excluded.ha1_md5,
      ha1_sha256 = excluded.ha1_sha256, caller_id = excluded.caller_id, display_name = excluded.display_name, user_id = excluded.user_id`);
  const find = db.prepare<[string], SipAccountRow>('SELECT * FROM sip_accounts WHERE username = ?');
  const toRecord = (r: SipAccountRow): SipAccountRecord => ({
    username: r.username,
    kind: r.kind,
    realm: r.realm,
    ha1Md5: r.ha1_md5,
    ha1Sha256: r.ha1_sha256,
    callerId: r.caller_id,
    displayName: r.display_name,
    userId: r.user_id,
  });
  return {
    setPassword: (a, password) =>
      void upsert.run({
        username: a.username,
        kind: a.kind,
        realm: a.realm,
        ha1Md5: ha1('md5', a.username, a.realm, password),
        ha1Sha256: ha1('sha256', a.username, a.realm, password),
        callerId: a.callerId ?? null,
        displayName: a.displayName ?? '',
        userId: a.userId ?? null,
      }),
    find: (username) => {
      const row = find.get(username);
      return row && toRecord(row);
    },
  };
}

import type { Database } from 'better-sqlite3';
import type { SessionRecord, SessionRepository } from './types';

interface SessionRow {
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

export function createSessionRepository(db: Database): SessionRepository {
  const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
  const find = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE token_hash = ?');
  const extend = db.prepare('UPDATE sessions SET expires_at = ? WHERE token_hash = ?');
  const del = db.prepare('DELETE FROM sessions WHERE token_hash = ?');
  const delExpired = db.prepare('DELETE FROM sessions WHERE expires_at <= ?');
  return {
    insert: (s) => void insert.run(s.tokenHash, s.userId, s.createdAt, s.expiresAt),
    find: (tokenHash) => {
      const r = find.get(tokenHash);
      return r && { tokenHash: r.token_hash, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at };
    },
    extend: (tokenHash, expiresAt) => void extend.run(expiresAt, tokenHash),
    delete: (tokenHash) => void del.run(tokenHash),
    deleteExpired: (now) => delExpired.run(now).changes,
  };
}

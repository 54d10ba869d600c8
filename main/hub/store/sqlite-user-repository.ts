import type { Database } from 'better-sqlite3';
import type { Role } from '../../../protocol/auth';
import type { NewUser, UserRecord, UserRepository } from './types';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  extension: string | null;
  password_hash: string;
  disabled: number;
}

const toUser = (r: UserRow): UserRecord => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role,
  extension: r.extension,
  passwordHash: r.password_hash,
  disabled: r.disabled !== 0,
});

export function createUserRepository(db: Database): UserRepository {
  const byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const byId = db.prepare<[number], UserRow>('SELECT * FROM users WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO users (username, display_name, role, extension, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users');
  const agents = db.prepare<[], UserRow>("SELECT * FROM users WHERE extension IS NOT NULL AND disabled = 0 ORDER BY extension");
  return {
    findByUsername: (username) => {
      const row = byName.get(username);
      return row && toUser(row);
    },
    findById: (id) => {
      const row = byId.get(id);
      return row && toUser(row);
    },
    create: (u: NewUser, now) =>
      Number(insert.run(u.username, u.displayName, u.role, u.extension, u.passwordHash, now).lastInsertRowid),
    count: () => count.get()!.n,
    listAgents: () => agents.all().map(toUser),
  };
}

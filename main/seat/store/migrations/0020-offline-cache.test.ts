import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../common/logger';
import { runMigrations } from '../../../common/sqlite/migrator';
import { seatMigrations } from './index';

describe('seat migration 0020 offline-cache', () => {
  it('upgrades a settings-only database and keeps its settings', () => {
    const db = new BetterSqlite3(':memory:');
    runMigrations(db, seatMigrations.filter((m) => m.version < 20), silentLogger());
    db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('locale', 'en');
    expect(runMigrations(db, seatMigrations, silentLogger())).toBe(20);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('locale')).toEqual({ value: 'en' });
    db.prepare("INSERT INTO customers (id, doc) VALUES ('c1', json_object('name', '王芳', 'tags', json_array('理财'), 'notes', '', 'deleted', json('false')))").run();
    expect(db.prepare('SELECT name, deleted FROM customers').get()).toEqual({ name: '王芳', deleted: 0 });
    expect(db.prepare("SELECT count(*) AS n FROM customers_fts WHERE customers_fts MATCH '\"王芳 \"'").get()).toEqual({ n: 1 });
  });
});

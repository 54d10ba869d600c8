import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../logger';
import { runMigrations } from './migrator';
import type { Migration } from './migrator';

const m = (version: number, sql: string): Migration => ({ version, name: `m${version}`, up: (db) => db.exec(sql) });

describe('migrator', () => {
  it('runs pending steps in order and records user_version', () => {
    const db = new BetterSqlite3(':memory:');
    expect(runMigrations(db, [m(10, 'CREATE TABLE a (x INTEGER)')], silentLogger())).toBe(10);
    expect(runMigrations(db, [m(10, 'CREATE TABLE a (x INTEGER)'), m(20, 'CREATE TABLE b (y INTEGER)')], silentLogger())).toBe(20);
    expect(db.pragma('user_version', { simple: true })).toBe(20);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 2 });
  });

  it('rolls back every step of a failed run', () => {
    const db = new BetterSqlite3(':memory:');
    expect(() => runMigrations(db, [m(10, 'CREATE TABLE a (x INTEGER)'), m(20, 'THIS IS NOT SQL')], silentLogger())).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get()).toEqual({ n: 0 });
  });

  it('refuses a database from a newer build and a list out of order', () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('user_version = 99');
    expect(() => runMigrations(db, [m(10, 'SELECT 1')], silentLogger())).toThrow(/newer/);
    expect(() => runMigrations(new BetterSqlite3(':memory:'), [m(20, 'SELECT 1'), m(10, 'SELECT 1')], silentLogger())).toThrow(/out of order/);
  });
});

import type { Migration } from '../../../common/sqlite/migrator';

export const m0010: Migration = {
  version: 10,
  name: 'settings',
  up(db) {
    db.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;`);
  },
};

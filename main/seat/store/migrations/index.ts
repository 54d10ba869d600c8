import type { Migration } from '../../../common/sqlite/migrator';
import { m0010 } from './0010-settings';
import { m0020 } from './0020-offline-cache';

/** Every seat schema step, in order. Never edit one that has shipped: add the next. */
export const seatMigrations: readonly Migration[] = [m0010, m0020];

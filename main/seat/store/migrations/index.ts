import type { Migration } from '../../../common/sqlite/migrator';
import { m0010 } from './0010-settings';

/** Every seat schema step, in order. Never edit one that has shipped: add the next. */
export const seatMigrations: readonly Migration[] = [m0010];

import type { Migration } from '../../../common/sqlite/migrator';
import { m0010 } from './0010-users-and-sessions';
import { m0020 } from './0020-agent-presence';
import { m0030 } from './0030-customers';
import { m0040 } from './0040-knowledge-and-queues';
import { m0050 } from './0050-sip-accounts';
import { m0060 } from './0060-sync';
import { m0070 } from './0070-ivr';
import { m0080 } from './0080-calls';
import { m0090 } from './0090-acd';

/** Every hub schema step, in order. Never edit one that has shipped: add the next. */
export const hubMigrations: readonly Migration[] = [m0010, m0020, m0030, m0040, m0050, m0060, m0070, m0080, m0090];

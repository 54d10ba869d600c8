/**
 * The hub's store behind one interface, so PostgreSQL can replace the embedded SQLite for
 * multi-branch deployments without touching the services above it.
 */
import type { Database } from 'better-sqlite3';
import type { Logger } from '../../common/logger';
import { runMigrations } from '../../common/sqlite/migrator';
import { openDatabase } from '../../common/sqlite/open-database';
import { hubMigrations } from './migrations';
import { createCallRepository } from './sqlite-call-repository';
import type { CallRepository } from './sqlite-call-repository';
import { createAcdRepository } from './sqlite-acd-repository';
import type { AcdRepository } from './sqlite-acd-repository';
import { createAgentPresenceRepository } from './sqlite-agent-presence-repository';
import { createCustomerRepository } from './sqlite-customer-repository';
import { createIvrRepository } from './sqlite-ivr-repository';
import type { IvrRepository } from './sqlite-ivr-repository';
import { createKnowledgeRepository } from './sqlite-knowledge-repository';
import { createQueueRepository } from './sqlite-queue-repository';
import { createSessionRepository } from './sqlite-session-repository';
import { createSyncRepository } from './sqlite-sync-repository';
import type { SyncRepository } from './sqlite-sync-repository';
import { createSipAccountRepository } from './sqlite-sip-account-repository';
import { createUserRepository } from './sqlite-user-repository';
import type {
  AgentPresenceRepository,
  CustomerRepository,
  KnowledgeRepository,
  QueueRepository,
  SessionRepository,
  SipAccountRepository,
  UserRepository,
} from './types';

export interface HubStore {
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly presence: AgentPresenceRepository;
  readonly customers: CustomerRepository;
  readonly knowledge: KnowledgeRepository;
  readonly queues: QueueRepository;
  readonly sync: SyncRepository;
  readonly sipAccounts: SipAccountRepository;
  readonly ivr: IvrRepository;
  readonly calls: CallRepository;
  readonly acd: AcdRepository;
  transaction<T>(fn: () => T): T;
  close(): void;
}

export function openHubStore(file: string, logger: Logger): HubStore {
  const db: Database = openDatabase(file);
  runMigrations(db, hubMigrations, logger.child({ mod: 'hub.store.migrate' }));
  return {
    users: createUserRepository(db),
    sessions: createSessionRepository(db),
    presence: createAgentPresenceRepository(db),
    customers: createCustomerRepository(db),
    knowledge: createKnowledgeRepository(db),
    queues: createQueueRepository(db),
    sync: createSyncRepository(db),
    sipAccounts: createSipAccountRepository(db),
    ivr: createIvrRepository(db),
    calls: createCallRepository(db),
    acd: createAcdRepository(db),
    transaction: (fn) => db.transaction(fn)(),
    close: () => db.close(),
  };
}

import type { Presence, ReasonCode } from '../../../protocol/agent';
import type { Role } from '../../../protocol/auth';
import type { CustomerTier } from '../../../protocol/customer';
import type { KnowledgeArticle } from '../../../protocol/knowledge';
import type { QueueInfo, QueueStrategy } from '../../../protocol/queue';

export interface UserRecord {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  extension: string | null;
  passwordHash: string;
  disabled: boolean;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  extension: string | null;
  passwordHash: string;
}

export interface SessionRecord {
  tokenHash: string;
  userId: number;
  createdAt: number;
  expiresAt: number;
}

export interface PresenceRecord {
  userId: number;
  presence: Presence;
  reasonCode: string | null;
  since: number;
}

export interface PresenceLogEntry extends PresenceRecord {
  work: string;
  cause: string;
}

export interface CustomerRecord {
  id: number;
  name: string;
  tier: CustomerTier;
  idNumber: string | null;
  birthday: string | null;
  tags: string[];
  phones: string[];
  cards: string[];
}

export interface NewCustomer {
  name: string;
  tier: CustomerTier;
  idNumber: string | null;
  birthday: string | null;
  tags: string[];
  phones: string[];
  accounts: { kind: 'debit' | 'credit'; cardNumber: string; balanceCents: number }[];
}

export interface UserRepository {
  findByUsername(username: string): UserRecord | undefined;
  findById(id: number): UserRecord | undefined;
  create(user: NewUser, now: number): number;
  count(): number;
  listAgents(): UserRecord[];
}

export interface SessionRepository {
  insert(session: SessionRecord): void;
  find(tokenHash: string): SessionRecord | undefined;
  extend(tokenHash: string, expiresAt: number): void;
  delete(tokenHash: string): void;
  deleteExpired(now: number): number;
}

export interface AgentPresenceRepository {
  get(userId: number): PresenceRecord | undefined;
  /** Stores the new presence and its log line in one transaction. */
  save(entry: PresenceLogEntry): void;
  listReasonCodes(): ReasonCode[];
  log(userId: number, limit: number): PresenceLogEntry[];
}

export interface CustomerRepository {
  create(customer: NewCustomer, now: number): number;
  search(query: string, limit: number): CustomerRecord[];
  findByPhone(digits: string): CustomerRecord[];
  count(): number;
}

export interface KnowledgeRepository {
  create(article: Omit<KnowledgeArticle, 'id' | 'usageCount'>, now: number): number;
  search(query: string, limit: number): KnowledgeArticle[];
}

export interface QueueRepository {
  create(queue: { name: string; strategy: QueueStrategy; config?: Record<string, unknown> }): number;
  addMember(queueId: number, userId: number, penalty: number): void;
  list(): QueueInfo[];
}

export interface SipAccountRecord {
  username: string;
  kind: 'agent' | 'phone' | 'trunk';
  realm: string;
  ha1Md5: string;
  ha1Sha256: string;
  callerId: string | null;
  displayName: string;
  userId: number | null;
}

export interface SipAccountRepository {
  /** Stores the account with HA1 values derived from `password`; the password itself is never kept. */
  setPassword(
    account: { username: string; kind: SipAccountRecord['kind']; realm: string; callerId?: string | null; displayName?: string; userId?: number | null },
    password: string,
  ): void;
  find(username: string): SipAccountRecord | undefined;
}

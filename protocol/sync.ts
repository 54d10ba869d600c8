/**
 * The offline-sync contract between seats and the hub: entity documents, hybrid-logical-clock
 * stamps, per-field version sets, mutations, the change feed and the paged snapshot.
 *
 * Every field of every entity is a small version set: `heads` are the versions nobody has
 * superseded yet, `superseded` the stamps some later version named as its parent. The shown value
 * is the head with the highest stamp (last writer wins); two or more heads are a true conflict
 * (edits that did not see each other), kept until someone resolves it.
 */
import { z } from 'zod';
import { CustomerTier } from './customer';

/**
 * `<13-digit wall ms>-<4 hex counter>-<node>`: fixed widths, so plain string order is stamp order,
 * and the node id breaks ties between replicas deterministically.
 */
export const Hlc = z.string().regex(/^\d{13}-[0-9a-f]{4}-[A-Za-z0-9_-]{1,40}$/);
export type Hlc = z.infer<typeof Hlc>;

export function formatHlc(wallMs: number, counter: number, node: string): Hlc {
  return `${String(wallMs).padStart(13, '0')}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(stamp: Hlc): { wallMs: number; counter: number; node: string } {
  const [wall, counter, ...node] = stamp.split('-');
  return { wallMs: Number(wall), counter: parseInt(counter ?? '0', 16), node: node.join('-') };
}

export const EntityKind = z.enum(['customer', 'interaction', 'work_order', 'callback', 'knowledge']);
export type EntityKind = z.infer<typeof EntityKind>;
export const EntityId = z.string().min(1).max(64);

export const CustomerDoc = z.object({
  name: z.string().max(100),
  tier: CustomerTier,
  phones: z.array(z.string().max(40)).max(20),
  /** Masked by the hub (protocol/masking.ts); seats can never write these two. */
  maskedCards: z.array(z.string()),
  maskedIdNumber: z.string().nullable(),
  tags: z.array(z.string().max(40)).max(50),
  notes: z.string().max(10_000),
  birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  deleted: z.boolean(),
});
export type CustomerDoc = z.infer<typeof CustomerDoc>;

export const InteractionDoc = z.object({
  customerId: EntityId.nullable(),
  direction: z.enum(['inbound', 'outbound']),
  number: z.string().max(40),
  agent: z.string().max(64),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  disposition: z.string().max(64),
  notes: z.string().max(10_000),
  deleted: z.boolean(),
});
export type InteractionDoc = z.infer<typeof InteractionDoc>;

export const WorkOrderType = z.enum(['complaint', 'inquiry', 'business', 'fund_anomaly']);
export type WorkOrderType = z.infer<typeof WorkOrderType>;

/**
 * ```
 *  new ──> assigned ──> in_progress ──> pending_customer
 *   │         │            ^   │             │
 *   │         │            │   v             v
 *   └─────────┴─> cancelled └─ resolved <────┘ ──> closed
 * ```
 */
export const WorkOrderStatus = z.enum(['new', 'assigned', 'in_progress', 'pending_customer', 'resolved', 'closed', 'cancelled']);
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;

export const WORK_ORDER_TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  new: ['assigned', 'in_progress', 'cancelled'],
  assigned: ['in_progress', 'assigned', 'cancelled'],
  in_progress: ['pending_customer', 'resolved', 'assigned'],
  pending_customer: ['in_progress', 'resolved'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};

export const WorkOrderDoc = z.object({
  customerId: EntityId.nullable(),
  type: WorkOrderType,
  title: z.string().max(200),
  description: z.string().max(10_000),
  status: WorkOrderStatus,
  assignee: z.string().max(64).nullable(),
  dueAt: z.number().int().nullable(),
  createdBy: z.string().max(64),
  createdAt: z.number().int(),
  deleted: z.boolean(),
});
export type WorkOrderDoc = z.infer<typeof WorkOrderDoc>;

export const CallbackStatus = z.enum(['scheduled', 'done', 'missed', 'cancelled']);
export const CallbackDoc = z.object({
  customerId: EntityId.nullable(),
  number: z.string().max(40),
  scheduledAt: z.number().int(),
  status: CallbackStatus,
  assignee: z.string().max(64).nullable(),
  note: z.string().max(2_000),
  deleted: z.boolean(),
});
export type CallbackDoc = z.infer<typeof CallbackDoc>;

export const KnowledgeDoc = z.object({
  category: z.string().max(64),
  question: z.string().max(500),
  answer: z.string().max(20_000),
  deleted: z.boolean(),
});
export type KnowledgeDoc = z.infer<typeof KnowledgeDoc>;

export const DOC_SCHEMAS = {
  customer: CustomerDoc,
  interaction: InteractionDoc,
  work_order: WorkOrderDoc,
  callback: CallbackDoc,
  knowledge: KnowledgeDoc,
} as const;
export interface DocOf {
  customer: CustomerDoc;
  interaction: InteractionDoc;
  work_order: WorkOrderDoc;
  callback: CallbackDoc;
  knowledge: KnowledgeDoc;
}

/** Fields only the hub writes (it masks them from its own records); a seat mutation naming one is rejected. */
export const HUB_OWNED_FIELDS: Readonly<Record<EntityKind, readonly string[]>> = {
  customer: ['maskedCards', 'maskedIdNumber'],
  interaction: [],
  work_order: [],
  callback: [],
  knowledge: [],
};

export const FieldVersion = z.object({ hlc: Hlc, parents: z.array(Hlc), value: z.unknown() });
export type FieldVersion = z.infer<typeof FieldVersion>;
export const FieldState = z.object({ heads: z.array(FieldVersion), superseded: z.array(Hlc) });
export type FieldState = z.infer<typeof FieldState>;
/** Field name -> state; a field missing here is one version at the entity's `baseHlc` with its doc value. */
export const EntityMeta = z.record(z.string(), FieldState);
export type EntityMeta = z.infer<typeof EntityMeta>;

export const FieldChange = z.object({ value: z.unknown(), parents: z.array(Hlc).max(64) });
export type FieldChange = z.infer<typeof FieldChange>;

/** One write by one seat: every changed field at one stamp, naming the versions it replaces. */
export const Mutation = z.object({
  mutationId: z.string().min(8).max(80),
  kind: EntityKind,
  entityId: EntityId,
  hlc: Hlc,
  author: z.string().max(64),
  changes: z.record(z.string(), FieldChange),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({ seatId: z.string().min(1).max(64), mutations: z.array(Mutation).min(1).max(500) });
export type PushRequest = z.infer<typeof PushRequest>;
export const MutationResult = z.object({
  mutationId: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  cursor: z.number().int().nullable(),
  /** Fields of the entity that hold two or more concurrent versions after this mutation. */
  conflicts: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type MutationResult = z.infer<typeof MutationResult>;
export const PushResponse = z.object({ results: z.array(MutationResult) });
export type PushResponse = z.infer<typeof PushResponse>;

export const Change = Mutation.extend({ cursor: z.number().int() });
export type Change = z.infer<typeof Change>;
export const ChangeFeedPage = z.object({ changes: z.array(Change), cursor: z.number().int(), more: z.boolean() });
export type ChangeFeedPage = z.infer<typeof ChangeFeedPage>;

export const SnapshotItem = z.object({ id: EntityId, baseHlc: Hlc.nullable(), doc: z.record(z.string(), z.unknown()), meta: EntityMeta });
export type SnapshotItem = z.infer<typeof SnapshotItem>;
export const SnapshotPage = z.object({
  kind: EntityKind,
  items: z.array(SnapshotItem),
  /** Pass as `after` for the next page; null when this kind is complete. */
  next: EntityId.nullable(),
  /** The feed position every later change follows: where incremental sync starts after the snapshot. */
  feedCursor: z.number().int(),
});
export type SnapshotPage = z.infer<typeof SnapshotPage>;

export const Conflict = z.object({
  kind: EntityKind,
  entityId: EntityId,
  field: z.string(),
  /** The shown value's stamp (highest), then the other concurrent versions. */
  winner: Hlc,
  candidates: z.array(z.object({ hlc: Hlc, value: z.unknown() })),
});
export type Conflict = z.infer<typeof Conflict>;

export const SyncState = z.enum(['online', 'offline', 'syncing']);
export type SyncState = z.infer<typeof SyncState>;
export const SyncStatus = z.object({
  state: SyncState,
  queued: z.number().int(),
  /** Local writes the hub refused (kept in the outbox, marked, not retried): the UI should show them. */
  rejected: z.number().int(),
  conflicts: z.number().int(),
  lastSyncAt: z.number().int().nullable(),
  initialSyncDone: z.boolean(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;
export const SyncProgress = z.object({ phase: z.enum(['snapshot', 'changes', 'push']), kind: EntityKind.nullable(), pages: z.number().int(), items: z.number().int() });
export type SyncProgress = z.infer<typeof SyncProgress>;

export const WorkOrderHistoryEntry = z.object({ mutationId: z.string(), hlc: Hlc, author: z.string(), changes: z.record(z.string(), z.unknown()) });
export type WorkOrderHistoryEntry = z.infer<typeof WorkOrderHistoryEntry>;

/** Every kind's document with its id, as the seat's reads return them. */
export const WorkOrder = WorkOrderDoc.extend({ id: EntityId });
export type WorkOrder = z.infer<typeof WorkOrder>;
export const Callback = CallbackDoc.extend({ id: EntityId });
export type Callback = z.infer<typeof Callback>;
export const Interaction = InteractionDoc.extend({ id: EntityId });
export type Interaction = z.infer<typeof Interaction>;
export const CachedCustomer = CustomerDoc.extend({ id: EntityId });
export type CachedCustomer = z.infer<typeof CachedCustomer>;
export const CachedArticle = KnowledgeDoc.extend({ id: EntityId });
export type CachedArticle = z.infer<typeof CachedArticle>;

export const SYNC_ENTITY_ORDER: readonly EntityKind[] = ['customer', 'knowledge', 'interaction', 'work_order', 'callback'];

/** What a field holds before anyone wrote it (entities born on a seat start from these). */
export const DOC_DEFAULTS: { readonly [K in EntityKind]: DocOf[K] } = {
  customer: { name: '', tier: 'NORMAL', phones: [], maskedCards: [], maskedIdNumber: null, tags: [], notes: '', birthday: null, deleted: false },
  interaction: { customerId: null, direction: 'inbound', number: '', agent: '', startedAt: 0, endedAt: null, disposition: '', notes: '', deleted: false },
  work_order: { customerId: null, type: 'inquiry', title: '', description: '', status: 'new', assignee: null, dueAt: null, createdBy: '', createdAt: 0, deleted: false },
  callback: { customerId: null, number: '', scheduledAt: 0, status: 'scheduled', assignee: null, note: '', deleted: false },
  knowledge: { category: '', question: '', answer: '', deleted: false },
};

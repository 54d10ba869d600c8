/**
 * The agent workstation's data as the renderer sees it: customer cards for screen pop, wrap-up,
 * work orders, callbacks, customer care and import/export. Everything here is read from the seat's
 * offline cache (protocol/sync.ts documents), so it works while the hub is away.
 */
import { z } from 'zod';
import { CustomerTier } from './customer';
import { CachedArticle, CachedCustomer, Callback, CallbackStatus, EntityId, Interaction, WorkOrder, WorkOrderStatus, WorkOrderType } from './sync';

export const PhoneInput = z.string().trim().min(3).max(40).regex(/^[+\d][\d\s()-]*$/, 'not a phone number');

/** Customer fields a seat may write (masked cards and ID numbers belong to the hub). */
export const CustomerInput = z.object({
  name: z.string().trim().min(1).max(100),
  tier: CustomerTier.default('NORMAL'),
  phones: z.array(PhoneInput).min(1).max(20),
  tags: z.array(z.string().trim().min(1).max(40)).max(50).default([]),
  notes: z.string().max(10_000).default(''),
  birthday: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable().default(null),
});
export type CustomerInput = z.infer<typeof CustomerInput>;

export const CareNotes = z.object({
  /** Days until the next birthday (0 = today), null when unknown. */
  birthdayInDays: z.number().int().nullable(),
  dormant: z.boolean(),
  lastContactAt: z.number().int().nullable(),
  /** Why the fund-anomaly rule flags this customer; empty when it does not. */
  fundAnomaly: z.array(z.string()),
});
export type CareNotes = z.infer<typeof CareNotes>;

/** What screen pop shows before answering. Balances are not in the offline cache: null means "not available here". */
export const CustomerCard = CachedCustomer.extend({
  vip: z.boolean(),
  balances: z.array(z.object({ maskedCard: z.string(), balanceCents: z.number().int() })).nullable(),
  interactions: z.array(Interaction),
  openWorkOrders: z.array(WorkOrder),
  care: CareNotes,
});
export type CustomerCard = z.infer<typeof CustomerCard>;

export const ScreenPopResult = z.object({
  /** The caller's number, normalised (digits only, no +86 / trunk 0). */
  number: z.string(),
  matches: z.array(CachedCustomer),
  /** The card of the only (or first) match; null for an unknown number. */
  card: CustomerCard.nullable(),
});
export type ScreenPopResult = z.infer<typeof ScreenPopResult>;

export const IncomingCall = z.object({
  number: z.string(),
  rawNumber: z.string().nullable(),
  name: z.string().nullable(),
  source: z.enum(['cti', 'simulated']),
  /** Epoch ms when the seat emitted the event (screen-pop latency is measured from here). */
  at: z.number(),
});
export type IncomingCall = z.infer<typeof IncomingCall>;

// ---- import / export ---------------------------------------------------------------------------

export const FileFormat = z.enum(['csv', 'xlsx']);
export type FileFormat = z.infer<typeof FileFormat>;

export const ImportRequest = z.object({
  fileName: z.string().max(200),
  format: FileFormat,
  /** The file itself; 20 MB of base64 at most. */
  base64: z.string().max(28_000_000),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

export const ImportRowError = z.object({
  /** 1-based line (CSV) or row (sheet) number in the file, the header being line 1. */
  line: z.number().int(),
  field: z.string().nullable(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportReport = z.object({
  jobId: z.string(),
  total: z.number().int(),
  created: z.number().int(),
  errors: z.array(ImportRowError),
});
export type ImportReport = z.infer<typeof ImportReport>;

export const ImportProgress = z.object({ jobId: z.string(), done: z.number().int(), total: z.number().int(), errors: z.number().int() });
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ExportFile = z.object({ fileName: z.string(), format: FileFormat, base64: z.string(), count: z.number().int() });
export type ExportFile = z.infer<typeof ExportFile>;

// ---- wrap-up and interactions ------------------------------------------------------------------

export const DISPOSITIONS = ['resolved', 'info_provided', 'complaint', 'transferred', 'callback_needed', 'work_order', 'wrong_number', 'no_answer'] as const;
export const Disposition = z.enum(DISPOSITIONS);

export const WorkOrderDraft = z.object({
  customerId: EntityId.nullable().default(null),
  type: WorkOrderType,
  title: z.string().trim().min(1).max(200),
  description: z.string().max(10_000).default(''),
  /** A username, or `dept:<name>` for a department queue. */
  assignee: z.string().max(64).nullable().default(null),
  /** Defaults to now + the type's SLA. */
  dueAt: z.number().int().nullable().optional(),
});
export type WorkOrderDraft = z.infer<typeof WorkOrderDraft>;

export const FollowUp = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('callback'), scheduledAt: z.number().int(), note: z.string().max(2_000).default('') }),
  z.object({ kind: z.literal('work_order'), order: WorkOrderDraft }),
]);
export type FollowUp = z.infer<typeof FollowUp>;

export const WrapUpRequest = z.object({
  customerId: EntityId.nullable(),
  number: z.string().max(40),
  direction: z.enum(['inbound', 'outbound']).default('inbound'),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable().default(null),
  disposition: Disposition,
  notes: z.string().max(10_000).default(''),
  followUp: FollowUp.default({ kind: 'none' }),
});
export type WrapUpRequest = z.infer<typeof WrapUpRequest>;

export const WrapUpResult = z.object({ interaction: Interaction, callback: Callback.nullable(), workOrder: WorkOrder.nullable() });
export type WrapUpResult = z.infer<typeof WrapUpResult>;

// ---- work orders ----------------------------------------------------------------------------

/** Hours from creation to due, per type: fund anomalies are urgent, business requests are not. */
export const WORK_ORDER_SLA_HOURS: Readonly<Record<WorkOrderType, number>> = { fund_anomaly: 2, complaint: 24, inquiry: 48, business: 72 };
export const DEPARTMENTS = ['个人业务部', '信用卡中心', '风险管理部', '运营管理部', '网点服务'] as const;

export const WorkOrderQuery = z.object({
  status: WorkOrderStatus.optional(),
  customerId: EntityId.optional(),
  /** Only orders assigned to the logged-in user. */
  mine: z.boolean().default(false),
  /** Open orders only (not resolved, closed or cancelled). */
  open: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(200),
});
export type WorkOrderQuery = z.infer<typeof WorkOrderQuery>;

export const WorkOrderHistoryItem = z.object({ hlc: z.string(), at: z.number().int(), author: z.string(), changes: z.record(z.string(), z.unknown()) });
export const WorkOrderDetail = z.object({ order: WorkOrder, history: z.array(WorkOrderHistoryItem), overdue: z.boolean() });
export type WorkOrderDetail = z.infer<typeof WorkOrderDetail>;

export const WorkOrderPatch = z.object({
  id: EntityId,
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(10_000).optional(),
  type: WorkOrderType.optional(),
  dueAt: z.number().int().nullable().optional(),
  status: WorkOrderStatus.optional(),
  assignee: z.string().max(64).nullable().optional(),
});
export type WorkOrderPatch = z.infer<typeof WorkOrderPatch>;

export const WorkOrderReminder = z.object({
  workOrderId: EntityId,
  /** due_soon: 30 minutes left; overdue: past due; escalated: handed to the team lead; urged: someone pressed 催办. */
  kind: z.enum(['due_soon', 'overdue', 'escalated', 'urged']),
  title: z.string(),
  dueAt: z.number().int().nullable(),
  assignee: z.string().nullable(),
  at: z.number(),
});
export type WorkOrderReminder = z.infer<typeof WorkOrderReminder>;

// ---- callbacks, knowledge, care ------------------------------------------------------------

export const CallbackQuery = z.object({
  status: CallbackStatus.optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  mine: z.boolean().default(false),
  limit: z.number().int().min(1).max(500).default(200),
});
export type CallbackQuery = z.infer<typeof CallbackQuery>;
export const ScheduleCallback = z.object({
  customerId: EntityId.nullable().default(null),
  number: PhoneInput,
  scheduledAt: z.number().int(),
  note: z.string().max(2_000).default(''),
  assignee: z.string().max(64).nullable().optional(),
});
export type ScheduleCallback = z.input<typeof ScheduleCallback>;
export const CallbackDue = z.object({ callback: Callback, kind: z.enum(['due_soon', 'due']), at: z.number() });
export type CallbackDue = z.infer<typeof CallbackDue>;

export const Article = CachedArticle.extend({ usageCount: z.number().int() });
export type Article = z.infer<typeof Article>;
export const SuggestRequest = z.object({
  customerId: EntityId.nullable().default(null),
  /** Free text from the call: IVR menu choice, queue name, notes typed so far. */
  context: z.string().max(500).default(''),
  limit: z.number().int().min(1).max(20).default(5),
});
export type SuggestRequest = z.infer<typeof SuggestRequest>;

export const CareEntry = z.object({ customer: CachedCustomer, care: CareNotes });
export type CareEntry = z.infer<typeof CareEntry>;
export const CampaignRequest = z.object({
  name: z.string().trim().min(1).max(100),
  customerIds: z.array(EntityId).min(1).max(1000),
  scheduledAt: z.number().int(),
  note: z.string().max(2_000).default(''),
});
export type CampaignRequest = z.infer<typeof CampaignRequest>;
export const Playbook = z.object({
  customer: CachedCustomer,
  reasons: z.array(z.string()),
  script: z.array(Article),
  draft: WorkOrderDraft,
});
export type Playbook = z.infer<typeof Playbook>;

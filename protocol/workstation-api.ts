/**
 * The workstation services of the seat contract (added to protocol/seat-api.ts one line each).
 * Reads come from the seat's offline cache; writes go to it and its outbox, and reach the hub
 * through the sync engine whenever the hub answers.
 */
import { z } from 'zod';
import { event, method } from './rpc';
import { CachedCustomer, Callback, Conflict, EntityId, EntityKind, Interaction, SyncProgress, SyncStatus, WorkOrder } from './sync';
import {
  Article,
  CallbackDue,
  CallbackQuery,
  CampaignRequest,
  CareEntry,
  CustomerCard,
  CustomerInput,
  ExportFile,
  FileFormat,
  ImportProgress,
  ImportReport,
  ImportRequest,
  IncomingCall,
  Playbook,
  ScheduleCallback,
  ScreenPopResult,
  SuggestRequest,
  WorkOrderDetail,
  WorkOrderDraft,
  WorkOrderPatch,
  WorkOrderQuery,
  WorkOrderReminder,
  WrapUpRequest,
  WrapUpResult,
} from './workstation';

const ById = z.object({ id: EntityId });

export const customersService = {
  /** Name (two-character Chinese names too), phone digits or tag, from the local cache. */
  search: method(z.object({ query: z.string().trim().max(64), limit: z.number().int().min(1).max(200).default(50) }), z.array(CachedCustomer)),
  getCard: method(ById, CustomerCard),
  create: method(CustomerInput, CachedCustomer),
  update: method(z.object({ id: EntityId, patch: CustomerInput.partial() }), CachedCustomer),
  /** Customers sharing a phone number or the exact name with this one. */
  duplicates: method(ById, z.array(CachedCustomer)),
  /** Keeps `keepId`, folds phones, tags and notes of `dropId` into it, moves its history, deletes it. */
  merge: method(z.object({ keepId: EntityId, dropId: EntityId }), CachedCustomer),
  importFile: method(ImportRequest, ImportReport),
  exportFile: method(z.object({ format: FileFormat, query: z.string().max(64).default('') }), ExportFile),
  onImportProgress: event(ImportProgress),
} as const;

export const screenPopService = {
  /** The caller's card by number, whatever prefix it came with. */
  lookup: method(z.object({ number: z.string().max(40) }), ScreenPopResult),
  /** Demo and test entry point: behaves as if CTI announced a call (seat started with BRANCHLINE_SIMULATE_CALLS=1). */
  simulateIncoming: method(z.object({ number: z.string().min(1).max(40), name: z.string().max(100).nullable().default(null) }), IncomingCall),
  onIncoming: event(IncomingCall),
} as const;

export const interactionsService = {
  wrapUp: method(WrapUpRequest, WrapUpResult),
  list: method(z.object({ customerId: EntityId, limit: z.number().int().min(1).max(200).default(50) }), z.array(Interaction)),
} as const;

export const workOrdersService = {
  list: method(WorkOrderQuery, z.array(WorkOrder)),
  get: method(ById, WorkOrderDetail),
  create: method(WorkOrderDraft, WorkOrder),
  /** Status moves follow WORK_ORDER_TRANSITIONS; assigning sets the status to assigned when new. */
  update: method(WorkOrderPatch, WorkOrder),
  /** 催办: reminds the assignee now. */
  urge: method(ById, z.void()),
  onReminder: event(WorkOrderReminder),
} as const;

export const knowledgeService = {
  search: method(z.object({ query: z.string().trim().max(64), limit: z.number().int().min(1).max(100).default(20) }), z.array(Article)),
  suggest: method(SuggestRequest, z.array(Article)),
  recordUse: method(ById, z.object({ usageCount: z.number().int() })),
} as const;

export const callbacksService = {
  list: method(CallbackQuery, z.array(Callback)),
  schedule: method(ScheduleCallback, Callback),
  update: method(z.object({ id: EntityId, status: Callback.shape.status.optional(), scheduledAt: z.number().int().optional(), note: z.string().max(2_000).optional() }), Callback),
  onDue: event(CallbackDue),
} as const;

export const careService = {
  birthdays: method(z.object({ days: z.number().int().min(1).max(31).default(7) }), z.array(CareEntry)),
  dormant: method(z.object({ limit: z.number().int().min(1).max(1000).default(200) }), z.array(CareEntry)),
  fundAnomalies: method(z.object({ limit: z.number().int().min(1).max(1000).default(200) }), z.array(CareEntry)),
  /** One click: a callback for each customer of the campaign. */
  campaign: method(CampaignRequest, z.object({ created: z.number().int() })),
  /** The fund-anomaly playbook for one customer: reasons, script and a prefilled work order. */
  playbook: method(ById, Playbook),
} as const;

export const syncService = {
  getStatus: method(z.void(), SyncStatus),
  syncNow: method(z.void(), SyncStatus),
  listConflicts: method(z.void(), z.array(Conflict)),
  resolveConflict: method(
    z.object({ kind: EntityKind, entityId: EntityId, field: z.string().max(64), choice: z.union([z.object({ hlc: z.string() }), z.object({ value: z.unknown() })]) }),
    z.void(),
  ),
  onStatus: event(SyncStatus),
  onProgress: event(SyncProgress),
} as const;

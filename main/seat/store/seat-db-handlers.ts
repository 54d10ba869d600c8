/**
 * The requests the seat database worker answers, as one object of handlers. Its type is the typed
 * request union: the main-thread client derives method names and argument/result types from it.
 */
import type { Mutation, MutationResult, SnapshotPage, Change, DocOf, EntityKind } from '../../../protocol/sync';
import type { OfflineQueries } from './offline-queries';
import type { OfflineStore, SnapshotCheckpoint } from './offline-store';
import type { WorkstationQueries } from './workstation-queries';

export function createSeatDbHandlers(store: OfflineStore, queries: OfflineQueries, desk: WorkstationQueries) {
  return {
    seatId: () => store.seatId,
    counts: () => store.counts(),
    getState: (key: string) => store.getState(key) ?? null,
    setState: (key: string, value: string) => store.setState(key, value),
    // Local writes (table + outbox in one transaction).
    create: <K extends EntityKind>(kind: K, doc: Partial<DocOf[K]>, author: string, id?: string) => store.create(kind, doc, author, id),
    update: <K extends EntityKind>(kind: K, id: string, patch: Partial<DocOf[K]>, author: string) => store.update(kind, id, patch, author),
    resolveConflict: (kind: EntityKind, id: string, field: string, choice: { hlc: string } | { value: unknown }, author: string) =>
      store.resolveConflict(kind, id, field, choice, author),
    // Reads.
    get: (kind: EntityKind, id: string) => queries.get(kind, id),
    customersByPhone: (raw: string) => queries.customersByPhone(raw),
    searchCustomers: (query: string, limit?: number) => queries.searchCustomers(query, limit),
    searchKnowledge: (query: string, limit?: number) => queries.searchKnowledge(query, limit),
    listWorkOrders: (filter?: Parameters<OfflineQueries['listWorkOrders']>[0]) => queries.listWorkOrders(filter),
    workOrderHistory: (id: string) => queries.workOrderHistory(id),
    listCallbacks: (filter?: Parameters<OfflineQueries['listCallbacks']>[0]) => queries.listCallbacks(filter),
    listInteractions: (customerId: string, limit?: number) => queries.listInteractions(customerId, limit),
    listConflicts: (limit?: number) => queries.listConflicts(limit),
    // Workstation reads (customer care, export, merge, reminders).
    customersWithBirthday: (monthDays: string[], limit?: number) => desk.customersWithBirthday(monthDays, limit),
    customersFlagged: (tags: string[], notesPattern: string, limit?: number) => desk.customersFlagged(tags, notesPattern, limit),
    lastContacts: (customerIds: string[]) => desk.lastContacts(customerIds),
    quietCustomers: (before: number, limit?: number) => desk.quietCustomers(before, limit),
    customersPage: (after: string, limit: number) => desk.customersPage(after, limit),
    customersNamed: (name: string, limit?: number) => desk.customersNamed(name, limit),
    callbacksOfCustomer: (customerId: string) => desk.callbacksOfCustomer(customerId),
    workOrdersDueBefore: (before: number) => desk.workOrdersDueBefore(before),
    // Sync engine.
    outboxBatch: (limit: number): Mutation[] => store.outboxBatch(limit),
    ackPushed: (results: MutationResult[]) => store.ackPushed(results),
    markAttempt: (ids: string[]) => store.markAttempt(ids),
    applyChanges: (changes: Change[], cursor: number) => store.applyChanges(changes, cursor),
    applySnapshotPage: (page: SnapshotPage, checkpoint: SnapshotCheckpoint) => store.applySnapshotPage(page, checkpoint),
    snapshotCheckpoint: () => store.snapshotCheckpoint(),
    beginSnapshot: () => store.beginSnapshot(),
    finishSnapshot: (feedCursor: number) => store.finishSnapshot(feedCursor),
  };
}

export type SeatDbApi = ReturnType<typeof createSeatDbHandlers>;
export type SeatDbMethod = keyof SeatDbApi;

/** The request union: one member per method, with its own argument tuple. */
export type SeatDbRequest = { [M in SeatDbMethod]: { type: 'call'; seq: number; method: M; args: Parameters<SeatDbApi[M]> } }[SeatDbMethod];
export type SeatDbResponse =
  | { type: 'result'; seq: number; ok: true; value: unknown }
  | { type: 'result'; seq: number; ok: false; error: { code: string; message: string } }
  | { type: 'log'; line: string }
  | { type: 'ready'; seatId: string };

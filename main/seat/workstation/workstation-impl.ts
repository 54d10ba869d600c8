/**
 * The workstation services of the seat contract, as thin delegations to the desk modules. Every
 * method needs a logged-in member of staff: the installer sees no customer data (README).
 */
import { BranchlineError } from '../../../protocol/errors';
import type { ImplOf } from '../../../protocol/rpc';
import type { SeatApi } from '../../../protocol/seat-api';
import type { SeatSession } from '../seat-session';
import { birthdays, campaign, dormant, fundAnomalies, playbook, recordUse, searchKnowledge, suggestKnowledge } from './care-desk';
import type { UsageStore } from './care-desk';
import { createCustomer, customerCard, findDuplicates, loadCustomer, lookupNumber, mergeCustomers, searchCustomers, updateCustomer } from './customer-desk';
import type { Desk } from './customer-desk';
import { exportCustomers, importCustomers } from './customer-transfer';
import { createWorkOrder, listCallbacks, listWorkOrders, loadWorkOrder, scheduleCallback, updateCallback, updateWorkOrder, workOrderDetail, wrapUp } from './desk-records';
import { normalizePhone } from '../../../protocol/phone';

type WorkstationServices = 'customers' | 'knowledge' | 'screenPop' | 'interactions' | 'workOrders' | 'callbacks' | 'care' | 'sync';

async function desk(s: SeatSession): Promise<Desk> {
  const user = s.currentUser;
  if (!user) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
  if (user.role === 'installer') throw new BranchlineError('BL_ERR_AUTH_FORBIDDEN', 'The installer sees no customer data');
  const ws = s.environment.workstation;
  return { cache: await ws.cache(), user: user.username, now: ws.now() };
}

const usage = (s: SeatSession): UsageStore => ({
  read: () => {
    try {
      return JSON.parse(s.environment.workstation.setting('kb.usage') ?? '{}') as Record<string, number>;
    } catch {
      return {};
    }
  },
  write: (counts) => s.environment.workstation.setSetting('kb.usage', JSON.stringify(counts)),
});

export const workstationServiceImpl: Pick<ImplOf<SeatApi, SeatSession>, WorkstationServices> = {
  customers: {
    search: async ({ query, limit }, s) => searchCustomers(await desk(s), query, limit),
    getCard: async ({ id }, s) => {
      const d = await desk(s);
      return customerCard(d, await loadCustomer(d, id));
    },
    create: async (input, s) => createCustomer(await desk(s), input),
    update: async ({ id, patch }, s) => updateCustomer(await desk(s), id, patch),
    duplicates: async ({ id }, s) => findDuplicates(await desk(s), id),
    merge: async ({ keepId, dropId }, s) => mergeCustomers(await desk(s), keepId, dropId),
    importFile: async ({ format, base64 }, s) => {
      const d = await desk(s);
      const ws = s.environment.workstation;
      return importCustomers(d, format, Buffer.from(base64, 'base64'), (p) => ws.broadcast('customers.onImportProgress', p));
    },
    exportFile: async ({ format, query }, s) => exportCustomers(await desk(s), format, query),
  },
  screenPop: {
    lookup: async ({ number }, s) => lookupNumber(await desk(s), number),
    simulateIncoming: ({ number, name }, s) => {
      const ws = s.environment.workstation;
      if (!ws.simulateCalls) throw new BranchlineError('BL_ERR_AUTH_FORBIDDEN', 'Simulated calls are off on this seat (BRANCHLINE_SIMULATE_CALLS=1)');
      const call = { number: normalizePhone(number), rawNumber: number, name, source: 'simulated' as const, at: Date.now() };
      ws.broadcast('screenPop.onIncoming', call);
      return call;
    },
  },
  interactions: {
    wrapUp: async (input, s) => wrapUp(await desk(s), input),
    list: async ({ customerId, limit }, s) => (await desk(s)).cache.db.call('listInteractions', customerId, limit),
  },
  workOrders: {
    list: async (q, s) => listWorkOrders(await desk(s), q),
    get: async ({ id }, s) => workOrderDetail(await desk(s), id),
    create: async (draft, s) => createWorkOrder(await desk(s), draft),
    update: async (patch, s) => updateWorkOrder(await desk(s), patch),
    urge: async ({ id }, s) => {
      const d = await desk(s);
      const o = await loadWorkOrder(d, id);
      s.environment.workstation.broadcast('workOrders.onReminder', { workOrderId: id, kind: 'urged', title: o.title, dueAt: o.dueAt, assignee: o.assignee, at: d.now });
    },
  },
  knowledge: {
    search: async ({ query, limit }, s) => searchKnowledge(await desk(s), usage(s), query, limit),
    suggest: async (req, s) => suggestKnowledge(await desk(s), usage(s), req),
    recordUse: async ({ id }, s) => {
      await desk(s);
      return { usageCount: recordUse(usage(s), id) };
    },
  },
  callbacks: {
    list: async (q, s) => listCallbacks(await desk(s), q),
    schedule: async (req, s) => scheduleCallback(await desk(s), req),
    update: async ({ id, ...patch }, s) => updateCallback(await desk(s), id, patch),
  },
  care: {
    birthdays: async ({ days }, s) => birthdays(await desk(s), days),
    dormant: async ({ limit }, s) => dormant(await desk(s), limit),
    fundAnomalies: async ({ limit }, s) => fundAnomalies(await desk(s), limit),
    campaign: async (req, s) => campaign(await desk(s), req),
    playbook: async ({ id }, s) => playbook(await desk(s), usage(s), id),
  },
  sync: {
    getStatus: async (_input, s) => (await desk(s)).cache.engine.status,
    syncNow: async (_input, s) => {
      const { cache } = await desk(s);
      // A failed run is reported through the status (offline + lastError), not as an RPC error.
      await cache.engine.syncOnce().catch(() => undefined);
      return cache.engine.status;
    },
    listConflicts: async (_input, s) => (await desk(s)).cache.db.call('listConflicts', 200),
    resolveConflict: async ({ kind, entityId, field, choice }, s) => {
      const d = await desk(s);
      await d.cache.resolveConflict(kind, entityId, field, choice, d.user);
    },
  },
};

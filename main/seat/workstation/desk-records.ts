/**
 * Work orders, callbacks and call wrap-up, written to the offline cache. Status moves are checked
 * by the store against WORK_ORDER_TRANSITIONS; due times default to the type's SLA.
 */
import { BranchlineError } from '../../../protocol/errors';
import { normalizePhone } from '../../../protocol/phone';
import { parseHlc } from '../../../protocol/sync';
import type { Callback, WorkOrder, WorkOrderDoc } from '../../../protocol/sync';
import type { CallbackQuery, ScheduleCallback, WorkOrderDetail, WorkOrderDraft, WorkOrderPatch, WorkOrderQuery, WrapUpRequest, WrapUpResult } from '../../../protocol/workstation';
import type { Desk } from './customer-desk';
import { OPEN_STATUSES, slaDueAt } from './desk-rules';

export async function loadWorkOrder(desk: Desk, id: string): Promise<WorkOrder> {
  const o = (await desk.cache.db.call('get', 'work_order', id)) as WorkOrder | null;
  if (!o || o.deleted) throw new BranchlineError('BL_ERR_NOT_FOUND', `No work order ${id}`);
  return o;
}

export async function listWorkOrders(desk: Desk, q: WorkOrderQuery): Promise<WorkOrder[]> {
  const rows = await desk.cache.db.call('listWorkOrders', {
    status: q.status,
    customerId: q.customerId,
    assignee: q.mine ? desk.user : undefined,
    limit: q.open ? 5000 : q.limit,
  });
  return (q.open ? rows.filter((o) => OPEN_STATUSES.includes(o.status)) : rows).slice(0, q.limit);
}

export async function workOrderDetail(desk: Desk, id: string): Promise<WorkOrderDetail> {
  const order = await loadWorkOrder(desk, id);
  const history = (await desk.cache.db.call('workOrderHistory', id)).map((h) => ({ hlc: h.hlc, at: parseHlc(h.hlc).wallMs, author: h.author, changes: h.changes }));
  return { order, history, overdue: isOverdue(order, desk.now) };
}

export const isOverdue = (o: Pick<WorkOrderDoc, 'dueAt' | 'status'>, now: number) => o.dueAt !== null && o.dueAt < now && OPEN_STATUSES.includes(o.status);

export function createWorkOrder(desk: Desk, draft: WorkOrderDraft): Promise<WorkOrder> {
  return desk.cache.create(
    'work_order',
    {
      customerId: draft.customerId,
      type: draft.type,
      title: draft.title,
      description: draft.description,
      assignee: draft.assignee,
      status: draft.assignee ? 'assigned' : 'new',
      dueAt: draft.dueAt === undefined ? slaDueAt(draft.type, desk.now) : draft.dueAt,
      createdBy: desk.user,
      createdAt: desk.now,
    },
    desk.user,
  );
}

export async function updateWorkOrder(desk: Desk, patch: WorkOrderPatch): Promise<WorkOrder> {
  const current = await loadWorkOrder(desk, patch.id);
  const { id, ...fields } = patch;
  const changes: Partial<WorkOrderDoc> = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  // Giving a new order to someone is the assigned step of its flow.
  if (changes.assignee && changes.status === undefined && current.status === 'new') changes.status = 'assigned';
  return desk.cache.update('work_order', id, changes, desk.user);
}

export function listCallbacks(desk: Desk, q: CallbackQuery): Promise<Callback[]> {
  return desk.cache.db.call('listCallbacks', { status: q.status, from: q.from, to: q.to, assignee: q.mine ? desk.user : undefined, limit: q.limit });
}

export function scheduleCallback(desk: Desk, req: ScheduleCallback): Promise<Callback> {
  return desk.cache.create(
    'callback',
    { customerId: req.customerId ?? null, number: normalizePhone(req.number), scheduledAt: req.scheduledAt, note: req.note ?? '', assignee: req.assignee ?? desk.user, status: 'scheduled' },
    desk.user,
  );
}

export async function updateCallback(desk: Desk, id: string, patch: Partial<Pick<Callback, 'status' | 'scheduledAt' | 'note'>>): Promise<Callback> {
  const cb = (await desk.cache.db.call('get', 'callback', id)) as Callback | null;
  if (!cb || cb.deleted) throw new BranchlineError('BL_ERR_NOT_FOUND', `No callback ${id}`);
  const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  // Moving a callback to a new time re-arms it.
  if (patch.scheduledAt !== undefined && patch.status === undefined) changes.status = 'scheduled';
  return desk.cache.update('callback', id, changes, desk.user);
}

/** After a call: the interaction goes to history, and its follow-up becomes a callback or a work order. */
export async function wrapUp(desk: Desk, req: WrapUpRequest): Promise<WrapUpResult> {
  const interaction = await desk.cache.create(
    'interaction',
    {
      customerId: req.customerId,
      direction: req.direction,
      number: normalizePhone(req.number),
      agent: desk.user,
      startedAt: req.startedAt,
      endedAt: req.endedAt ?? desk.now,
      disposition: req.disposition,
      notes: req.notes,
    },
    desk.user,
  );
  const f = req.followUp;
  const callback = f.kind === 'callback' ? await scheduleCallback(desk, { customerId: req.customerId, number: req.number || '000', scheduledAt: f.scheduledAt, note: f.note }) : null;
  const workOrder =
    f.kind === 'work_order'
      ? await createWorkOrder(desk, {
          ...f.order,
          customerId: f.order.customerId ?? req.customerId,
          description: [f.order.description, `(${interaction.id})`].filter(Boolean).join('\n'),
        })
      : null;
  return { interaction, callback, workOrder };
}

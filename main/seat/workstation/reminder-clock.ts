/**
 * Timed reminders (催办): every tick it looks at open work orders due within 30 minutes and at
 * callbacks due within 5, and announces each moment once. The logged-in user's own overdue orders
 * are escalated to the team lead (setting `workstation.teamLead`, default the demo lead).
 */
import type { Callback, WorkOrderDoc } from '../../../protocol/sync';
import type { Logger } from '../../common/logger';
import type { Workstation } from './workstation';

const DUE_SOON_MS = 30 * 60_000;
const CALLBACK_SOON_MS = 5 * 60_000;
/** Callbacks this late are "missed" business for the agent's list, not a notification. */
const CALLBACK_STALE_MS = 12 * 3_600_000;

export class ReminderClock {
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** `${id}:${dueAt}:${kind}`: one notification per order, due time and kind. */
  private readonly announced = new Set<string>();

  constructor(
    private readonly ws: Workstation,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.workOrders();
      await this.callbacks();
    } catch (err) {
      this.logger.debug({ err }, 'reminder tick skipped');
    } finally {
      this.running = false;
    }
  }

  private once(key: string): boolean {
    if (this.announced.has(key)) return false;
    this.announced.add(key);
    return true;
  }

  private async workOrders(): Promise<void> {
    const cache = await this.ws.cache();
    const now = this.ws.now();
    const me = this.ws.current()?.username;
    const lead = this.ws.setting('workstation.teamLead') ?? 'lead';
    for (const { id, doc } of await cache.db.call('workOrdersDueBefore', now + DUE_SOON_MS)) {
      const o = doc as unknown as WorkOrderDoc;
      const base = { workOrderId: id, title: o.title, dueAt: o.dueAt, assignee: o.assignee, at: now };
      const overdue = o.dueAt !== null && o.dueAt <= now;
      if (!overdue && this.once(`${id}:${o.dueAt}:due_soon`)) this.ws.broadcast('workOrders.onReminder', { ...base, kind: 'due_soon' });
      if (!overdue) continue;
      if (this.once(`${id}:${o.dueAt}:overdue`)) this.ws.broadcast('workOrders.onReminder', { ...base, kind: 'overdue' });
      // Only the seat of the order's owner escalates it, so seats do not race each other.
      const mine = me !== undefined && (o.assignee === me || (o.assignee === null && o.createdBy === me));
      if (mine && me !== lead && o.assignee !== lead && this.once(`${id}:${o.dueAt}:escalated`)) {
        await cache.update('work_order', id, { assignee: lead, ...(o.status === 'new' ? { status: 'assigned' as const } : {}) }, me);
        this.logger.info({ workOrder: id, lead }, 'overdue work order escalated');
        this.ws.broadcast('workOrders.onReminder', { ...base, assignee: lead, kind: 'escalated' });
      }
    }
  }

  private async callbacks(): Promise<void> {
    const cache = await this.ws.cache();
    const now = this.ws.now();
    const due: Callback[] = await cache.db.call('listCallbacks', { status: 'scheduled', from: now - CALLBACK_STALE_MS, to: now + CALLBACK_SOON_MS, limit: 200 });
    for (const cb of due) {
      const kind = cb.scheduledAt <= now ? 'due' : 'due_soon';
      if (this.once(`${cb.id}:${cb.scheduledAt}:${kind}`)) this.ws.broadcast('callbacks.onDue', { callback: cb, kind, at: now });
    }
  }
}

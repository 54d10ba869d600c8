/**
 * The workstation's business rules in one place, pure so they are tested without a database:
 * work-order SLAs, the customer-care notes (birthday, dormant) and the fund-anomaly rule.
 */
import type { CachedCustomer, WorkOrderStatus, WorkOrderType } from '../../../protocol/sync';
import { WORK_ORDER_SLA_HOURS } from '../../../protocol/workstation';
import type { CareNotes } from '../../../protocol/workstation';

const DAY = 86_400_000;

/** Tags the hub (or an agent) puts on accounts that have not moved for a long time. */
export const DORMANT_TAGS = ['休眠账户', '不动户'];
/** Customers the branch has not spoken to for this long count as dormant too. */
export const DORMANT_AFTER_MS = 365 * DAY;
/** Tags and note keywords that start the fund-anomaly playbook. */
export const FUND_ANOMALY_TAGS = ['资金异常', '疑似诈骗', '盗刷', '可疑交易'];
export const FUND_ANOMALY_NOTES = '资金异常|诈骗|盗刷|转错账|可疑交易|冒充';
/** Knowledge searches that make up the playbook's script. */
export const FUND_ANOMALY_SCRIPT_QUERIES = ['资金异常', '诈骗', '挂失'];

export const OPEN_STATUSES: readonly WorkOrderStatus[] = ['new', 'assigned', 'in_progress', 'pending_customer'];

export function slaDueAt(type: WorkOrderType, from: number): number {
  return from + WORK_ORDER_SLA_HOURS[type] * 3_600_000;
}

/** Local-time month-day keys ("MM-DD") of today and the next `days - 1` days. */
export function monthDaysAhead(now: number, days: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < days; i++) {
    const d = new Date(now + i * DAY);
    out.push(`${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`);
  }
  return out;
}

/** Days from today to the next birthday (0 = today); 29 February counts on 28 February in other years. */
export function birthdayInDays(birthday: string | null, now: number): number | null {
  const m = birthday ? /^\d{4}-(\d{2})-(\d{2})$/.exec(birthday) : null;
  if (!m) return null;
  const today = new Date(now);
  today.setHours(0, 0, 0, 0);
  const month = Number(m[1]) - 1;
  const next = (year: number) => {
    const lastDay = new Date(year, month + 1, 0).getDate();
    return new Date(year, month, Math.min(Number(m[2]), lastDay));
  };
  let date = next(today.getFullYear());
  if (date < today) date = next(today.getFullYear() + 1);
  return Math.round((date.getTime() - today.getTime()) / DAY);
}

export function fundAnomalyReasons(c: Pick<CachedCustomer, 'tags' | 'notes'>): string[] {
  const reasons = c.tags.filter((t) => FUND_ANOMALY_TAGS.includes(t)).map((t) => `tag:${t}`);
  const hit = new RegExp(FUND_ANOMALY_NOTES).exec(c.notes);
  if (hit) reasons.push(`notes:${hit[0]}`);
  return reasons;
}

export function careNotes(c: CachedCustomer, lastContactAt: number | null, now: number): CareNotes {
  const dormant = c.tags.some((t) => DORMANT_TAGS.includes(t)) || (lastContactAt !== null && now - lastContactAt > DORMANT_AFTER_MS);
  return { birthdayInDays: birthdayInDays(c.birthday, now), dormant, lastContactAt, fundAnomaly: fundAnomalyReasons(c) };
}

export const isVip = (c: Pick<CachedCustomer, 'tier'>) => c.tier === 'DIAMOND' || c.tier === 'PLATINUM';

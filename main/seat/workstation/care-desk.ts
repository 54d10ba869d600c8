/**
 * Knowledge base and customer care at the desk: local full-text search with this seat's usage
 * counts, suggestions from the caller's profile and the call's context, care lists (birthdays,
 * dormant accounts, fund anomalies), one-click campaigns and the fund-anomaly playbook.
 */
import type { CachedArticle, CachedCustomer } from '../../../protocol/sync';
import type { Article, CampaignRequest, CareEntry, Playbook, SuggestRequest } from '../../../protocol/workstation';
import { loadCustomer } from './customer-desk';
import type { Desk } from './customer-desk';
import { scheduleCallback } from './desk-records';
import {
  DORMANT_AFTER_MS,
  DORMANT_TAGS,
  FUND_ANOMALY_NOTES,
  FUND_ANOMALY_SCRIPT_QUERIES,
  FUND_ANOMALY_TAGS,
  OPEN_STATUSES,
  careNotes,
  fundAnomalyReasons,
  monthDaysAhead,
  slaDueAt,
} from './desk-rules';

/** Usage counts are this seat's own (a settings row), so they need no hub and never conflict. */
export interface UsageStore {
  read(): Record<string, number>;
  write(counts: Record<string, number>): void;
}

const withUsage = (articles: CachedArticle[], usage: Record<string, number>): Article[] =>
  articles.map((a) => ({ ...a, usageCount: usage[a.id] ?? 0 }));

export async function searchKnowledge(desk: Desk, usage: UsageStore, query: string, limit: number): Promise<Article[]> {
  const found = withUsage(await desk.cache.db.call('searchKnowledge', query, limit), usage.read());
  // The answers agents use most come first among equally good matches (the sort is stable).
  return query.trim() ? found : found.sort((a, b) => b.usageCount - a.usageCount);
}

export function recordUse(usage: UsageStore, id: string): number {
  const counts = usage.read();
  counts[id] = (counts[id] ?? 0) + 1;
  usage.write(counts);
  return counts[id];
}

/** Topic words for a customer: tags, open work-order types, care flags. */
async function customerTopics(desk: Desk, customerId: string): Promise<string[]> {
  const c = await loadCustomer(desk, customerId).catch(() => null);
  if (!c) return [];
  const orders = await desk.cache.db.call('listWorkOrders', { customerId, limit: 20 });
  const topics = c.tags.map((t) => t.replace(/(客户|账户)$/, ''));
  for (const o of orders) if (OPEN_STATUSES.includes(o.status)) topics.push(ORDER_TOPIC[o.type]);
  if (fundAnomalyReasons(c).length > 0) topics.push('资金异常', '诈骗');
  if (c.tier === 'DIAMOND' || c.tier === 'PLATINUM') topics.push('贵宾');
  return topics;
}

const ORDER_TOPIC = { complaint: '投诉', inquiry: '查询', business: '办理', fund_anomaly: '资金异常' } as const;

export async function suggestKnowledge(desk: Desk, usage: UsageStore, req: SuggestRequest): Promise<Article[]> {
  const words = req.context.split(/[\s,，。.;；:：!！?？、/]+/).filter((w) => [...w].length >= 2);
  const topics = [...new Set([...words, ...(req.customerId ? await customerTopics(desk, req.customerId) : [])])].slice(0, 12);
  const counts = usage.read();
  const score = new Map<string, { article: Article; hits: number }>();
  for (const topic of topics) {
    for (const a of await desk.cache.db.call('searchKnowledge', topic, 5)) {
      const entry = score.get(a.id) ?? { article: { ...a, usageCount: counts[a.id] ?? 0 }, hits: 0 };
      entry.hits++;
      score.set(a.id, entry);
    }
  }
  const ranked = [...score.values()].sort((x, y) => y.hits - x.hits || y.article.usageCount - x.article.usageCount).map((e) => e.article);
  // Nothing specific to this caller: the answers this desk uses most.
  return (ranked.length > 0 ? ranked : await searchKnowledge(desk, usage, '', 50)).slice(0, req.limit);
}

async function careEntries(desk: Desk, customers: CachedCustomer[]): Promise<CareEntry[]> {
  const last = await desk.cache.db.call('lastContacts', customers.map((c) => c.id));
  return customers.map((c) => ({ customer: c, care: careNotes(c, last[c.id] ?? null, desk.now) }));
}

export async function birthdays(desk: Desk, days: number): Promise<CareEntry[]> {
  const found = await desk.cache.db.call('customersWithBirthday', monthDaysAhead(desk.now, days), 1000);
  const entries = await careEntries(desk, found);
  return entries.sort((a, b) => (a.care.birthdayInDays ?? 99) - (b.care.birthdayInDays ?? 99));
}

export async function dormant(desk: Desk, limit: number): Promise<CareEntry[]> {
  const { db } = desk.cache;
  // "(?!)" never matches: dormancy comes from tags and contact history, not from notes.
  const tagged = await db.call('customersFlagged', DORMANT_TAGS, '(?!)', limit);
  const quiet = await db.call('quietCustomers', desk.now - DORMANT_AFTER_MS, limit);
  const ids = new Set(tagged.map((c) => c.id));
  const more = await Promise.all(quiet.filter((q) => !ids.has(q.customerId)).map((q) => loadCustomer(desk, q.customerId).catch(() => null)));
  return careEntries(desk, [...tagged, ...more.filter((c): c is CachedCustomer => c !== null)].slice(0, limit));
}

export async function fundAnomalies(desk: Desk, limit: number): Promise<CareEntry[]> {
  return careEntries(desk, await desk.cache.db.call('customersFlagged', FUND_ANOMALY_TAGS, FUND_ANOMALY_NOTES, limit));
}

/** One callback per customer of the campaign, on the agent's own list. */
export async function campaign(desk: Desk, req: CampaignRequest): Promise<{ created: number }> {
  let created = 0;
  for (const id of req.customerIds) {
    const c = await loadCustomer(desk, id).catch(() => null);
    const number = c?.phones[0];
    if (!c || !number) continue;
    await scheduleCallback(desk, { customerId: c.id, number, scheduledAt: req.scheduledAt, note: `[${req.name}] ${req.note}`.trim() });
    created++;
  }
  return { created };
}

export async function playbook(desk: Desk, usage: UsageStore, customerId: string): Promise<Playbook> {
  const customer = await loadCustomer(desk, customerId);
  const reasons = fundAnomalyReasons(customer);
  const counts = usage.read();
  const seen = new Set<string>();
  const script: Article[] = [];
  for (const q of FUND_ANOMALY_SCRIPT_QUERIES) {
    for (const a of await desk.cache.db.call('searchKnowledge', q, 3)) {
      if (!seen.has(a.id)) (seen.add(a.id), script.push({ ...a, usageCount: counts[a.id] ?? 0 }));
    }
  }
  return {
    customer,
    reasons,
    script,
    draft: {
      customerId,
      type: 'fund_anomaly',
      title: `资金异常核查 · ${customer.name}`,
      description: reasons.length ? `规则触发 / flagged by: ${reasons.join(', ')}` : '',
      assignee: 'dept:风险管理部',
      dueAt: slaDueAt('fund_anomaly', desk.now),
    },
  };
}

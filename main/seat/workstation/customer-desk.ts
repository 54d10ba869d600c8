/**
 * Customers at the desk: local search, screen-pop lookup and cards, create/edit, duplicates and
 * merge. Every read is the offline cache; every write goes through it (and its outbox).
 */
import { BranchlineError } from '../../../protocol/errors';
import { normalizePhone } from '../../../protocol/phone';
import type { CachedCustomer, CustomerDoc } from '../../../protocol/sync';
import type { CustomerCard, CustomerInput, ScreenPopResult } from '../../../protocol/workstation';
import type { OfflineCache } from '../sync/offline-cache';
import { OPEN_STATUSES, careNotes, isVip } from './desk-rules';

export interface Desk {
  cache: OfflineCache;
  /** The logged-in username: the author of every write. */
  user: string;
  now: number;
}

export async function loadCustomer(desk: Desk, id: string): Promise<CachedCustomer> {
  const c = (await desk.cache.db.call('get', 'customer', id)) as CachedCustomer | null;
  if (!c || c.deleted) throw new BranchlineError('BL_ERR_NOT_FOUND', `No customer ${id}`);
  return c;
}

export function searchCustomers(desk: Desk, query: string, limit: number): Promise<CachedCustomer[]> {
  return desk.cache.db.call('searchCustomers', query, limit);
}

export async function customerCard(desk: Desk, customer: CachedCustomer): Promise<CustomerCard> {
  const { db } = desk.cache;
  const [interactions, orders] = await Promise.all([
    db.call('listInteractions', customer.id, 5),
    db.call('listWorkOrders', { customerId: customer.id, limit: 50 }),
  ]);
  const lastContactAt = interactions[0]?.startedAt ?? null;
  return {
    ...customer,
    vip: isVip(customer),
    // Balances stay on the hub's core-banking side; the offline cache never holds them.
    balances: null,
    interactions,
    openWorkOrders: orders.filter((o) => OPEN_STATUSES.includes(o.status)),
    care: careNotes(customer, lastContactAt, desk.now),
  };
}

/** Screen pop: the number as it came (+86, 0086, trunk 0, spaces) to the card of its owner. */
export async function lookupNumber(desk: Desk, raw: string): Promise<ScreenPopResult> {
  const number = normalizePhone(raw);
  const matches = number ? await desk.cache.db.call('customersByPhone', number) : [];
  // Several owners of one number (a shared landline): VIPs first, the agent picks.
  matches.sort((a, b) => Number(isVip(b)) - Number(isVip(a)));
  const first = matches[0];
  return { number, matches, card: first ? await customerCard(desk, first) : null };
}

function cleanInput(input: Partial<CustomerInput>): Partial<CustomerDoc> {
  const out: Partial<CustomerDoc> = { ...input };
  // Numbers are stored as the agent typed them minus spaces; the index normalises them anyway.
  if (input.phones) out.phones = [...new Set(input.phones.map((p) => p.replace(/\s+/g, '')))];
  if (input.tags) out.tags = [...new Set(input.tags)];
  if (input.birthday && Number.isNaN(Date.parse(input.birthday))) throw new BranchlineError('BL_ERR_VALIDATION', `customer.birthday: ${input.birthday} is not a date`);
  return out;
}

export async function createCustomer(desk: Desk, input: CustomerInput): Promise<CachedCustomer> {
  return desk.cache.create('customer', cleanInput(input), desk.user);
}

export async function updateCustomer(desk: Desk, id: string, patch: Partial<CustomerInput>): Promise<CachedCustomer> {
  await loadCustomer(desk, id);
  return desk.cache.update('customer', id, cleanInput(patch), desk.user);
}

export async function findDuplicates(desk: Desk, id: string): Promise<CachedCustomer[]> {
  const c = await loadCustomer(desk, id);
  const { db } = desk.cache;
  const byPhone = await Promise.all(c.phones.map((p) => db.call('customersByPhone', p)));
  const byName = c.name ? await db.call('customersNamed', c.name, 50) : [];
  const seen = new Map<string, CachedCustomer>();
  for (const other of [...byPhone.flat(), ...byName]) if (other.id !== id) seen.set(other.id, other);
  return [...seen.values()];
}

/**
 * Folds `dropId` into `keepId`: phones and tags are united, notes appended, a missing birthday
 * filled; interactions, work orders and callbacks move to the kept customer; the other is deleted.
 * Masked cards are the hub's to merge (seats may not write them).
 */
export async function mergeCustomers(desk: Desk, keepId: string, dropId: string): Promise<CachedCustomer> {
  if (keepId === dropId) throw new BranchlineError('BL_ERR_VALIDATION', 'A customer cannot be merged into itself');
  const [keep, drop] = await Promise.all([loadCustomer(desk, keepId), loadCustomer(desk, dropId)]);
  const { cache, user } = desk;
  const notes = [keep.notes, drop.notes && `[${drop.name} ${drop.id}] ${drop.notes}`].filter(Boolean).join('\n');
  const merged = await cache.update(
    'customer',
    keepId,
    {
      phones: [...new Set([...keep.phones, ...drop.phones])].slice(0, 20),
      tags: [...new Set([...keep.tags, ...drop.tags])].slice(0, 50),
      notes: notes.slice(0, 10_000),
      birthday: keep.birthday ?? drop.birthday,
      tier: TIER_RANK[drop.tier] > TIER_RANK[keep.tier] ? drop.tier : keep.tier,
    },
    user,
  );
  const [interactions, orders, callbacks] = await Promise.all([
    cache.db.call('listInteractions', dropId, 10_000),
    cache.db.call('listWorkOrders', { customerId: dropId, limit: 10_000 }),
    cache.db.call('callbacksOfCustomer', dropId),
  ]);
  for (const i of interactions) await cache.update('interaction', i.id, { customerId: keepId }, user);
  for (const o of orders) await cache.update('work_order', o.id, { customerId: keepId }, user);
  for (const cb of callbacks) await cache.update('callback', cb.id, { customerId: keepId }, user);
  await cache.update('customer', dropId, { deleted: true, notes: `${drop.notes}\n→ ${keepId}`.trim().slice(0, 10_000) }, user);
  return merged;
}

const TIER_RANK = { NORMAL: 0, GOLD: 1, PLATINUM: 2, DIAMOND: 3 } as const;

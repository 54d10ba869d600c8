/**
 * The sync engine against a real demo hub on 127.0.0.1 with real seat databases (worker threads,
 * SQLite files in temp dirs): offline writes on two seats across a hub restart, and an initial sync
 * killed midway that resumes from its checkpoint.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../protocol/auth';
import { ChangeFeedPage } from '../../../protocol/sync';
import type { SyncStatus } from '../../../protocol/sync';
import { silentLogger } from '../../common/logger';
import { startHub } from '../../hub/hub';
import type { RunningHub } from '../../hub/hub';
import { DEMO_CUSTOMER_COUNT } from '../../hub/demo/demo-seed';
import { HubClient } from '../hub-client';
import { SeatDb } from '../store/seat-db';
import { SyncEngine } from './sync-engine';

const root = mkdtempSync(join(tmpdir(), 'bl-sync-'));
const hubDir = join(root, 'hub');
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(root, { recursive: true, force: true });
});

async function startHubOn(port: number): Promise<RunningHub> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await startHub({ dataDir: hubDir, demo: true, http: { host: '127.0.0.1', port }, logger: silentLogger() });
    } catch (err) {
      if (attempt > 20 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function login(client: HubClient, username: string, password: string): Promise<string> {
  return (await client.request({ method: 'POST', path: '/api/auth/login', body: { username, password }, response: LoginResponse })).token;
}

async function seat(name: string, client: HubClient, token: string, pageSize = 100) {
  const db = await SeatDb.open({ file: join(root, name, 'seat.sqlite'), logger: silentLogger() });
  const engine = new SyncEngine({ db, hub: client, token: () => token, logger: silentLogger(), snapshotPageSize: pageSize });
  cleanups.push(() => db.close());
  return { db, engine };
}

describe('sync engine', () => {
  it('syncs two seats that wrote offline while the hub was down, each write exactly once, conflicts kept', async () => {
    let hub = await startHubOn(0);
    const port = hub.http.port;
    cleanups.push(() => hub.close());
    const client = new HubClient(hub.url, 2000);
    const a = await seat('a', client, await login(client, '1001', 'pass1001'));
    const b = await seat('b', client, await login(client, '1002', 'pass1002'));
    const statuses: SyncStatus[] = [];
    a.engine.onStatus((s) => statuses.push(s));

    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect((await a.db.call('customersByPhone', '+86 138 0013 8001')).map((c) => c.id)).toEqual(['1']);
    expect(a.engine.status).toMatchObject({ state: 'online', queued: 0, initialSyncDone: true });
    const order = await a.db.call('create', 'work_order', { type: 'complaint', title: '网点排队太久', createdBy: '1001', createdAt: 1, customerId: '1' }, '1001');
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect(await b.db.call('get', 'work_order', order.id)).toMatchObject({ title: '网点排队太久' });

    await hub.close();
    // Offline on both seats: reads and writes keep working locally.
    await a.db.call('update', 'customer', '1', { notes: '客户A说明', tier: 'GOLD' }, '1001');
    await b.db.call('update', 'customer', '1', { notes: '客户B说明' }, '1002');
    await b.db.call('update', 'customer', '1', { tags: ['VIP回访'] }, '1002');
    const newCustomer = await a.db.call('create', 'customer', { name: '赵六', phones: ['13912345678'] }, '1001');
    const callback = await b.db.call('create', 'callback', { customerId: '1', number: '13800138001', scheduledAt: Date.now() + 3_600_000 }, '1002');
    await a.db.call('update', 'work_order', order.id, { status: 'in_progress', assignee: '1001' }, '1001');
    await b.db.call('update', 'work_order', order.id, { title: '网点排队超过一小时', assignee: '1002' }, '1002');
    await expect(a.engine.syncOnce()).rejects.toMatchObject({ code: 'BL_ERR_HUB_UNREACHABLE' });
    expect(a.engine.status).toMatchObject({ state: 'offline', queued: 3 });
    expect(statuses.map((s) => s.state)).toContain('syncing');
    expect((await a.db.call('searchCustomers', '赵六')).map((c) => c.id)).toEqual([newCustomer.id]);

    const outboxA = await a.db.call('outboxBatch', 100);
    const outboxB = await b.db.call('outboxBatch', 100);
    hub = await startHubOn(port);
    // A push whose answer was lost is sent again: the hub must not apply it twice.
    await client.request({ method: 'POST', path: '/api/sync/push', token: await login(client, '1001', 'pass1001'), body: { seatId: a.db.seatId, mutations: outboxA.slice(0, 1) }, response: ChangeFeedPage.partial() });
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    await a.engine.syncOnce();

    const feed = await client.request({ method: 'GET', path: '/api/sync/changes', token: await login(client, 'lead', 'lead8000'), query: { cursor: 0, limit: 1000 }, response: ChangeFeedPage });
    const ids = feed.changes.map((c) => c.mutationId);
    for (const m of [...outboxA, ...outboxB]) expect(ids.filter((id) => id === m.mutationId)).toHaveLength(1);
    expect(new Set(ids).size).toBe(ids.length);

    for (const [kind, id] of [['customer', '1'], ['customer', newCustomer.id], ['callback', callback.id], ['work_order', order.id]] as const) {
      expect(await b.db.call('get', kind, id)).toEqual(await a.db.call('get', kind, id));
    }
    const customer = await a.db.call('get', 'customer', '1');
    expect(customer).toMatchObject({ tier: 'GOLD', tags: ['VIP回访'] });
    expect(await a.db.call('get', 'work_order', order.id)).toMatchObject({ status: 'in_progress', title: '网点排队超过一小时' });
    const conflicts = await a.db.call('listConflicts');
    expect(conflicts.map((c) => `${c.kind}:${c.field}`).sort()).toEqual(['customer:notes', 'work_order:assignee']);
    expect(await b.db.call('listConflicts')).toEqual(conflicts);
    expect(conflicts.find((c) => c.field === 'notes')!.candidates.map((c) => c.value).sort()).toEqual(['客户A说明', '客户B说明']);
    expect(a.engine.status).toMatchObject({ state: 'online', queued: 0, rejected: 0, conflicts: 2 });
    expect(b.engine.status).toMatchObject({ state: 'online', queued: 0, rejected: 0, conflicts: 2 });

    // Resolving on one seat clears the conflict everywhere.
    const notes = conflicts.find((c) => c.field === 'notes')!;
    const chosen = notes.candidates.find((c) => c.value === '客户A说明')!;
    await a.db.call('resolveConflict', 'customer', '1', 'notes', { hlc: chosen.hlc }, '1001');
    await a.engine.syncOnce();
    await b.engine.syncOnce();
    expect((await b.db.call('listConflicts')).map((c) => c.field)).toEqual(['assignee']);
    expect(await b.db.call('get', 'customer', '1')).toMatchObject({ notes: '客户A说明' });
    const history = await b.db.call('workOrderHistory', order.id);
    expect(history.map((h) => h.author).sort()).toEqual(['1001', '1001', '1002']);
  });

  it('resumes an initial sync killed midway from its checkpoint, not from zero', async () => {
    const hub = await startHub({ dataDir: join(root, 'hub2'), demo: true, http: { host: '127.0.0.1', port: 0 }, logger: silentLogger() });
    cleanups.push(() => hub.close());
    const client = new HubClient(hub.url);
    const token = await login(client, '1003', 'pass1003');

    const full = await seat('full', client, token, 25);
    const total = (await full.engine.syncOnce()).snapshotPages;
    expect(total).toBeGreaterThan(DEMO_CUSTOMER_COUNT / 25);

    const first = await seat('killed', client, token, 25);
    let pages = 0;
    first.engine.onProgress((p) => {
      if (p.phase === 'snapshot' && ++pages === 5) void first.db.terminate();
    });
    await expect(first.engine.syncOnce()).rejects.toMatchObject({ code: 'BL_ERR_STORE_UNAVAILABLE' });
    expect(pages).toBe(5);

    const again = await seat('killed', client, token, 25);
    const progress: number[] = [];
    again.engine.onProgress((p) => p.phase === 'snapshot' && progress.push(p.pages));
    const stats = await again.engine.syncOnce();
    expect(stats.snapshotPages).toBe(total - 5);
    expect(progress[0]).toBe(6);
    expect((await again.db.call('searchCustomers', '138001380')).length).toBe(10);
    const counts = await Promise.all(['王', '李', '张'].map(async (s) => (await again.db.call('searchCustomers', s, 1000)).length));
    const fullCounts = await Promise.all(['王', '李', '张'].map(async (s) => (await full.db.call('searchCustomers', s, 1000)).length));
    expect(counts).toEqual(fullCounts);
  });
});

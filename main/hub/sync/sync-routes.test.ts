import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMER_COUNT } from '../demo/demo-seed';
import { formatHlc } from '../../../protocol/sync';
import type { ChangeFeedPage, Mutation, PushResponse, SnapshotPage } from '../../../protocol/sync';
import { startDemoHub } from '../../../testing/hub-fixture';

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let agent: string;
let lead: string;

async function token(username: string, password: string): Promise<string> {
  const res = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  return res.json<{ token: string }>().token;
}
const auth = (t: string) => ({ authorization: `Bearer ${t}` });
const push = async (t: string, mutations: Mutation[], seatId = 'seat-1') =>
  hub.app.inject({ method: 'POST', url: '/api/sync/push', headers: auth(t), payload: { seatId, mutations } });
const get = async <T>(t: string, url: string) => {
  const res = await hub.app.inject({ method: 'GET', url, headers: auth(t) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<T>();
};

beforeAll(async () => {
  hub = await startDemoHub();
  agent = await token('1001', 'pass1001');
  lead = await token('lead', 'lead8000');
});
afterAll(async () => hub?.dispose());

const stamp = (ms: number, node = 'seat1') => formatHlc(Date.now() + ms, 0, node);

describe('hub sync routes', () => {
  it('pages the snapshot of the demo customers with masked numbers only, resumable from any page', async () => {
    const ids: string[] = [];
    let after = '';
    let pages = 0;
    for (;;) {
      const page = await get<SnapshotPage>(agent, `/api/sync/snapshot?entity=customer&after=${after}&limit=70`);
      pages++;
      ids.push(...page.items.map((i) => i.id));
      for (const item of page.items) {
        const cards = item.doc.maskedCards as string[];
        expect(cards.every((c) => /^\d{6}\*+\d{4}$/.test(c))).toBe(true);
        expect(item.doc.maskedIdNumber).toMatch(/^\d\*{16}[\dX]$/);
        expect(JSON.stringify(item.doc)).not.toMatch(/\d{12}/);
      }
      if (!page.next) break;
      after = page.next;
    }
    expect(pages).toBe(Math.ceil(DEMO_CUSTOMER_COUNT / 70));
    expect(new Set(ids).size).toBe(DEMO_CUSTOMER_COUNT);
    const kb = await get<SnapshotPage>(agent, '/api/sync/snapshot?entity=knowledge');
    expect(kb.items.length).toBeGreaterThan(0);
  });

  it('carries the imported records in the change feed too', async () => {
    const page = await get<ChangeFeedPage>(agent, '/api/sync/changes?cursor=0&limit=1000&seat=seat-x');
    const customers = page.changes.filter((c) => c.kind === 'customer');
    expect(customers).toHaveLength(DEMO_CUSTOMER_COUNT);
    expect(customers[0]!.changes.maskedCards!.value).toEqual(expect.arrayContaining([expect.stringMatching(/\*{4}/)]));
  });

  it('applies a mutation at most once and advances the cursor monotonically', async () => {
    const before = await get<ChangeFeedPage>(agent, '/api/sync/changes?cursor=0&limit=1000');
    const m: Mutation = {
      mutationId: randomUUID(),
      kind: 'work_order',
      entityId: randomUUID(),
      hlc: stamp(0),
      author: 'spoofed',
      changes: { title: { value: '转账未到账', parents: [] }, type: { value: 'fund_anomaly', parents: [] } },
    };
    const first = (await push(agent, [m])).json<PushResponse>().results[0]!;
    expect(first).toMatchObject({ status: 'applied', conflicts: [], error: null });
    expect(first.cursor!).toBeGreaterThan(before.cursor);
    const again = (await push(agent, [m, m])).json<PushResponse>().results;
    expect(again.map((r) => [r.status, r.cursor])).toEqual([['duplicate', first.cursor], ['duplicate', first.cursor]]);
    const feed = await get<ChangeFeedPage>(agent, `/api/sync/changes?cursor=${before.cursor}&seat=seat-1`);
    expect(feed.changes.map((c) => c.mutationId)).toEqual([m.mutationId]);
    expect(feed.changes[0]!.author).toBe('1001');
    expect(hub.ctx.sync.seatCursors().find((s) => s.seatId === 'seat-1')?.cursor).toBe(before.cursor);
  });

  it('keeps concurrent edits of one field as a conflict and reports it per mutation', async () => {
    const snap = await get<SnapshotPage>(agent, '/api/sync/snapshot?entity=customer&limit=1');
    const c = snap.items[0]!;
    const base = c.baseHlc!;
    const a: Mutation = { mutationId: randomUUID(), kind: 'customer', entityId: c.id, hlc: stamp(1, 'seatA'), author: 'a', changes: { notes: { value: 'A', parents: [base] } } };
    const b: Mutation = { mutationId: randomUUID(), kind: 'customer', entityId: c.id, hlc: stamp(2, 'seatB'), author: 'b', changes: { notes: { value: 'B', parents: [base] } } };
    const [ra, rb] = (await push(agent, [a, b])).json<PushResponse>().results;
    expect(ra!.conflicts).toEqual([]);
    expect(rb!.conflicts).toEqual(['notes']);
    const after = await get<SnapshotPage>(agent, '/api/sync/snapshot?entity=customer&limit=1');
    expect(after.items[0]!.doc.notes).toBe('B');
    expect(after.items[0]!.meta.notes!.heads.map((h) => h.value)).toEqual(['A', 'B']);
  });

  it('rejects hub-owned fields, bad values and knowledge edits by agents, one mutation at a time', async () => {
    const mk = (kind: Mutation['kind'], changes: Mutation['changes']): Mutation => ({ mutationId: randomUUID(), kind, entityId: '1', hlc: stamp(3), author: 'x', changes });
    const results = (
      await push(agent, [
        mk('customer', { maskedCards: { value: ['6222020000000000001'], parents: [] } }),
        mk('customer', { tier: { value: 'EMPEROR', parents: [] } }),
        mk('customer', { nonsense: { value: 1, parents: [] } }),
        mk('knowledge', { answer: { value: '新答案', parents: [] } }),
        mk('customer', { notes: { value: 'ok', parents: [] } }),
      ])
    ).json<PushResponse>().results;
    expect(results.map((r) => r.error?.code ?? r.status)).toEqual([
      'BL_ERR_SYNC_READ_ONLY_FIELD',
      'BL_ERR_SYNC_INVALID_MUTATION',
      'BL_ERR_SYNC_INVALID_MUTATION',
      'BL_ERR_AUTH_FORBIDDEN',
      'applied',
    ]);
    const byLead = (await push(lead, [mk('knowledge', { answer: { value: '新答案', parents: [] } })])).json<PushResponse>().results[0]!;
    expect(byLead.status).toBe('applied');
  });

  it('requires a staff token and validates the query', async () => {
    expect((await hub.app.inject({ method: 'GET', url: '/api/sync/changes' })).statusCode).toBe(401);
    const installer = await token('installer', 'install7000');
    expect((await hub.app.inject({ method: 'GET', url: '/api/sync/changes', headers: auth(installer) })).statusCode).toBe(403);
    const bad = await hub.app.inject({ method: 'GET', url: '/api/sync/snapshot?entity=planets', headers: auth(agent) });
    expect(bad.json<{ error: { code: string } }>().error.code).toBe('BL_ERR_VALIDATION');
  });
});

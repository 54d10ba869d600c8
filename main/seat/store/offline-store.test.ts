import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../protocol/errors';
import { formatHlc } from '../../../protocol/sync';
import type { Mutation } from '../../../protocol/sync';
import { silentLogger } from '../../common/logger';
import { runMigrations } from '../../common/sqlite/migrator';
import { openDatabase } from '../../common/sqlite/open-database';
import { seatMigrations } from './migrations';
import { OfflineQueries } from './offline-queries';
import { OfflineStore } from './offline-store';

let dir: string;
let db: Database;
let store: OfflineStore;
let q: OfflineQueries;

function open(): void {
  db = openDatabase(join(dir, 'seat.sqlite'));
  runMigrations(db, seatMigrations, silentLogger());
  store = new OfflineStore(db, { seatId: 'seat-a' });
  q = new OfflineQueries(db, store.tables);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-offline-'));
  open();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return (err as BranchlineError).code;
  }
  return 'none';
};

describe('offline store: local writes', () => {
  it('writes the table, the outbox and the history in one transaction, with uuid and HLC', () => {
    const c = store.create('customer', { name: '王芳', phones: ['+86 138-0013-8000'], tags: ['理财客户'] }, '1001');
    const u = store.update('customer', c.id, { notes: '喜欢电话联系' }, '1001');
    expect(u).toMatchObject({ name: '王芳', notes: '喜欢电话联系', tier: 'NORMAL', maskedCards: [] });
    const outbox = store.outboxBatch(10);
    expect(outbox).toHaveLength(2);
    expect(outbox[0]!.mutationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(outbox[1]!.hlc > outbox[0]!.hlc).toBe(true);
    expect(outbox[1]!.changes).toEqual({ notes: { value: '喜欢电话联系', parents: [outbox[0]!.hlc] } });
    expect(store.counts()).toEqual({ queued: 2, rejected: 0, conflicts: 0 });
    // A write that changes nothing queues nothing.
    store.update('customer', c.id, { notes: '喜欢电话联系' }, '1001');
    expect(store.counts().queued).toBe(2);
    // A failed write leaves neither the row change nor an outbox entry.
    expect(code(() => store.update('customer', c.id, { birthday: 'yesterday' } as never, '1001'))).toBe('BL_ERR_VALIDATION');
    expect(code(() => store.update('customer', c.id, { maskedCards: ['6222'] }, '1001'))).toBe('BL_ERR_SYNC_READ_ONLY_FIELD');
    expect(code(() => store.update('customer', 'nope', { notes: 'x' }, '1001'))).toBe('BL_ERR_NOT_FOUND');
    expect(store.counts().queued).toBe(2);
  });

  it('survives a restart: outbox, rows and a clock that keeps moving forward', () => {
    const c = store.create('callback', { number: '13800138001', scheduledAt: Date.now() + 3_600_000 }, '1001');
    const before = store.outboxBatch(10)[0]!.hlc;
    db.close();
    open();
    expect(q.get('callback', c.id)).toMatchObject({ number: '13800138001', status: 'scheduled' });
    store.update('callback', c.id, { status: 'done' }, '1001');
    const [first, second] = store.outboxBatch(10);
    expect(first!.hlc).toBe(before);
    expect(second!.hlc > before).toBe(true);
    expect(store.seatId).toBe('seat-a');
  });

  it('enforces the work-order status flow and keeps its history', () => {
    const w = store.create('work_order', { type: 'fund_anomaly', title: '转账未到账', createdBy: '1001', createdAt: 1 }, '1001');
    store.update('work_order', w.id, { status: 'assigned', assignee: '1002' }, '1001');
    store.update('work_order', w.id, { status: 'in_progress' }, '1002');
    expect(code(() => store.update('work_order', w.id, { status: 'closed' }, '1002'))).toBe('BL_ERR_WORKORDER_ILLEGAL_TRANSITION');
    store.update('work_order', w.id, { status: 'resolved' }, '1002');
    const history = q.workOrderHistory(w.id);
    expect(history.map((h) => [h.author, h.changes.status])).toEqual([['1001', 'new'], ['1001', 'assigned'], ['1002', 'in_progress'], ['1002', 'resolved']]);
    expect(q.listWorkOrders({ assignee: '1002' }).map((o) => o.status)).toEqual(['resolved']);
    expect(q.listWorkOrders({ status: 'new' })).toEqual([]);
  });

  it('lists callbacks by time window and interactions by customer', () => {
    const t = 1_800_000_000_000;
    store.create('callback', { number: '1', scheduledAt: t + 2 }, 'a');
    store.create('callback', { number: '2', scheduledAt: t + 1 }, 'a');
    store.create('callback', { number: '3', scheduledAt: t + 10, status: 'cancelled' }, 'a');
    expect(q.listCallbacks({ status: 'scheduled', from: t, to: t + 5 }).map((c) => c.number)).toEqual(['2', '1']);
    store.create('interaction', { customerId: 'c1', number: '138', startedAt: 5, notes: '咨询理财' }, 'a');
    store.create('interaction', { customerId: 'c1', number: '138', startedAt: 9, notes: '投诉' }, 'a');
    expect(q.listInteractions('c1').map((i) => i.notes)).toEqual(['投诉', '咨询理财']);
  });
});

describe('offline store: search', () => {
  beforeEach(() => {
    const names = ['王芳', '王芳芳', '汪芳', '李娜', '欧阳建国', '张伟', '刘海燕', '王小明'];
    names.forEach((name, i) => store.create('customer', { name, phones: [`1380013800${i}`, i === 0 ? '010-6403-5547' : ''].filter(Boolean), notes: i === 6 ? '理财VIP客户' : '' }, 'a', `c${i}`));
    store.create('knowledge', { category: '信用卡', question: '信用卡挂失怎么办', answer: '拨打客服热线办理挂失' }, 'a', 'k1');
    store.create('knowledge', { category: '理财', question: '理财产品赎回多久到账', answer: 'T+1 到账' }, 'a', 'k2');
  });

  it('finds two-character names exactly first, and 1-character pieces', () => {
    expect(q.searchCustomers('王芳').map((c) => c.name)).toEqual(['王芳', '王芳芳']);
    expect(q.searchCustomers('芳').map((c) => c.name).sort()).toEqual(['汪芳', '王芳', '王芳芳']);
    expect(q.searchCustomers('王').map((c) => c.name).sort()).toEqual(['王小明', '王芳', '王芳芳']);
    expect(q.searchCustomers('欧阳建国').map((c) => c.name)).toEqual(['欧阳建国']);
    expect(q.searchCustomers('阳建国').map((c) => c.name)).toEqual(['欧阳建国']);
    expect(q.searchCustomers('VIP客户').map((c) => c.name)).toEqual(['刘海燕']);
    expect(q.searchCustomers('"; DROP')).toEqual([]);
  });

  it('looks phones up digits-only whatever the prefix', () => {
    for (const raw of ['13800138000', '+86 138 0013 8000', '0086-13800138000', '013800138000']) {
      expect(q.customersByPhone(raw).map((c) => c.name)).toEqual(['王芳']);
    }
    expect(q.customersByPhone('(010) 6403 5547').map((c) => c.name)).toEqual(['王芳']);
    expect(q.searchCustomers('1380013800').length).toBe(8);
    expect(q.searchCustomers('+86 13800138003').map((c) => c.name)).toEqual(['李娜']);
  });

  it('reindexes on edit and hides deleted customers', () => {
    store.update('customer', 'c3', { name: '李娜娜', phones: ['13900000000'] }, 'a');
    expect(q.customersByPhone('13800138003')).toEqual([]);
    expect(q.customersByPhone('13900000000').map((c) => c.name)).toEqual(['李娜娜']);
    expect(q.searchCustomers('娜娜').map((c) => c.id)).toEqual(['c3']);
    store.update('customer', 'c3', { deleted: true }, 'a');
    expect(q.searchCustomers('娜娜')).toEqual([]);
    expect(q.searchCustomers('李娜娜')).toEqual([]);
  });

  it('searches the knowledge base with short and long queries', () => {
    expect(q.searchKnowledge('挂失').map((a) => a.id)).toEqual(['k1']);
    expect(q.searchKnowledge('多久到账').map((a) => a.id)).toEqual(['k2']);
    expect(q.searchKnowledge('').length).toBe(2);
  });
});

describe('offline store: initial snapshot', () => {
  it('defers customer indexes during a fresh snapshot and builds them, set-based, at the end', () => {
    const base = formatHlc(Date.now() - 1000, 0, 'hub');
    const item = (id: string, name: string, phones: string[], deleted = false) => ({
      id,
      baseHlc: base,
      doc: { name, tier: 'NORMAL', phones, maskedCards: [], maskedIdNumber: null, tags: ['理财客户'], notes: '', birthday: null, deleted },
      meta: {},
    });
    store.beginSnapshot();
    store.applySnapshotPage({ kind: 'customer', items: [item('1', '王芳', ['+86 13800138001']), item('2', '欧阳建国', ['010-6403-5547']), item('3', '李娜', ['13900000003'], true)], next: '3', feedCursor: 7 }, { kind: 'customer', after: '3', feedCursor: 7, pages: 1 });
    expect(q.customersByPhone('13800138001')).toEqual([]); // not yet: built at the end
    store.create('customer', { name: '赵六', phones: ['13912345678'] }, 'a', 'local-1'); // written during the snapshot
    store.finishSnapshot(7);
    expect(store.getState('feed.cursor')).toBe('7');
    expect(q.customersByPhone('013800138001').map((c) => c.id)).toEqual(['1']);
    expect(q.customersByPhone('1064035547').map((c) => c.id)).toEqual(['2']);
    expect(q.customersByPhone('13900000003')).toEqual([]);
    expect(q.searchCustomers('王芳').map((c) => c.id)).toEqual(['1']);
    expect(q.searchCustomers('阳建国').map((c) => c.id)).toEqual(['2']);
    expect(q.searchCustomers('赵六').map((c) => c.id)).toEqual(['local-1']);
    expect(q.searchCustomers('李娜')).toEqual([]);
    // After the snapshot, every write indexes its own row again.
    store.update('customer', '1', { name: '王芳芳', phones: ['13700000001'] }, 'a');
    expect(q.searchCustomers('芳芳').map((c) => c.id)).toEqual(['1']);
    expect(q.customersByPhone('13800138001')).toEqual([]);
    expect(q.customersByPhone('13700000001').map((c) => c.id)).toEqual(['1']);
  });
});

describe('offline store: remote changes and conflicts', () => {
  const h = (ms: number, node: string) => formatHlc(Date.now() + ms, 0, node);

  it('skips its own mutations coming back and records true conflicts, resolvable by choice', () => {
    const c = store.create('customer', { name: '王芳' }, 'a', 'c1');
    const mine = store.outboxBatch(1)[0]!;
    expect(store.applyChanges([{ ...mine, cursor: 1 }], 1)).toEqual({ applied: 0, duplicates: 1 });
    store.update('customer', c.id, { notes: '本地' }, 'a');
    const local = store.outboxBatch(10)[1]!;
    const remote: Mutation = {
      mutationId: 'remote-0001',
      kind: 'customer',
      entityId: 'c1',
      hlc: h(-1, 'seat-b'),
      author: 'b',
      changes: { notes: { value: '远端', parents: [mine.hlc] }, tier: { value: 'GOLD', parents: [mine.hlc] } },
    };
    store.applyChanges([{ ...remote, cursor: 2 }], 2);
    expect(store.getState('feed.cursor')).toBe('2');
    expect(q.get('customer', 'c1')).toMatchObject({ notes: local.hlc > remote.hlc ? '本地' : '远端', tier: 'GOLD' });
    const [conflict] = q.listConflicts();
    expect(conflict).toMatchObject({ kind: 'customer', entityId: 'c1', field: 'notes' });
    expect(conflict!.candidates.map((x) => x.value).sort()).toEqual(['本地', '远端']);
    store.resolveConflict('customer', 'c1', 'notes', { hlc: remote.hlc }, 'a');
    expect(q.listConflicts()).toEqual([]);
    expect(q.get('customer', 'c1')).toMatchObject({ notes: '远端' });
    expect(store.outboxBatch(10).at(-1)!.changes.notes!.parents.sort()).toEqual([local.hlc, remote.hlc].sort());
  });

  it('acknowledges pushed mutations and parks rejected ones', () => {
    store.create('customer', { name: 'A' }, 'a');
    store.create('customer', { name: 'B' }, 'a');
    const [m1, m2] = store.outboxBatch(10);
    store.ackPushed([
      { mutationId: m1!.mutationId, status: 'applied', cursor: 1, conflicts: [], error: null },
      { mutationId: m2!.mutationId, status: 'rejected', cursor: null, conflicts: [], error: { code: 'BL_ERR_SYNC_INVALID_MUTATION', message: 'x' } },
    ]);
    expect(store.counts()).toEqual({ queued: 0, rejected: 1, conflicts: 0 });
    expect(store.outboxBatch(10)).toEqual([]);
  });
});

/**
 * The workstation services (customers, screen pop, wrap-up, work orders, knowledge, callbacks,
 * care, sync) through both bindings of the seat contract, against a real demo hub: reads come
 * from the seat's offline cache, writes reach the hub through the sync engine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../protocol/auth';
import type { BranchlineClient } from '../../protocol/seat-api';
import { ChangeFeedPage } from '../../protocol/sync';
import type { ImportProgress, IncomingCall, WorkOrderReminder } from '../../protocol/workstation';
import { HubClient } from '../../main/seat/hub-client';
import { startDemoHub } from '../../testing/hub-fixture';
import { errorCodeOf as codeOf, startSeatWithBindings } from '../../testing/seat-bindings';
import type { SeatWithBindings } from '../../testing/seat-bindings';

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let desk: SeatWithBindings;

beforeAll(async () => {
  hub = await startDemoHub();
  desk = await startSeatWithBindings(hub.url, { workstation: { simulateCalls: true, syncIntervalMs: 500, reminderIntervalMs: 200 } }, 'bl-desk-');
});

afterAll(async () => {
  await desk?.close();
  await hub?.dispose();
});

const wsClient = () => desk.wsClient();
const ipcClient = () => desk.ipcClient();

const csv = (rows: string[]) => Buffer.from(`\ufeff${rows.join('\r\n')}\r\n`, 'utf8').toString('base64');

describe.each([
  { name: 'WebSocket (web mode)', client: wsClient, agent: '1005', tail: '5' },
  { name: 'Electron IPC', client: ipcClient, agent: '1006', tail: '6' },
] as const)('workstation services over $name', ({ client: makeClient, agent, tail }) => {
  let client: BranchlineClient;
  beforeAll(() => {
    client = makeClient();
  });

  it('needs a login for every read, local ones too', async () => {
    expect(await codeOf(client.customers.search({ query: '王' }))).toBe('BL_ERR_AUTH_REQUIRED');
    expect(await codeOf(client.screenPop.lookup({ number: '13800138001' }))).toBe('BL_ERR_AUTH_REQUIRED');
    expect(await codeOf(client.sync.getStatus())).toBe('BL_ERR_AUTH_REQUIRED');
  });

  it('logs in and finishes the initial sync in the background', async () => {
    await client.auth.login({ username: agent, password: `pass${agent}` });
    await expect.poll(async () => (await client.sync.getStatus()).initialSyncDone, { timeout: 15_000 }).toBe(true);
  });

  it('pops customer 1 (diamond VIP) for 13800138001 in any notation, masked', async () => {
    for (const raw of ['13800138001', '+86 138-0013-8001', '008613800138001']) {
      const pop = await client.screenPop.lookup({ number: raw });
      expect(pop.number).toBe('13800138001');
      expect(pop.card).toMatchObject({ id: '1', tier: 'DIAMOND', vip: true });
    }
    const card = (await client.screenPop.lookup({ number: '13800138001' })).card!;
    for (const c of card.maskedCards) expect(c).toMatch(/^\d{6}\*+\d{4}$/);
    expect(card.maskedIdNumber).toMatch(/^\d\*{16}[\dX]$/);
    expect(card.care.birthdayInDays).toBeGreaterThanOrEqual(0);
    const unknown = await client.screenPop.lookup({ number: '010-5555-0199' });
    expect(unknown).toMatchObject({ number: '1055550199', matches: [], card: null });
  });

  it('searches two-character Chinese names and phone prefixes locally', async () => {
    const two = (await client.customers.search({ query: '王', limit: 200 })).find((c) => [...c.name].length === 2);
    expect(two).toBeDefined();
    const exact = await client.customers.search({ query: two!.name });
    expect(exact[0]?.name).toBe(two!.name);
    expect((await client.customers.search({ query: '1380013800' })).length).toBeGreaterThanOrEqual(9);
  });

  it('creates, edits, finds duplicates and merges customers', async () => {
    const phone = `1390000000${tail}`;
    const a = await client.customers.create({ name: `测试甲${tail}`, phones: [phone], tags: ['新开户'] });
    const b = await client.customers.create({ name: `测试乙${tail}`, phones: [`+86 ${phone}`, `1370000000${tail}`], birthday: '1990-02-03' });
    expect(await codeOf(client.customers.create({ name: 'x', phones: ['abc'] }))).toBe('BL_ERR_RPC_INVALID_ARGS');
    const edited = await client.customers.update({ id: a.id, patch: { notes: '偏好下午来电', tier: 'GOLD' } });
    expect(edited).toMatchObject({ notes: '偏好下午来电', tier: 'GOLD' });
    expect((await client.customers.duplicates({ id: a.id })).map((c) => c.id)).toEqual([b.id]);
    const merged = await client.customers.merge({ keepId: a.id, dropId: b.id });
    expect(merged.phones).toContain(`1370000000${tail}`);
    expect(merged.birthday).toBe('1990-02-03');
    const pop = await client.screenPop.lookup({ number: phone });
    expect(pop.matches.map((c) => c.id)).toEqual([a.id]);
    expect(await codeOf(client.customers.getCard({ id: b.id }))).toBe('BL_ERR_NOT_FOUND');
  });

  it('saves a wrap-up with a work-order follow-up; the order has SLA, history and a guarded status flow', async () => {
    const started = Date.now() - 60_000;
    const res = await client.interactions.wrapUp({
      customerId: '1', number: '13800138001', startedAt: started, disposition: 'complaint', notes: `客户投诉 ${tail}`,
      followUp: { kind: 'work_order', order: { type: 'complaint', title: `投诉跟进 ${tail}`, assignee: 'dept:个人业务部' } },
    });
    expect(res.interaction).toMatchObject({ customerId: '1', agent, disposition: 'complaint' });
    const wo = res.workOrder!;
    expect(wo).toMatchObject({ status: 'assigned', customerId: '1', createdBy: agent });
    expect(wo.dueAt! - Date.now()).toBeGreaterThan(23 * 3_600_000);
    const history = await client.interactions.list({ customerId: '1' });
    expect(history.some((i) => i.id === res.interaction.id)).toBe(true);
    const card = await client.customers.getCard({ id: '1' });
    expect(card.openWorkOrders.map((o) => o.id)).toContain(wo.id);
    expect(await codeOf(client.workOrders.update({ id: wo.id, status: 'closed' }))).toBe('BL_ERR_WORKORDER_ILLEGAL_TRANSITION');
    await client.workOrders.update({ id: wo.id, status: 'in_progress' });
    await client.workOrders.update({ id: wo.id, status: 'resolved', description: '已处理' });
    const detail = await client.workOrders.get({ id: wo.id });
    expect(detail.order.status).toBe('resolved');
    expect(detail.history.map((h) => h.changes.status).filter(Boolean)).toEqual(['assigned', 'in_progress', 'resolved']);
  });

  it('reminds before a work order is due and escalates my overdue one to the team lead', async () => {
    const seen: WorkOrderReminder[] = [];
    const off = client.workOrders.onReminder((r) => seen.push(r));
    const soon = await client.workOrders.create({ type: 'inquiry', title: `将到期 ${tail}`, dueAt: Date.now() + 10 * 60_000 });
    const late = await client.workOrders.create({ type: 'fund_anomaly', title: `已超时 ${tail}`, assignee: agent, dueAt: Date.now() - 1000 });
    await expect.poll(() => seen.filter((r) => r.workOrderId === soon.id).map((r) => r.kind)).toEqual(['due_soon']);
    await expect.poll(() => seen.filter((r) => r.workOrderId === late.id).map((r) => r.kind)).toEqual(['overdue', 'escalated']);
    expect((await client.workOrders.get({ id: late.id })).order.assignee).toBe('lead');
    await client.workOrders.urge({ id: soon.id });
    await expect.poll(() => seen.some((r) => r.workOrderId === soon.id && r.kind === 'urged')).toBe(true);
    off();
  });

  it('imports a CSV: good rows in, each bad row reported with its line and reason, with progress', async () => {
    const progress: ImportProgress[] = [];
    const off = client.customers.onImportProgress((p) => progress.push(p));
    const report = await client.customers.importFile({
      fileName: 'c.csv',
      format: 'csv',
      base64: csv([
        '姓名,手机,等级,标签,生日,备注',
        `导入一${tail},1350000001${tail},金卡,理财客户,1980-01-02,`,
        `,1350000002${tail},,,,`,
        `导入三${tail},12ab,,,,`,
        `导入四${tail},1350000004${tail},青铜,,,`,
        `"导入五${tail}",1350000005${tail},DIAMOND,"代发工资;房贷客户",1975/6/7,"多行\n备注"`,
        `导入六${tail},1350000001${tail},,,,`,
        `导入七${tail},13800138001,,,,`,
        `导入八${tail},1350000008${tail},,,1990-02-30,`,
      ]),
    });
    off();
    expect(report.total).toBe(8);
    expect(report.created).toBe(2);
    expect(report.errors).toEqual([
      { line: 3, field: 'name', reason: 'required' },
      { line: 4, field: 'phones', reason: 'bad_phone' },
      { line: 5, field: 'tier', reason: 'bad_tier' },
      { line: 8, field: 'phones', reason: 'duplicate_in_file:2' },
      { line: 9, field: 'phones', reason: 'phone_exists:1' },
      { line: 10, field: 'birthday', reason: 'bad_birthday' },
    ]);
    expect(progress.filter((p) => p.jobId === report.jobId).at(-1)).toMatchObject({ done: 8, total: 8, errors: 6 });
    const five = (await client.customers.search({ query: `导入五${tail}` }))[0]!;
    expect(five).toMatchObject({ tier: 'DIAMOND', tags: ['代发工资', '房贷客户'], birthday: '1975-06-07', notes: '多行\n备注' });
  });

  it('exports customers as CSV and .xlsx that import back', async () => {
    const file = await client.customers.exportFile({ format: 'csv', query: `导入一${tail}` });
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(file.count).toBe(1);
    expect(text).toContain(`导入一${tail}`);
    const xlsx = await client.customers.exportFile({ format: 'xlsx', query: `导入五${tail}` });
    expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const again = await client.customers.importFile({ fileName: 'x.xlsx', format: 'xlsx', base64: xlsx.base64 });
    expect(again.errors).toEqual([{ line: 2, field: 'phones', reason: `phone_exists:${(await client.customers.search({ query: `导入五${tail}` }))[0]!.id}` }]);
    expect(await codeOf(client.customers.importFile({ fileName: 'x.xlsx', format: 'xlsx', base64: 'bm90IGEgemlw' }))).toBe('BL_ERR_IMPORT_BAD_FILE');
  });

  it('searches the knowledge base locally, counts usage and suggests from the call context', async () => {
    const found = await client.knowledge.search({ query: '挂失' });
    expect(found[0]?.question).toContain('挂失');
    const before = found[0]!.usageCount;
    expect(await client.knowledge.recordUse({ id: found[0]!.id })).toEqual({ usageCount: before + 1 });
    const suggested = await client.knowledge.suggest({ customerId: null, context: '客户 银行卡 挂失' });
    expect(suggested.map((a) => a.id)).toContain(found[0]!.id);
  });

  it('schedules callbacks, announces due ones and runs care lists, campaigns and the fund-anomaly playbook', async () => {
    const due: string[] = [];
    const off = client.callbacks.onDue((d) => due.push(d.callback.id));
    const cb = await client.callbacks.schedule({ number: '+86 13800138002', scheduledAt: Date.now() + 60_000, note: '回访' });
    expect(cb).toMatchObject({ number: '13800138002', status: 'scheduled', assignee: agent });
    await expect.poll(() => due.includes(cb.id)).toBe(true);
    off();
    expect((await client.callbacks.list({ mine: true })).map((c) => c.id)).toContain(cb.id);
    await client.callbacks.update({ id: cb.id, status: 'done' });
    const birthdays = await client.care.birthdays({ days: 31 });
    for (const e of birthdays) expect(e.care.birthdayInDays).toBeLessThanOrEqual(31);
    expect((await client.care.dormant({})).every((e) => e.care.dormant)).toBe(true);
    const target = (await client.customers.search({ query: `导入一${tail}` }))[0]!;
    await client.customers.update({ id: target.id, patch: { tags: ['资金异常'] } });
    expect((await client.care.fundAnomalies({})).map((e) => e.customer.id)).toContain(target.id);
    const play = await client.care.playbook({ id: target.id });
    expect(play.reasons).toEqual(['tag:资金异常']);
    expect(play.draft).toMatchObject({ type: 'fund_anomaly', customerId: target.id, assignee: 'dept:风险管理部' });
    expect(play.script.length).toBeGreaterThan(0);
    expect(await client.care.campaign({ name: '生日关怀', customerIds: [target.id, '2'], scheduledAt: Date.now() + 86_400_000 })).toEqual({ created: 2 });
  });

  it('pushes local writes to the hub: the queue drains and the hub feed has them', async () => {
    await expect.poll(async () => (await client.sync.syncNow()).queued, { timeout: 15_000 }).toBe(0);
    const hubClient = new HubClient(hub.url);
    const { token } = await hubClient.request({ method: 'POST', path: '/api/auth/login', body: { username: 'lead', password: 'lead8000' }, response: LoginResponse });
    const feed = await hubClient.request({ method: 'GET', path: '/api/sync/changes', token, query: { cursor: 0, limit: 1000 }, response: ChangeFeedPage });
    expect(feed.changes.some((c) => c.kind === 'work_order' && JSON.stringify(c.changes).includes(`投诉跟进 ${tail}`))).toBe(true);
    expect(await client.sync.listConflicts()).toEqual([]);
  });

  it('announces a simulated incoming call to the logged-in sessions of the desk', async () => {
    const calls: IncomingCall[] = [];
    const off = client.screenPop.onIncoming((c) => calls.push(c));
    const sent = await client.screenPop.simulateIncoming({ number: '+86 138 0013 8001' });
    expect(sent).toMatchObject({ number: '13800138001', source: 'simulated' });
    await expect.poll(() => calls.at(-1)?.number).toBe('13800138001');
    off();
    await client.auth.logout();
  });
});

describe('workstation access', () => {
  it('refuses the installer, who sees no customer data', async () => {
    const client = wsClient();
    await client.auth.login({ username: 'installer', password: 'install7000' });
    expect(await codeOf(client.customers.search({ query: '王' }))).toBe('BL_ERR_AUTH_FORBIDDEN');
    await client.auth.logout();
  });
});

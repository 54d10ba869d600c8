/**
 * End to end in Chromium: a simulated incoming call pops the right customer before answering and
 * the wrap-up is saved to history; a CSV import reports bad rows by line and reason; offline, a
 * customer and a work order made and edited in the UI queue up, and reach the hub once it is back.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../main/seat/hub-client';
import { LoginResponse } from '../../protocol/auth';
import { createClient } from '../../protocol/rpc-client';
import { seatApi } from '../../protocol/seat-api';
import type { BranchlineClient } from '../../protocol/seat-api';
import { ChangeFeedPage } from '../../protocol/sync';
import { createWsTransport } from '../../renderer/src/bridge/ws-transport';
import type { WebSocketLike } from '../../renderer/src/bridge/ws-transport';
import { launchChromium } from '../../testing/chromium';
import { spawnBranchline, tempDataDir } from '../../testing/spawn-branchline';
import type { RunningBranchline } from '../../testing/spawn-branchline';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const SIM = { env: { BRANCHLINE_SIMULATE_CALLS: '1' } };

/** The seat's RPC from Node, as the test's stand-in for CTI: only the simulate entry point is used. */
export function seatRpc(seatUrl: string): BranchlineClient {
  const origin = seatUrl.replace(/\/$/, '');
  return createClient(seatApi, createWsTransport(`${origin.replace('http', 'ws')}/rpc`, (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike));
}

async function login(page: Page, url: string, agent: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(agent);
  await page.getByTestId('login-password').fill(`pass${agent}`);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workstation').waitFor();
  await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function hubFeed(hubUrl: string): Promise<string> {
  const client = new HubClient(hubUrl);
  const { token } = await client.request({ method: 'POST', path: '/api/auth/login', body: { username: 'lead', password: 'lead8000' }, response: LoginResponse });
  const feed = await client.request({ method: 'GET', path: '/api/sync/changes', token, query: { cursor: 0, limit: 1000 }, response: ChangeFeedPage });
  return JSON.stringify(feed.changes.filter((c) => c.author !== 'hub'));
}

describe('workstation in Chromium: screen pop, wrap-up, import', () => {
  let app: RunningBranchline;
  let browser: Browser;
  let page: Page;
  let rpc: BranchlineClient;

  beforeAll(async () => {
    [app, browser] = await Promise.all([spawnBranchline(['start', '--demo', '--web', '127.0.0.1:0', '--http', '127.0.0.1:0'], SIM), launchChromium()]);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    rpc = seatRpc(String(app.ready.url));
  });

  afterAll(async () => {
    await browser?.close();
    expect(await app?.stop()).toBe(0);
  });

  it('logs agent 1001 in; the offline cache syncs', async () => {
    await login(page, String(app.ready.url), '1001');
    expect(await page.getByTestId('sync-indicator').getAttribute('data-queued')).toBe('0');
  });

  it('pops customer 1 (diamond VIP) on an incoming call from 13800138001, before answering', async () => {
    await rpc.screenPop.simulateIncoming({ number: '+86 138 0013 8001' });
    const card = page.locator('[data-testid="screen-pop-card"][data-customer="1"]');
    await card.waitFor({ timeout: 5_000 });
    expect(await card.getByTestId('card-tier').getAttribute('data-tier')).toBe('DIAMOND');
    expect(await card.getByTestId('card-vip').count()).toBe(1);
    expect(await card.getByTestId('card-cards').textContent()).toMatch(/\d{6}\*+\d{4}/);
    expect(await card.getByTestId('card-id-number').textContent()).toMatch(/^\d\*{16}[\dX]$/);
    // Nobody answered: the softphone has no call, the card is already there.
    expect(await page.getByTestId('softphone-answer').isDisabled()).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'screen-pop.png') });
  });

  it('saves the wrap-up to the customer history', async () => {
    await page.getByTestId('pop-wrap-up').click();
    await page.getByTestId('wrap-up-notes').fill('咨询理财产品到期 e2e');
    await page.getByTestId('wrap-up-save').click();
    await page.getByTestId('screen-pop').waitFor({ state: 'detached' });
    await rpc.screenPop.simulateIncoming({ number: '13800138001' });
    await expect.poll(() => page.getByTestId('card-interactions').textContent(), { timeout: 5_000 }).toContain('咨询理财产品到期 e2e');
    await page.getByTestId('pop-dismiss').click();
  });

  it('offers a quick-create form prefilled with an unknown caller number', async () => {
    await rpc.screenPop.simulateIncoming({ number: '0086 139-2222-3333' });
    await page.getByTestId('screen-pop-unknown').waitFor();
    expect(await page.getByTestId('quick-create-phones').inputValue()).toBe('13922223333');
    await page.getByTestId('quick-create-name').fill('快速建档');
    await page.getByTestId('quick-create-save').click();
    await page.locator('[data-testid="screen-pop-card"], [data-testid="customer-card"]').first().waitFor();
    await expect.poll(() => page.getByTestId('card-name').textContent()).toBe('快速建档');
    await page.getByTestId('pop-dismiss').click();
  });

  it('imports a CSV: good rows in, bad rows listed with line and reason', async () => {
    await page.getByTestId('tab-customers').click();
    const file = join(tempDataDir('bl-csv-'), 'customers.csv');
    writeFileSync(file, ['姓名,手机,等级,生日', '导入甲,13511110001,金卡,1980-01-02', ',13511110002,,', '导入丙,12ab,,', '导入丁,13511110004,,1990-02-30', '导入戊,13511110005,钻石,'].join('\r\n'));
    await page.getByTestId('import-file').setInputFiles(file);
    const report = page.getByTestId('import-report');
    await report.waitFor({ timeout: 10_000 });
    expect(await report.getAttribute('data-created')).toBe('2');
    const rows = await page.locator('[data-testid="import-errors"] tr[data-line]').evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-line')}:${tr.getAttribute('data-reason')}`));
    expect(rows).toEqual(['3:required', '4:bad_phone', '5:bad_birthday']);
    await page.getByTestId('customer-search').locator('input').fill('导入戊');
    await page.getByTestId('customer-search').locator('input').press('Enter');
    await expect.poll(() => page.getByTestId('customer-results').textContent()).toContain('导入戊');
  });
});

describe('workstation offline: writes queue while the hub is down and sync when it returns', () => {
  let hub: RunningBranchline;
  let seat: RunningBranchline;
  let browser: Browser;
  let page: Page;
  let hubUrl: string;
  const hubData = tempDataDir('bl-hub-');

  beforeAll(async () => {
    const port = await freePort();
    hubUrl = `http://127.0.0.1:${port}`;
    [hub, browser] = await Promise.all([spawnBranchline(['hub', '--demo', '--http', `127.0.0.1:${port}`, '--data', hubData]), launchChromium()]);
    seat = await spawnBranchline(['seat', '--hub', hubUrl, '--web', '127.0.0.1:0']);
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await seat?.stop();
    await hub?.stop();
  });

  it('creates and edits a customer and a work order with the hub stopped: they are queued', async () => {
    await login(page, String(seat.ready.url), '1002');
    expect(await hub.stop()).toBe(0);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('offline');

    await page.getByTestId('tab-customers').click();
    await page.getByTestId('customer-create').click();
    await page.getByTestId('customer-form-name').fill('离线客户');
    await page.getByTestId('customer-form-phones').fill('13966667777');
    await page.getByTestId('customer-form-save').click();
    await expect.poll(() => page.getByTestId('customer-results').textContent()).toContain('离线客户');
    await page.getByTestId('customer-edit').first().click();
    await page.getByTestId('customer-form-notes').fill('断网时修改');
    await page.getByTestId('customer-form-save').click();
    await page.getByTestId('customer-form').waitFor({ state: 'detached' });

    await page.getByTestId('tab-work-orders').click();
    await page.getByTestId('work-order-create').click();
    await page.getByTestId('work-order-title').fill('离线工单');
    await page.getByTestId('work-order-save').click();
    await page.locator('[data-testid="work-order-row"][data-title="离线工单"]').waitFor();
    await page.locator('[data-testid="work-order-row"][data-title="离线工单"]').getByTestId('work-order-open').click();
    await page.getByTestId('work-order-to-in_progress').click();
    await expect.poll(() => page.getByTestId('work-order-detail').getAttribute('data-status')).toBe('in_progress');
    await page.keyboard.press('Escape');
    await page.getByTestId('work-order-detail').waitFor({ state: 'detached' });

    await expect.poll(async () => Number(await page.getByTestId('sync-indicator').getAttribute('data-queued'))).toBeGreaterThanOrEqual(4);
    expect(await page.getByTestId('sync-queued').isVisible()).toBe(true);
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'workstation-offline.png') });
  });

  it('syncs them once the hub is back on the same port and data folder', async () => {
    hub = await spawnBranchline(['hub', '--demo', '--http', hubUrl.replace('http://', ''), '--data', hubData]);
    await page.getByTestId('sync-now').click();
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-queued'), { timeout: 30_000 }).toBe('0');
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    const feed = await hubFeed(hubUrl);
    expect(feed).toContain('离线客户');
    expect(feed).toContain('断网时修改');
    expect(feed).toContain('离线工单');
    expect(feed).toContain('in_progress');
  });
});

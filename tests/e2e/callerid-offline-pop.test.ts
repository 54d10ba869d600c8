/**
 * End to end, issue "Hardware": a caller-ID modem on a real pty (socat pair; our modem simulator
 * speaking V.253 bytes on the other end) pops the caller's customer card in Chromium from the
 * seat's local cache while the hub is stopped.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPtyPair } from '../../native/sim/serial-pty-pair';
import { runSerialSim } from '../../native/sim/serial-sim-main';
import type { SerialSimRun } from '../../native/sim/serial-sim-main';
import type { ModemSim } from '../../native/sim/modem-sim';
import { createClient } from '../../protocol/rpc-client';
import { seatApi } from '../../protocol/seat-api';
import { createWsTransport } from '../../renderer/src/bridge/ws-transport';
import type { WebSocketLike } from '../../renderer/src/bridge/ws-transport';
import { launchChromium } from '../../testing/chromium';
import { spawnBranchline, tempDataDir } from '../../testing/spawn-branchline';
import type { RunningBranchline } from '../../testing/spawn-branchline';

describe('caller ID → screen pop with the hub down', () => {
  const dir = tempDataDir('bl-e2e-cid-');
  const pair = new SerialPtyPair(join(dir, 'modem'), join(dir, 'com1'));
  let hub: RunningBranchline;
  let seat: RunningBranchline;
  let modem: SerialSimRun;
  let browser: Browser;
  let page: Page;
  let customerName = '';

  beforeAll(async () => {
    await pair.start();
    hub = await spawnBranchline(['hub', '--demo', '--http', '127.0.0.1:0', '--no-sip']);
    const hubUrl = String(hub.ready.http);
    // The customer that owns 13800138001, as the hub knows it.
    const login = (await (await fetch(`${hubUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'lead', password: 'lead8000' }) })).json()) as { token: string };
    const found = (await (await fetch(`${hubUrl}/api/customers?query=13800138001`, { headers: { authorization: `Bearer ${login.token}` } })).json()) as { name: string }[];
    customerName = found[0]!.name;

    [modem, seat, browser] = await Promise.all([
      runSerialSim({ kind: 'modem', port: pair.a, script: [{ expect: 'AT+VCID=1', timeoutMs: 60_000 }] }),
      spawnBranchline(['seat', '--hub', hubUrl, '--web', '127.0.0.1:0', '--hw', 'sim', '--sim-serial', pair.b]),
      launchChromium(),
    ]);
    // The installer points the seat at the modem once; the profile is saved in the seat.
    const origin = String(seat.ready.url).replace(/\/$/, '');
    const installer = createClient(seatApi, createWsTransport(`${origin.replace('http', 'ws')}/rpc`, (u) => new WebSocket(u, { origin }) as unknown as WebSocketLike));
    await installer.auth.login({ username: 'installer', password: 'install7000' });
    await installer.hardware.selectSerialPort({ path: pair.b, kind: 'modem' });
    await modem.done; // the seat initialised the modem (AT+VCID=1 seen)

    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await page.goto(String(seat.ready.url));
    await page.getByTestId('login-username').fill('1001');
    await page.getByTestId('login-password').fill('pass1001');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('workstation').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await modem?.stop();
    await seat?.stop();
    await hub?.stop();
    await pair.kill();
  });

  it('syncs the seat cache while the hub is up', async () => {
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-state'), { timeout: 30_000 }).toBe('online');
  });

  it('pops the diamond VIP customer from the local cache while the hub is stopped', async () => {
    expect(await hub.stop()).toBe(0);
    await expect.poll(() => page.getByTestId('sync-indicator').getAttribute('data-state'), { timeout: 15_000 }).toBe('offline');

    const sim = modem.sim as ModemSim;
    await sim.ring();
    await sim.callerId({ date: '1123', time: '1030', number: '13800138001', name: 'VIP' });
    await sim.ring();

    await page.getByTestId('screen-pop-card').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('pop-number').textContent()).toContain('138****8001'); // shown masked
    await expect.poll(() => page.getByTestId('card-name').textContent()).toBe(customerName);
    expect(await page.getByTestId('card-vip').count()).toBe(1);
    await page.screenshot({ path: join(process.cwd(), 'test-artifacts', 'callerid-offline-pop.png') });
  });
});

/**
 * End to end, installer's hardware wizard: `branchline start --demo --hw sim --sim-serial PTY` and
 * `branchline sim modem` on the other end of a socat pty pair, the real UI in Chromium. The
 * installer sees the simulated Jabra and the pty, presses the simulated hook and sees it in the
 * live monitor, tests an LED (checked against the output reports the simulated headset recorded),
 * gets caller ID from the modem's bytes, and downloads a diagnostics zip.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SerialPtyPair } from '../../native/sim/serial-pty-pair';
import { createClient } from '../../protocol/rpc-client';
import { seatApi } from '../../protocol/seat-api';
import type { BranchlineClient } from '../../protocol/seat-api';
import { createWsTransport } from '../../renderer/src/bridge/ws-transport';
import type { WebSocketLike } from '../../renderer/src/bridge/ws-transport';
import { launchChromium } from '../../testing/chromium';
import { BIN, spawnBranchline, tempDataDir } from '../../testing/spawn-branchline';
import type { RunningBranchline } from '../../testing/spawn-branchline';

const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** `branchline sim modem` as its own process; resolves once it printed its ready line. */
async function spawnSimModem(port: string, script: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'sim', 'modem', '--port', port, '--script', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`sim modem not ready: ${err}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('"event":"ready"')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`sim modem exited ${code}: ${err}`)));
  });
  return child;
}

describe('installer hardware wizard in Chromium (simulated headset, pty modem)', () => {
  const dir = tempDataDir('bl-e2e-hw-');
  const pair = new SerialPtyPair(join(dir, 'modem'), join(dir, 'com1'));
  let modem: ChildProcess;
  let app: RunningBranchline;
  let browser: Browser;
  let page: Page;
  let probe: BranchlineClient;

  beforeAll(async () => {
    await pair.start();
    const script = join(dir, 'modem.json');
    writeFileSync(script, JSON.stringify([
      { expect: 'AT+VCID=1', timeoutMs: 60_000 }, { delayMs: 200 }, { ring: 1 },
      { callerId: { date: '0511', time: '0930', number: '+86 138 0013 8002', name: 'LI' } }, { ring: 1 },
    ]));
    [modem, app, browser] = await Promise.all([
      spawnSimModem(pair.a, script),
      spawnBranchline(['start', '--demo', '--hw', 'sim', '--sim-serial', pair.b, '--web', '127.0.0.1:0', '--http', '127.0.0.1:0']),
      launchChromium(),
    ]);
    page = await browser.newPage({ viewport: { width: 1366, height: 1000 }, acceptDownloads: true });
    // A second client of the same seat reads the simulator's recorded output reports.
    const origin = String(app.ready.url).replace(/\/$/, '');
    probe = createClient(seatApi, createWsTransport(`${origin.replace('http', 'ws')}/rpc`, (u) => new WebSocket(u, { origin }) as unknown as WebSocketLike));
    await probe.auth.login({ username: 'installer', password: 'install7000' });
  });

  afterAll(async () => {
    await browser?.close();
    modem?.kill('SIGTERM');
    expect(await app?.stop()).toBe(0);
    await pair.kill();
  });

  it('prints hw sim in the ready line', () => {
    expect(app.ready.hw).toBe('sim');
  });

  it('logs the installer in to the hardware wizard listing the simulated headset and the pty', async () => {
    await page.goto(String(app.ready.url));
    await page.getByTestId('login-username').fill('installer');
    await page.getByTestId('login-password').fill('install7000');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('installer-wizard').waitFor();
    await expect.poll(() => page.getByTestId('hw-status').getAttribute('data-state'), { timeout: 15_000 }).toBe('available');
    const hid = page.locator('[data-testid="hid-row"][data-key="0b0e:0307:SIM0001"]');
    await expect.poll(() => hid.count(), { timeout: 10_000 }).toBe(1);
    expect(await hid.textContent()).toContain('Jabra EVOLVE LINK MS');
    await expect.poll(() => page.locator(`[data-testid="serial-row"][data-path="${pair.b}"]`).count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByTestId('customer-search').count()).toBe(0);
  });

  it('shows a press of the simulated hook in the live monitor as an answer', async () => {
    await page.getByTestId('sim-press-hook').click();
    const row = page.locator('[data-testid="event-row"][data-kind="hookOff"]');
    await expect.poll(() => row.count(), { timeout: 5_000 }).toBeGreaterThan(0);
    expect(await row.first().getAttribute('data-action')).toBe('answer');
  });

  it('lights the ring LED with an output report the simulated headset records', async () => {
    const before = await probe.hardware.simulate({ op: 'state' });
    expect(before.leds.ring).toBe(0);
    await page.getByTestId('led-test-ring').click();
    await expect.poll(async () => (await probe.hardware.simulate({ op: 'state' })).leds.ring, { timeout: 5_000 }).toBe(1);
    const after = await probe.hardware.simulate({ op: 'state' });
    expect(after.writes.length).toBeGreaterThan(before.writes.length);
    await page.getByTestId('led-test-ring').click();
    await expect.poll(async () => (await probe.hardware.simulate({ op: 'state' })).leds.ring, { timeout: 5_000 }).toBe(0);
  });

  it('tests caller ID: picks the pty as a modem and shows the number the modem sends', async () => {
    await page.getByTestId('cid-test').click();
    await page.getByTestId(`serial-use-${pair.b}`).click();
    await expect.poll(() => page.getByTestId('cid-result').getAttribute('data-number'), { timeout: 15_000 }).toBe('13800138002');
    expect(await page.getByTestId('cid-result').textContent()).toContain('LI');
    await page.getByTestId('save-profile').click();
    await expect.poll(async () => (await probe.hardware.getProfile()).serial, { timeout: 5_000 }).toEqual({ path: pair.b, kind: 'modem' });
  });

  it('exports a diagnostics zip that unzips with the expected files', async () => {
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-diagnostics').click();
    const file = await (await downloading).path();
    const files = unzipSync(new Uint8Array(readFileSync(file)));
    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      'versions.json', 'status.json', 'profile.json', 'devices.json', 'events.json', 'hardware.log', 'descriptors/index.json', 'descriptors/0b0e_0307_SIM0001.hex',
    ]));
    const events = JSON.parse(strFromU8(files['events.json']!)) as Array<{ kind: string }>;
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(['hookOff', 'callerId']));
    await page.getByTestId('diagnostics-result').waitFor();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'installer-wizard.png'), fullPage: true });
  });
});

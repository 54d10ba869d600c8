/**
 * seat.screen_pop_ms: from the incoming-call event leaving the seat services (screenPop.onIncoming,
 * stamped at emission) to the caller's card painted in Chromium (the first animation frame after
 * it is in the DOM). Each run is a different customer, so every pop is a fresh lookup in the
 * offline cache, not an RTK Query cache hit. Web mode, agent 1001 logged in, demo branch.
 */
import { z } from 'zod';
import { HubClient } from '../main/seat/hub-client';
import { LoginResponse } from '../protocol/auth';
import { CustomerSummary } from '../protocol/customer';
import { normalizePhone } from '../protocol/phone';
import { createClient } from '../protocol/rpc-client';
import { seatApi } from '../protocol/seat-api';
import { createWsTransport } from '../renderer/src/bridge/ws-transport';
import type { WebSocketLike } from '../renderer/src/bridge/ws-transport';
import { launchChromium } from '../testing/chromium';
import { spawnBranchline } from '../testing/spawn-branchline';
import WebSocket from 'ws';
import { printFigure, summarize } from './bench-output';

const RUNS = Number(process.env.BENCH_RUNS ?? 60);
const WARMUP = 5;

const app = await spawnBranchline(['start', '--demo', '--web', '127.0.0.1:0', '--http', '127.0.0.1:0'], { env: { BRANCHLINE_SIMULATE_CALLS: '1' } });
const browser = await launchChromium();
try {
  const seatUrl = String(app.ready.url);
  const hub = new HubClient(String(app.ready.hub));
  const { token } = await hub.request({ method: 'POST', path: '/api/auth/login', body: { username: 'lead', password: 'lead8000' }, response: LoginResponse });
  // Demo mobiles start 13x, 15x or 18x: phone-prefix searches collect a few hundred distinct callers.
  const customers = (
    await Promise.all(['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '158', '180', '181', '185', '188'].map((prefix) =>
      hub.request({ method: 'GET', path: '/api/customers', token, query: { query: prefix, limit: 200 }, response: z.array(CustomerSummary) })))
  ).flat();
  const numbers = [...new Set(customers.map((c) => normalizePhone(c.phones[0] ?? '')).filter(Boolean))];
  if (numbers.length < WARMUP + RUNS) throw new Error(`only ${numbers.length} distinct demo numbers`);

  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(seatUrl);
  await page.getByTestId('login-username').fill('1001');
  await page.getByTestId('login-password').fill('pass1001');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('workstation').waitFor();
  await page.locator('[data-testid="sync-indicator"][data-state="online"]').waitFor({ timeout: 30_000 });

  const origin = seatUrl.replace(/\/$/, '');
  const rpc = createClient(seatApi, createWsTransport(`${origin.replace('http', 'ws')}/rpc`, (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike));
  const samples: number[] = [];
  for (const [i, number] of numbers.slice(0, WARMUP + RUNS).entries()) {
    // A string, not a function: tsx would wrap a function with helpers the page does not have.
    await page.evaluate(`window.popDone = new Promise((resolve) => {
      const sel = '[data-testid="screen-pop-card"][data-number="${number}"]';
      const obs = new MutationObserver(() => {
        if (document.querySelector(sel)) { obs.disconnect(); requestAnimationFrame(() => resolve(Date.now())); }
      });
      obs.observe(document.body, { childList: true, subtree: true, attributes: true });
    }); undefined`);
    const sent = await rpc.screenPop.simulateIncoming({ number });
    const painted = (await page.evaluate('window.popDone')) as number;
    if (i >= WARMUP) samples.push(painted - sent.at);
    await page.getByTestId('pop-dismiss').click();
    await page.getByTestId('screen-pop').waitFor({ state: 'detached' });
  }
  const s = summarize(samples);
  printFigure({ name: 'seat.screen_pop_ms', unit: 'ms', ...s, runs: samples.length, from: 'seat event emitted', to: 'card painted in Chromium', goal: '<=150 (p95)', met: s.p95 <= 150 });
} finally {
  await browser.close();
  await app.stop();
}

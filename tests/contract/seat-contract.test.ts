/**
 * The seat contract, called through both of its bindings with the same suite: the WebSocket of
 * web mode (real sockets) and Electron IPC (the real binding and preload transport over an
 * in-process ipcMain/ipcRenderer stand-in). Both talk to a real demo hub.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../protocol/agent';
import { seatApi } from '../../protocol/seat-api';
import type { BranchlineClient } from '../../protocol/seat-api';
import { startDemoHub } from '../../testing/hub-fixture';
import { errorCodeOf as codeOf, startSeatWithBindings } from '../../testing/seat-bindings';
import type { SeatWithBindings } from '../../testing/seat-bindings';

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let desk: SeatWithBindings;

beforeAll(async () => {
  hub = await startDemoHub();
  desk = await startSeatWithBindings(hub.url);
});

afterAll(async () => {
  await desk?.close();
  await hub?.dispose();
});

const wsClient = () => desk.wsClient();
const ipcClient = () => desk.ipcClient();

const bindings = [
  { name: 'WebSocket (web mode)', client: wsClient, agent: '1002' },
  { name: 'Electron IPC', client: ipcClient, agent: '1003' },
] as const;

describe.each(bindings)('seat contract over $name', ({ client: makeClient, agent }) => {
  let client: BranchlineClient;
  beforeAll(() => {
    client = makeClient();
  });

  it('answers app.getInfo without a login', async () => {
    const info = await client.app.getInfo();
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.hubUrl).toBe(hub.url);
    expect(['zh-CN', 'en']).toContain(info.locale);
  });

  it('refuses hub calls before login with BL_ERR_AUTH_REQUIRED', async () => {
    expect(await client.auth.current()).toBeNull();
    expect(await codeOf(client.agent.getStatus())).toBe('BL_ERR_AUTH_REQUIRED');
    expect(await codeOf(client.customers.search({ query: '王' }))).toBe('BL_ERR_AUTH_REQUIRED');
  });

  it('rejects malformed arguments with a typed error naming the field', async () => {
    const bad = client.auth.login({ username: '', password: 'x' } as never);
    expect(await codeOf(bad)).toBe('BL_ERR_RPC_INVALID_ARGS');
    await expect(client.auth.login({ username: 'a b', password: 'x' })).rejects.toThrow(/username/);
  });

  it('gives the same error for a wrong password and an unknown user', async () => {
    expect(await codeOf(client.auth.login({ username: agent, password: 'nope' }))).toBe('BL_ERR_AUTH_INVALID_CREDENTIALS');
    expect(await codeOf(client.auth.login({ username: 'nobody', password: 'nope' }))).toBe('BL_ERR_AUTH_INVALID_CREDENTIALS');
  });

  it('logs in and reports the agent not ready (just logged in)', async () => {
    const user = await client.auth.login({ username: agent, password: `pass${agent}` });
    expect(user).toMatchObject({ username: agent, role: 'agent', extension: agent });
    expect(await client.auth.current()).toMatchObject({ username: agent });
    const status = await client.agent.getStatus();
    expect(status).toMatchObject({ presence: 'NOT_READY', reasonCode: 'LOGIN', work: 'IDLE', extension: agent });
    await expect.poll(async () => (await client.hub.getLink()).state).toBe('online');
  });

  it('changes presence and pushes the change as an event', async () => {
    const pushed: AgentStatus[] = [];
    const off = client.agent.onStatusChanged((s) => pushed.push(s));
    const ready = await client.agent.setPresence({ presence: 'READY' });
    expect(ready.presence).toBe('READY');
    await expect.poll(() => pushed.at(-1)?.presence).toBe('READY');
    const meal = await client.agent.setPresence({ presence: 'NOT_READY', reasonCode: 'MEAL' });
    expect(meal).toMatchObject({ presence: 'NOT_READY', reasonCode: 'MEAL' });
    await expect.poll(() => pushed.at(-1)?.reasonCode).toBe('MEAL');
    off();
  });

  it('refuses unknown and system reason codes', async () => {
    expect(await codeOf(client.agent.setPresence({ presence: 'NOT_READY', reasonCode: 'NAP' }))).toBe('BL_ERR_AGENT_UNKNOWN_REASON');
    expect(await codeOf(client.agent.setPresence({ presence: 'NOT_READY', reasonCode: 'RONA' }))).toBe('BL_ERR_AGENT_UNKNOWN_REASON');
    const reasons = await client.agent.listReasonCodes();
    expect(reasons.filter((r) => !r.system).map((r) => r.code)).toEqual(['BREAK', 'MEAL', 'TRAINING', 'MEETING', 'ACW']);
  });

  it('searches customers with card and ID numbers masked', async () => {
    // Customer and knowledge reads are the seat's offline cache: wait for its first sync.
    await expect.poll(async () => (await client.sync.getStatus()).initialSyncDone, { timeout: 15_000 }).toBe(true);
    const found = await client.customers.search({ query: '王' });
    expect(found.length).toBeGreaterThan(0);
    for (const c of found) {
      expect(c.name).toContain('王');
      for (const card of c.maskedCards) expect(card).toMatch(/^\d{6}\*+\d{4}$/);
      expect(c.maskedIdNumber ?? '').toMatch(/^\d\*{16}[\dX]$/);
    }
    const byPhone = await client.customers.search({ query: '+86 138 0013 8001' });
    expect(byPhone.map((c) => c.tier)).toEqual(['DIAMOND']);
  });

  it('searches the knowledge base and lists queues', async () => {
    const articles = await client.knowledge.search({ query: '挂失' });
    expect(articles[0]?.question).toContain('挂失');
    const queues = await client.queues.list();
    expect(queues.map((q) => q.name)).toEqual(['个人业务', '信用卡', '投诉', 'VIP']);
  });

  it('reads hardware status as an agent but may not configure it (this seat runs with --hw off)', async () => {
    expect(await client.hardware.getStatus()).toMatchObject({ state: 'disabled', mode: 'off', hostPid: null });
    expect(await codeOf(client.hardware.listDevices())).toBe('BL_ERR_AUTH_FORBIDDEN');
    expect(await codeOf(client.hardware.saveProfile({ headset: null, serial: null }))).toBe('BL_ERR_AUTH_FORBIDDEN');
    expect(await codeOf(client.hardware.testLed({ led: 'bogus' } as never))).toBe('BL_ERR_RPC_INVALID_ARGS');
    await client.hardware.setCallState({ state: 'idle', muted: false });
  });

  it('logs out: the agent is logged out at the hub and the session is gone', async () => {
    await client.auth.logout();
    expect(await client.auth.current()).toBeNull();
    expect(await codeOf(client.agent.getStatus())).toBe('BL_ERR_AUTH_REQUIRED');
  });
});

describe('WebSocket binding with raw frames', () => {
  const open = (origin?: string) =>
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(`${desk.web.url.replace('http', 'ws')}rpc`, origin ? { origin } : {});
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    });
  const exchange = (socket: WebSocket, data: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      socket.once('message', (m) => resolve(JSON.parse(String(m)) as Record<string, unknown>));
      socket.send(data);
    });

  it('answers garbage, unknown methods and bad frames with typed errors and keeps serving', async () => {
    const socket = await open(desk.web.url.replace(/\/$/, ''));
    expect(await exchange(socket, '{not json')).toMatchObject({ type: 'error', id: null, error: { code: 'BL_ERR_RPC_BAD_FRAME' } });
    expect(await exchange(socket, JSON.stringify({ id: 1, service: 'nope', method: 'x' }))).toMatchObject({ id: 1, error: { code: 'BL_ERR_RPC_UNKNOWN_METHOD' } });
    expect(await exchange(socket, JSON.stringify({ id: 2, service: 'auth', method: 'onSessionEnded' }))).toMatchObject({ id: 2, error: { code: 'BL_ERR_RPC_UNKNOWN_METHOD' } });
    expect(await exchange(socket, JSON.stringify({ id: 3, service: '__proto__', method: 'constructor' }))).toMatchObject({ id: 3, error: { code: 'BL_ERR_RPC_UNKNOWN_METHOD' } });
    expect(await exchange(socket, JSON.stringify({ id: 'x' }))).toMatchObject({ type: 'error', error: { code: 'BL_ERR_RPC_BAD_FRAME' } });
    expect(await exchange(socket, JSON.stringify({ id: 4, service: 'app', method: 'getInfo' }))).toMatchObject({ type: 'result', id: 4 });
    socket.close();
  });

  it('refuses sockets opened by pages of another origin', async () => {
    await expect(open('http://evil.example')).rejects.toThrow(/403|Unexpected server response/);
    await expect(open()).rejects.toThrow();
  });
});

describe('IPC binding sender checks', () => {
  it('refuses calls from foreign pages and from sub-frames', async () => {
    const foreign = desk.ipcClient('https://evil.example/');
    expect(await codeOf(foreign.app.getInfo())).toBe('BL_ERR_RPC_FORBIDDEN_SENDER');
    const framed = desk.ipcClient(undefined, { subframe: true });
    expect(await codeOf(framed.app.getInfo())).toBe('BL_ERR_RPC_FORBIDDEN_SENDER');
  });

  it('registers exactly one channel per contract method', () => {
    const methods = Object.entries(seatApi).flatMap(([s, members]) =>
      Object.entries(members).filter(([, m]) => m.kind === 'method').map(([name]) => `bl:${s}.${name}`),
    );
    expect([...desk.ipcMain.handlers.keys()].sort()).toEqual(methods.sort());
  });
});

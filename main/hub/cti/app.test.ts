import type { FastifyInstance } from 'fastify';
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger';
import { tempDataDir } from '../../../testing/spawn-branchline';
import { createHubContext } from '../hub';
import { buildHubApp } from './app';
import type { HubContext } from './hub-context';

let dataDir: string;
let ctx: HubContext;
let app: FastifyInstance;

async function login(username: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

async function tokenFor(username: string, password: string): Promise<string> {
  const res = await login(username, password);
  expect(res.statusCode).toBe(200);
  return res.json<{ token: string }>().token;
}

beforeAll(async () => {
  dataDir = tempDataDir('bl-hub-app-');
  ctx = await createHubContext({ dataDir, demo: true, logger: silentLogger() });
  app = await buildHubApp(ctx, { cti: { offlineGraceMs: 300, idleTimeoutMs: 1_500 } });
});

afterAll(async () => {
  await app.close();
  ctx.store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hub API roles', () => {
  it('declares roles on every route and answers 401 to each protected one without a token', async () => {
    const routes = app.declaredRoutes.filter((r) => r.url.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes.filter((r) => r.roles !== 'public')) {
      const url = route.url.replace(/:(\w+)/g, '1');
      const res = await app.inject({ method: route.method as 'GET', url, payload: route.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'BL_ERR_AUTH_REQUIRED', message: expect.any(String) } });
    }
  });

  it('refuses a forged or expired token', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer forged' } });
    expect(res.statusCode).toBe(401);
  });

  it('lets leads see every agent but not agents', async () => {
    const agent = await tokenFor('1004', 'pass1004');
    const lead = await tokenFor('lead', 'lead8000');
    const denied = await app.inject({ method: 'GET', url: '/api/agents', headers: { authorization: `Bearer ${agent}` } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('BL_ERR_AUTH_FORBIDDEN');
    const allowed = await app.inject({ method: 'GET', url: '/api/agents', headers: { authorization: `Bearer ${lead}` } });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json<unknown[]>().length).toBe(21);
  });

  it('keeps installers out of customer data', async () => {
    const installer = await tokenFor('installer', 'install7000');
    const res = await app.inject({ method: 'GET', url: '/api/customers?query=%E7%8E%8B', headers: { authorization: `Bearer ${installer}` } });
    expect(res.statusCode).toBe(403);
  });

  it('gives users without an extension no agent state', async () => {
    const admin = await tokenFor('admin', 'admin9000');
    const res = await app.inject({ method: 'GET', url: '/api/agent/status', headers: { authorization: `Bearer ${admin}` } });
    expect(res.statusCode).toBe(403);
  });
});

describe('queue statistics', () => {
  it('serves real-time stats and waiting callers per queue, refusing unknown queues and installers', async () => {
    const lead = await tokenFor('lead', 'lead8000');
    const auth = { authorization: `Bearer ${lead}` };
    const queue = encodeURIComponent('个人业务');
    const stats = await app.inject({ method: 'GET', url: `/api/queues/${queue}/stats`, headers: auth });
    expect(stats.statusCode).toBe(200);
    expect(stats.json()).toMatchObject({ queue: '个人业务' });
    const waiting = await app.inject({ method: 'GET', url: `/api/queues/${queue}/waiting`, headers: auth });
    expect(waiting.json()).toEqual([]);
    const unknown = await app.inject({ method: 'GET', url: '/api/queues/nope/stats', headers: auth });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('BL_ERR_ACD_UNKNOWN_QUEUE');
    const installer = await tokenFor('installer', 'install7000');
    expect((await app.inject({ method: 'GET', url: `/api/queues/${queue}/stats`, headers: { authorization: `Bearer ${installer}` } })).statusCode).toBe(403);
  });
});

describe('login', () => {
  it('answers a wrong password and an unknown user identically', async () => {
    const wrong = await login('1005', 'bad');
    const unknown = await login('no-such-user', 'bad');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
  });

  it('locks a user out after repeated failures, with a uniform error, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await login('1006', `bad${i}`)).statusCode).toBe(401);
    const locked = await login('1006', 'pass1006');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('BL_ERR_AUTH_RATE_LIMITED');
  });

  it('locks out a source that sprays passwords across usernames', async () => {
    const from = { remoteAddress: '10.9.8.7' };
    for (let i = 0; i < 20; i++) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: `spray${i}`, password: 'x' }, ...from });
      expect(res.statusCode).toBe(401);
    }
    const blocked = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1010', password: 'pass1010' }, ...from });
    expect(blocked.statusCode).toBe(429);
    // Other seats are not affected.
    expect((await login('1010', 'pass1010')).statusCode).toBe(200);
  });

  it('validates the body and names the field', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '1001' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('BL_ERR_VALIDATION');
    expect(res.json().error.message).toMatch(/password/);
  });

  it('answers malformed JSON and oversize bodies with clear errors and keeps serving', async () => {
    const bad = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('BL_ERR_VALIDATION');
    const huge = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: `{"username":"${'x'.repeat(2 * 1024 * 1024)}"}` });
    expect(huge.statusCode).toBe(413);
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
  });

  it('answers unknown routes with BL_ERR_NOT_FOUND', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('BL_ERR_NOT_FOUND');
  });
});

describe('agent presence over HTTP', () => {
  it('moves through login → ready → not ready and refuses illegal moves', async () => {
    const token = await tokenFor('1007', 'pass1007');
    const auth = { authorization: `Bearer ${token}` };
    const before = await app.inject({ method: 'PUT', url: '/api/agent/presence', headers: auth, payload: { presence: 'READY' } });
    expect(before.statusCode).toBe(409); // still logged out at the ACD
    expect(before.json().error.code).toBe('BL_ERR_AGENT_ILLEGAL_TRANSITION');
    expect((await app.inject({ method: 'POST', url: '/api/agent/login', headers: auth })).json()).toMatchObject({ presence: 'NOT_READY', reasonCode: 'LOGIN' });
    expect((await app.inject({ method: 'PUT', url: '/api/agent/presence', headers: auth, payload: { presence: 'READY' } })).json()).toMatchObject({ presence: 'READY', reasonCode: null });
    const bad = await app.inject({ method: 'PUT', url: '/api/agent/presence', headers: auth, payload: { presence: 'NOT_READY' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/reasonCode/);
  });

  it('recovers presence after a hub restart', async () => {
    const token = await tokenFor('1008', 'pass1008');
    const auth = { authorization: `Bearer ${token}` };
    await app.inject({ method: 'POST', url: '/api/agent/login', headers: auth });
    await app.inject({ method: 'PUT', url: '/api/agent/presence', headers: auth, payload: { presence: 'NOT_READY', reasonCode: 'TRAINING' } });
    const restarted = await createHubContext({ dataDir, demo: true, logger: silentLogger() });
    try {
      const user = restarted.store.users.findByUsername('1008')!;
      expect(restarted.agents.status(user)).toMatchObject({ presence: 'NOT_READY', reasonCode: 'TRAINING' });
      const log = restarted.store.presence.log(user.id, 10).map((e) => `${e.presence}:${e.reasonCode ?? ''}:${e.cause}`);
      expect(log).toEqual(['NOT_READY:TRAINING:agent', 'NOT_READY:LOGIN:agent login']);
      // The token survives too: sessions live in the store, not in memory.
      expect(restarted.sessions.authenticate(token).username).toBe('1008');
    } finally {
      restarted.store.close();
    }
  });
});

describe('CTI socket', () => {
  let url: string;
  beforeAll(async () => {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/cti`;
  });

  const connect = () =>
    new Promise<{ socket: WebSocket; next: () => Promise<Record<string, any>> }>((resolve, reject) => {
      const socket = new WebSocket(url);
      const queue: Record<string, any>[] = [];
      const waiters: ((f: Record<string, any>) => void)[] = [];
      socket.on('message', (m) => {
        const frame = JSON.parse(String(m)) as Record<string, any>;
        const w = waiters.shift();
        if (w) w(frame);
        else queue.push(frame);
      });
      socket.once('open', () =>
        resolve({ socket, next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((r) => waiters.push(r))) }),
      );
      socket.once('error', reject);
    });

  it('refuses a bad token and closes', async () => {
    const { socket, next } = await connect();
    const closed = new Promise<number>((r) => socket.once('close', (code) => r(code)));
    socket.send(JSON.stringify({ type: 'auth', token: 'forged' }));
    expect(await next()).toMatchObject({ type: 'error', error: { code: 'BL_ERR_AUTH_REQUIRED' } });
    expect(await closed).toBe(4401);
  });

  it('answers garbage with an error frame, then authenticates and pushes the agent own status', async () => {
    const token = await tokenFor('1009', 'pass1009');
    const { socket, next } = await connect();
    socket.send('not json');
    expect(await next()).toMatchObject({ type: 'error', error: { code: 'BL_ERR_RPC_BAD_FRAME' } });
    socket.send(JSON.stringify({ type: 'auth', token }));
    expect(await next()).toMatchObject({ type: 'ready' });
    await app.inject({ method: 'POST', url: '/api/agent/login', headers: { authorization: `Bearer ${token}` } });
    expect(await next()).toMatchObject({ type: 'event', event: { name: 'agent.status', data: { extension: '1009', presence: 'NOT_READY' } } });
    socket.send(JSON.stringify({ type: 'ping', at: 42 }));
    // The ACD may echo the change with its own work state first; the pong follows.
    let frame = await next();
    while (frame.type === 'event') frame = await next();
    expect(frame).toEqual({ type: 'pong', at: 42 });
    socket.close();
  });

  it('takes an agent offline when the seat connection is lost, and back to not ready when it returns', async () => {
    const token = await tokenFor('1011', 'pass1011');
    const auth = { authorization: `Bearer ${token}` };
    const presence = async () => (await app.inject({ method: 'GET', url: '/api/agent/status', headers: auth })).json<{ presence: string; reasonCode: string | null }>();
    const first = await connect();
    first.socket.send(JSON.stringify({ type: 'auth', token }));
    expect(await first.next()).toMatchObject({ type: 'ready' });
    await app.inject({ method: 'POST', url: '/api/agent/login', headers: auth });
    await app.inject({ method: 'PUT', url: '/api/agent/presence', headers: auth, payload: { presence: 'READY' } });
    // A reload inside the grace period changes nothing.
    first.socket.close();
    const reload = await connect();
    reload.socket.send(JSON.stringify({ type: 'auth', token }));
    await new Promise((r) => setTimeout(r, 600));
    expect((await presence()).presence).toBe('READY');
    // A seat that goes silent (no pings, no close) is cut off by the idle timeout, then goes offline.
    await expect.poll(async () => (await presence()).presence, { timeout: 6_000, interval: 100 }).toBe('OFFLINE');
    const back = await connect();
    back.socket.send(JSON.stringify({ type: 'auth', token }));
    await expect.poll(async () => await presence(), { timeout: 3_000 }).toMatchObject({ presence: 'NOT_READY', reasonCode: 'DESKTOP_LOST' });
    back.socket.close();
  }, 20_000);
});

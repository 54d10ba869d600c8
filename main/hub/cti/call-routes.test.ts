/**
 * CTI for calls through a real in-process hub (raw SIP phones on 127.0.0.1): which `/cti` sockets
 * hear a call's events by role, and the call commands' role checks and error codes.
 */
import { rmSync } from 'node:fs';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CtiEvent, CtiServerFrame } from '../../../protocol/cti';
import { RawSipPhone, g711Sdp } from '../../../testing/raw-sip-phone';
import { tempDataDir } from '../../../testing/spawn-branchline';
import { silentLogger } from '../../common/logger';
import { createHubContext, startHub } from '../hub';
import type { RunningHub } from '../hub';
import { buildHubApp } from './app';

let hub: RunningHub;
let dataDir: string;
const phones: RawSipPhone[] = [];
const sockets: WebSocket[] = [];

async function token(username: string, password: string): Promise<string> {
  const res = await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  expect(res.statusCode).toBe(200);
  return res.json<{ token: string }>().token;
}

/** A `/cti` client that records every pushed event. */
async function cti(token: string): Promise<CtiEvent[]> {
  const events: CtiEvent[] = [];
  const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/cti`);
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token })));
    socket.on('error', reject);
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as CtiServerFrame;
      if (frame.type === 'ready') resolve();
      if (frame.type === 'event') events.push(frame.event);
    });
  });
  return events;
}

async function phone(user: string): Promise<RawSipPhone> {
  const p = await RawSipPhone.open(Number(hub.sipListeners.udp?.split(':')[1]));
  phones.push(p);
  let rtp = 38000 + phones.length * 10;
  p.onInvite = () => g711Sdp(rtp++);
  await p.register(user, `pass${user}`);
  return p;
}

async function until<T>(get: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const of = (events: CtiEvent[], callId: string) => events.filter((e) => 'callId' in e.data && e.data.callId === callId).map((e) => e.name);

function command(tok: string, callId: string, verb: string, payload: object = {}) {
  return hub.app.inject({ method: 'POST', url: `/api/calls/${callId}/${verb}`, headers: { authorization: `Bearer ${tok}` }, payload });
}

let customer: RawSipPhone;
let tokens: Record<'a1001' | 'a1002' | 'lead' | 'installer', string>;
let events: Record<'a1001' | 'a1002' | 'lead', CtiEvent[]>;

/** 2001 calls 1001, who answers; resolves with the hub's call id. */
async function callAgent1001(): Promise<string> {
  const mark = events.a1001.length;
  await customer.call({ from: '2001', password: 'pass2001', to: '1001', sdp: g711Sdp(39990) });
  const answered = await until(() => events.a1001.slice(mark).find((e) => e.name === 'call.answered'));
  const callId = (answered.data as { callId: string }).callId;
  // Hold and transfer need the bridge, which follows the answer once the recording file is open.
  await until(() => hub.calls?.calls().find((c) => c.id === callId)?.b);
  return callId;
}

beforeAll(async () => {
  dataDir = tempDataDir('bl-cti-calls-');
  hub = await startHub({
    dataDir,
    demo: true,
    http: { host: '127.0.0.1', port: 0 },
    logger: silentLogger(),
    telephony: { udp: { host: '127.0.0.1', port: 0 }, ws: false, realm: 'branchline', digestAlgorithms: ['MD5'], rtpPorts: { min: 37000, max: 37499 } },
  });
  await phone('1001');
  await phone('1002');
  customer = await phone('2001');
  tokens = { a1001: await token('1001', 'pass1001'), a1002: await token('1002', 'pass1002'), lead: await token('lead', 'lead8000'), installer: await token('installer', 'install7000') };
  events = { a1001: await cti(tokens.a1001), a1002: await cti(tokens.a1002), lead: await cti(tokens.lead) };
}, 30_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const p of phones) p.close();
  await hub?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('call events over /cti', () => {
  it('reach the agent on the call and the lead, not another agent; commands check roles', async () => {
    const callId = await callAgent1001();
    expect(of(events.a1001, callId)).toEqual(['call.incoming', 'call.answered']);
    await until(() => of(events.lead, callId).includes('call.answered'));
    expect(of(events.lead, callId)[0]).toBe('call.incoming');

    // Another agent may neither hear nor touch the call; the installer has no call role at all.
    expect((await command(tokens.a1002, callId, 'hangup')).json().error.code).toBe('BL_ERR_AUTH_FORBIDDEN');
    expect((await command(tokens.a1002, callId, 'hold', { held: true })).statusCode).toBe(403);
    expect((await command(tokens.a1002, callId, 'transfer', { target: '1002' })).statusCode).toBe(403);
    expect((await command(tokens.installer, callId, 'hangup')).statusCode).toBe(403);
    expect((await command(tokens.a1001, callId, 'hold', {})).json().error.code).toBe('BL_ERR_VALIDATION');

    expect((await command(tokens.a1001, callId, 'hold', { held: true })).statusCode).toBe(200);
    expect((await command(tokens.a1001, callId, 'hold', { held: false })).statusCode).toBe(200);
    await until(() => of(events.lead, callId).filter((n) => n === 'call.held').length === 2);
    const held = events.a1001.filter((e) => e.name === 'call.held').map((e) => (e.data as { held: boolean }).held);
    expect(held).toEqual([true, false]);

    expect((await command(tokens.a1001, callId, 'hangup')).statusCode).toBe(200);
    const ended = await until(() => events.a1001.find((e) => e.name === 'call.ended' && e.data.callId === callId));
    expect(ended.name === 'call.ended' && ended.data.cdr).toMatchObject({ callId, agent: '1001', endedBy: 'callee', status: 200 });
    await until(() => of(events.lead, callId).includes('call.ended'));
    expect(of(events.a1002, callId)).toEqual([]);
    // The call is gone: further commands find nothing.
    expect((await command(tokens.lead, callId, 'hangup')).json().error.code).toBe('BL_ERR_NOT_FOUND');
  });

  it('blind-transfers to another agent, who is announced the call first; a lead may hang up any call', async () => {
    const callId = await callAgent1001();
    const res = await command(tokens.a1001, callId, 'transfer', { target: '1002' });
    expect(res.statusCode).toBe(202);
    await until(() => events.a1002.find((e) => e.name === 'call.transferred' && e.data.callId === callId && e.data.outcome === 'completed'));
    const heard = of(events.a1002, callId);
    expect(heard[0]).toBe('call.incoming');
    expect(heard).toContain('call.answered');
    expect(hub.calls?.calls().find((c) => c.id === callId)?.agent).toBe('1002');

    expect((await command(tokens.lead, callId, 'hangup')).statusCode).toBe(200);
    const ended = await until(() => events.a1002.find((e) => e.name === 'call.ended' && e.data.callId === callId));
    expect(ended.name === 'call.ended' && ended.data.cdr.endedBy).toBe('hub');
  });

  it('refuses hold and transfer on a call with no agent side (echo service)', async () => {
    const placed = await customer.call({ from: '2001', password: 'pass2001', to: '9196', sdp: g711Sdp(39980) });
    const call = await until(() => hub.calls?.calls().find((c) => c.dialled === '9196'));
    expect((await command(tokens.lead, call.id, 'hold', { held: true })).json().error.code).toBe('BL_ERR_CALL_NOT_CONNECTED');
    expect((await command(tokens.lead, call.id, 'transfer', { target: '1002' })).statusCode).toBe(409);
    await customer.hangup(placed, '2001');
  });

  it('answers BL_ERR_NOT_FOUND for a call that is not in progress', async () => {
    expect((await command(tokens.lead, 'no-such-call', 'hold', { held: true })).json().error.code).toBe('BL_ERR_NOT_FOUND');
  });
});

describe('call commands without telephony', () => {
  it('answer BL_ERR_CALL_TELEPHONY_OFF', async () => {
    const dir = tempDataDir('bl-cti-notel-');
    const ctx = await createHubContext({ dataDir: dir, demo: true, logger: silentLogger() });
    const app = await buildHubApp(ctx);
    try {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'lead', password: 'lead8000' } });
      const tok = login.json<{ token: string }>().token;
      for (const [verb, payload] of [['hangup', {}], ['hold', { held: true }], ['transfer', { target: '1002' }]] as const) {
        const res = await app.inject({ method: 'POST', url: `/api/calls/x/${verb}`, headers: { authorization: `Bearer ${tok}` }, payload });
        expect(res.statusCode, verb).toBe(503);
        expect(res.json().error.code).toBe('BL_ERR_CALL_TELEPHONY_OFF');
      }
    } finally {
      await app.close();
      ctx.store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

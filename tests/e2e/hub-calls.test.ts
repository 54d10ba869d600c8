/**
 * The hub as a B2BUA with real phones: baresip (Debian 1.0) as demo phones 2001–2003 registering
 * over UDP, media anchored on the hub's RTP ports, everything on 127.0.0.1. Audio comes from sox
 * tones; what each phone hears is baresip's sndfile dump, and what the hub recorded is its WAV.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetailRecord } from '../../protocol/call';
import { createLogger } from '../../main/common/logger';
import { startHub } from '../../main/hub/hub';
import type { RunningHub } from '../../main/hub/hub';
import { Baresip, makeToneWav } from '../../testing/baresip';
import { runSippCalls, startSippUas } from '../../testing/sipp-call';
import { toneLevel } from '../../testing/wav-analysis';

let hub: RunningHub;
let dir = '';
let sipPort = 0;
const phones: Baresip[] = [];
let tone440 = '';
let tone880 = '';
let tone1200 = '';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function phone(user: string, wav: string, rtpBase: number): Promise<Baresip> {
  const p = await Baresip.start({ user, password: `pass${user}`, hubPort: sipPort, sourceWav: wav, rtpPorts: [rtpBase, rtpBase + 49] });
  phones.push(p);
  await p.registered();
  return p;
}

function nextEnded(): Promise<CallDetailRecord> {
  return new Promise((resolve) => {
    const off = hub.ctx.bus.subscribe('call.ended', ({ cdr }) => {
      off();
      resolve(cdr);
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bl-hub-calls-'));
  tone440 = await makeToneWav(join(dir, '440.wav'), 440, 60);
  tone880 = await makeToneWav(join(dir, '880.wav'), 880, 60);
  tone1200 = await makeToneWav(join(dir, '1200.wav'), 1200, 60);
  hub = await startHub({
    dataDir: dir,
    demo: true,
    http: { host: '127.0.0.1', port: 0 },
    logger: createLogger({ level: process.env.BL_TEST_LOG ?? 'silent' }),
    telephony: { udp: { host: '127.0.0.1', port: 0 }, ws: false, realm: 'branchline', digestAlgorithms: ['MD5'], rtpPorts: { min: 34000, max: 34999 } },
  });
  sipPort = Number(hub.sipListeners.udp?.split(':')[1]);
}, 30_000);

afterAll(async () => {
  await Promise.all(phones.map((p) => p.stop()));
  await hub?.close();
  if (!process.env.BL_KEEP) rmSync(dir, { recursive: true, force: true });
});

describe('calls through the hub with baresip', () => {
  it('9196 echo: the caller hears its own tone back', async () => {
    const a = await phone('2001', tone440, 35000);
    const ended = nextEnded();
    await a.command('dial', `sip:9196@127.0.0.1:${sipPort}`);
    await a.waitEvent('CALL_ESTABLISHED', 10_000);
    await wait(3000);
    await a.command('hangup');
    const cdr = await ended;
    expect(cdr).toMatchObject({ dialled: '9196', caller: '2001', callerId: '13800138001', endedBy: 'caller', status: 200 });
    expect(cdr.legs[0]).toMatchObject({ role: 'caller', codec: 'PCMU', status: 200 });
    await wait(300);
    const dumps = readdirSync(a.recordDir).filter((f) => f.endsWith('-dec.wav'));
    expect(dumps.length).toBeGreaterThan(0);
    const heard = await toneLevel(join(a.recordDir, dumps[0]!), 0, 440);
    expect(heard.toneDb).toBeGreaterThan(-30);
  }, 30_000);

  it('2001 calls agent 1001: caller ID presented, stereo recording with both parties, CDR, playback by range', async () => {
    const a = phones[0]!;
    const b = await phone('1001', tone880, 35100);
    const ended = nextEnded();
    const answered = new Promise<string>((r) => {
      const off = hub.ctx.bus.subscribe('call.answered', (e) => {
        off();
        r(e.party);
      });
    });
    await a.command('dial', `sip:1001@127.0.0.1:${sipPort}`);
    const atB = await b.waitEvent('CALL_ESTABLISHED', 10_000);
    // The callee sees the demo customer's mobile (sip_accounts.caller_id), not the extension.
    expect(String(atB.peeruri)).toContain('13800138001');
    await a.waitEvent('CALL_ESTABLISHED', 10_000);
    expect(await answered).toBe('1001');
    await wait(3000);
    const closedB = b.events.length;
    await a.command('hangup');
    const cdr = await ended;
    await b.waitEvent('CALL_CLOSED', 5000, closedB);
    expect(cdr).toMatchObject({ caller: '2001', dialled: '1001', agent: '1001', endedBy: 'caller', status: 200 });
    expect(cdr.answeredAt).not.toBeNull();
    expect(cdr.legs.map((l) => [l.role, l.status])).toEqual([['caller', 200], ['callee', 200]]);
    expect(cdr.recordingPath).toMatch(/recordings\/.+\.wav$/);
    expect(hub.ctx.store.calls.findCdr(cdr.callId)?.legs).toHaveLength(2);
    const left = await toneLevel(cdr.recordingPath!, 0, 440);
    const right = await toneLevel(cdr.recordingPath!, 1, 880);
    expect(left.seconds).toBeGreaterThan(2);
    expect(left.toneDb).toBeGreaterThan(-30);
    expect(right.toneDb).toBeGreaterThan(-30);
    // Each side carries only its own party: the other tone is far below.
    expect((await toneLevel(cdr.recordingPath!, 0, 880)).toneDb).toBeLessThan(left.toneDb - 20);

    const login = async (username: string, password: string) =>
      (await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })).json<{ token: string }>().token;
    const url = `/api/recordings/${cdr.callId}`;
    const agent = await login('1001', 'pass1001');
    const other = await login('1002', 'pass1002');
    const lead = await login('lead', 'lead8000');
    const full = await hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${agent}` } });
    expect(full.statusCode).toBe(200);
    expect(full.headers['accept-ranges']).toBe('bytes');
    const size = full.rawPayload.length;
    expect(full.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    const part = await hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${lead}`, range: 'bytes=0-43' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 0-43/${size}`);
    expect(part.rawPayload.length).toBe(44);
    const tail = await hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${lead}`, range: 'bytes=-100' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(full.rawPayload.subarray(size - 100))).toBe(true);
    const beyond = await hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${lead}`, range: `bytes=${size}-` } });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${size}`);
    expect((await hub.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${other}` } })).statusCode).toBe(403);
    expect((await hub.app.inject({ method: 'GET', url })).statusCode).toBe(401);
  }, 40_000);

  it('hold plays music to the other party, resume reconnects; DTMF arrives as digits', async () => {
    const [a, b] = [phones[0]!, phones[1]!];
    const held: boolean[] = [];
    const digits: string[] = [];
    const offHeld = hub.ctx.bus.subscribe('call.held', (e) => held.push(e.held));
    const offDtmf = hub.ctx.bus.subscribe('call.dtmf', (e) => digits.push(`${e.digit}:${e.source}`));
    const ended = nextEnded();
    const since = a.events.length;
    await a.command('dial', `sip:1001@127.0.0.1:${sipPort}`);
    await a.waitEvent('CALL_ESTABLISHED', 10_000, since);
    await wait(500);
    await a.command('sndcode', '5');
    await wait(400);
    await a.command('sndcode', '#');
    await expect.poll(() => digits.length, { timeout: 10_000 }).toBe(2);
    const heldSince = Date.now();
    await b.command('hold');
    const call = hub.calls!.calls()[0]!;
    await expect.poll(() => call.state, { timeout: 10_000 }).toBe('held');
    await wait(1500); // let the caller hear a stretch of the hold melody
    await b.command('resume');
    await expect.poll(() => call.state, { timeout: 10_000 }).toBe('answered');
    await b.command('hangup');
    const cdr = await ended;
    offHeld();
    offDtmf();
    expect(held).toEqual([true, false]);
    expect(digits).toEqual(['5:rfc4733', '#:rfc4733']);
    expect(cdr.endedBy).toBe('callee');
    expect(heldSince).toBeGreaterThan(0);
    // The caller heard the hold melody (its notes are C5 E5 G5 B5) in what baresip received.
    const newest = readdirSync(a.recordDir).filter((f) => f.endsWith('-dec.wav')).sort().at(-1)!;
    const moh = await toneLevel(join(a.recordDir, newest), 0, 659.25);
    expect(moh.toneDb).toBeGreaterThan(-50);
  }, 30_000);

  it('blind transfer by REFER: the caller ends up with the target, the transferor is released', async () => {
    const [a, b] = [phones[0]!, phones[1]!];
    const c = await phone('1002', tone1200, 35200);
    const transfers: string[] = [];
    const off = hub.ctx.bus.subscribe('call.transferred', (e) => transfers.push(`${e.outcome}:${e.to}`));
    const ended = nextEnded();
    const since = a.events.length;
    await a.command('dial', `sip:1001@127.0.0.1:${sipPort}`);
    await a.waitEvent('CALL_ESTABLISHED', 10_000, since);
    await wait(1000);
    const bSince = b.events.length;
    await b.command('transfer', '1002');
    await c.waitEvent('CALL_ESTABLISHED', 10_000);
    await b.waitEvent('CALL_CLOSED', 10_000, bSince);
    await wait(2000);
    expect(transfers).toEqual(['started:1002', 'completed:1002']);
    const call = hub.calls!.calls()[0]!;
    expect(call.agent).toBe('1002');
    await a.command('hangup');
    const cdr = await ended;
    off();
    expect(cdr.agent).toBe('1002');
    expect(cdr.legs.map((l) => l.role)).toEqual(['caller', 'callee', 'transfer-target']);
    // Both agents who took the call may hear it; the recording spans the transfer.
    for (const [user, pass] of [['1001', 'pass1001'], ['1002', 'pass1002']]) {
      const token = (await hub.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user, password: pass } })).json<{ token: string }>().token;
      const res = await hub.app.inject({ method: 'GET', url: `/api/recordings/${cdr.callId}`, headers: { authorization: `Bearer ${token}`, range: 'bytes=0-3' } });
      expect(res.statusCode).toBe(206);
    }
    // The new agent's tone is on the right channel, after the first agent's.
    expect((await toneLevel(cdr.recordingPath!, 1, 1200)).toneDb).toBeGreaterThan(-30);
    expect((await toneLevel(cdr.recordingPath!, 1, 880)).toneDb).toBeGreaterThan(-30);
  }, 40_000);
});

describe('calls through the hub with sipp', () => {
  it('sipp UAC (2003, digest) → hub → sipp UAS (registered as 2004): every call set up and torn down', async () => {
    const uas = await startSippUas({ hubPort: sipPort, user: '2004', password: 'pass2004', cwd: dir });
    try {
      const run = await runSippCalls({ hubPort: sipPort, caller: '2003', password: 'pass2003', dialled: '2004', calls: 10, rate: 10, holdMs: 300, cwd: dir });
      expect(run.exitCode).toBe(0);
      expect(run.ok).toBe(10);
      expect(run.failed).toBe(0);
      expect(run.timings).toHaveLength(10);
      // Setup latency is a benchmark figure (hub.call_setup_ms), not asserted here.
      await expect.poll(() => hub.ctx.store.calls.recentCdrs(50).filter((c) => c.caller === '2003').length, { timeout: 10_000 }).toBe(10);
      const cdrs = hub.ctx.store.calls.recentCdrs(50).filter((c) => c.caller === '2003');
      expect(cdrs.every((c) => c.status === 200 && c.endedBy === 'caller' && c.dialled === '2004')).toBe(true);
      expect(hub.calls?.activeCalls).toBe(0);
    } finally {
      await uas.stop();
    }
  }, 60_000);
});

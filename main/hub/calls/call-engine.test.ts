/**
 * Call control against raw SIP peers on 127.0.0.1 (an in-process demo hub, real UDP sockets):
 * rejection of bad INVITEs with clear 4xx, forking with "Call completed elsewhere", CANCEL before
 * answer, 2xx retransmission until ACK, BYE with a Reason towards the other leg.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallDetailRecord } from '../../../protocol/call';
import { silentLogger } from '../../common/logger';
import { startHub } from '../hub';
import type { RunningHub } from '../hub';
import { SipTestClient, digestAuthorization, header, registerText, statusOf } from '../sip/testing/sip-test-client';
import { tempDataDir } from '../../../testing/spawn-branchline';

let hub: RunningHub;
let port = 0;
const clients: SipTestClient[] = [];
let n = 0;

const sdp = (rtpPort: number, payloads = '0 101', extra: string[] = ['a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000']) =>
  ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${rtpPort} RTP/AVP ${payloads}`, ...extra, ''].join('\r\n');

interface InviteOpts { to: string; body?: string; user?: string; password?: string }

function inviteText(c: SipTestClient, o: InviteOpts, callId: string, cseq: number, auth?: string): string {
  const body = o.body ?? '';
  return [
    `INVITE sip:${o.to}@127.0.0.1:${port} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${c.port};branch=z9hG4bKinv${++n};rport`,
    'Max-Forwards: 70',
    `From: <sip:${o.user ?? '2001'}@127.0.0.1>;tag=ft${callId}`,
    `To: <sip:${o.to}@127.0.0.1>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} INVITE`,
    `Contact: <sip:${o.user ?? '2001'}@127.0.0.1:${c.port}>`,
    ...(auth ? [`Proxy-Authorization: ${auth}`] : []),
    ...(body ? ['Content-Type: application/sdp'] : []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** INVITE with digest auth; resolves with the first non-100 response after authentication. */
async function invite(c: SipTestClient, o: InviteOpts): Promise<{ callId: string; final: () => Promise<string>; text: string }> {
  const callId = `cid-${++n}-${Date.now()}`;
  const mark = c.received.length;
  c.send(inviteText(c, o, callId, 1));
  const challenge = await c.next((m) => statusOf(m) === 407, 3000, mark);
  const auth = digestAuthorization(header(challenge, 'Proxy-Authenticate') ?? '', { user: o.user ?? '2001', password: o.password ?? 'pass2001', method: 'INVITE', uri: `sip:${o.to}@127.0.0.1:${port}` });
  c.send(ack(c, callId, header(challenge, 'To') ?? '', 1, `sip:${o.to}@127.0.0.1:${port}`));
  const mark2 = c.received.length;
  c.send(inviteText(c, o, callId, 2, auth));
  return { callId, text: '', final: () => c.next((m) => statusOf(m) >= 200 && header(m, 'CSeq') === '2 INVITE', 8000, mark2) };
}

function ack(c: SipTestClient, callId: string, to: string, cseq: number, uri: string): string {
  return [`ACK ${uri} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${c.port};branch=z9hG4bKack${++n}`, 'Max-Forwards: 70', `From: <sip:2001@127.0.0.1>;tag=ft${callId}`, `To: ${to}`, `Call-ID: ${callId}`, `CSeq: ${cseq} ACK`, 'Content-Length: 0', '', ''].join('\r\n');
}

async function client(): Promise<SipTestClient> {
  const c = await SipTestClient.open(port);
  clients.push(c);
  return c;
}

/** Register a raw client as `user` (digest) so the hub rings it. */
async function registered(user: string): Promise<SipTestClient> {
  const c = await client();
  const callId = `reg-${user}-${++n}`;
  c.send(registerText({ user, port: c.port, callId, cseq: 1, expires: 300 }));
  const ch = await c.next((m) => statusOf(m) === 401);
  const auth = digestAuthorization(header(ch, 'WWW-Authenticate') ?? '', { user, password: `pass${user}`, method: 'REGISTER', uri: 'sip:branch1' });
  c.send(registerText({ user, port: c.port, callId, cseq: 2, expires: 300, extra: [`Authorization: ${auth}`] }));
  expect(statusOf(await c.next((m) => statusOf(m) === 200))).toBe(200);
  return c;
}

/** Answer an incoming INVITE on a raw callee: 180, then optionally 200 with SDP. */
function respond(c: SipTestClient, inv: string, status: number, body = ''): void {
  const vias = inv.split('\r\n').filter((l) => /^Via:/i.test(l));
  const to = header(inv, 'To') ?? '';
  c.send([`SIP/2.0 ${status} X`, ...vias, `From: ${header(inv, 'From')}`, `To: ${to}${/tag=/.test(to) ? '' : `;tag=callee${c.port}`}`, `Call-ID: ${header(inv, 'Call-ID')}`, `CSeq: ${header(inv, 'CSeq')}`, `Contact: <sip:callee@127.0.0.1:${c.port}>`, ...(body ? ['Content-Type: application/sdp'] : []), `Content-Length: ${Buffer.byteLength(body)}`, '', body].join('\r\n'));
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
  hub = await startHub({
    dataDir: tempDataDir('bl-calls-'),
    demo: true,
    http: { host: '127.0.0.1', port: 0 },
    logger: silentLogger(),
    telephony: { udp: { host: '127.0.0.1', port: 0 }, ws: false, realm: 'branchline', digestAlgorithms: ['MD5'], rtpPorts: { min: 36000, max: 36999 } },
  });
  port = Number(hub.sipListeners.udp?.split(':')[1]);
}, 30_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await hub?.close();
});

describe('INVITE intake', () => {
  it('asks for credentials (407) before anything else', async () => {
    const c = await client();
    c.send(inviteText(c, { to: '9196', body: sdp(4000) }, 'noauth-1', 1));
    expect(statusOf(await c.next((m) => statusOf(m) >= 200))).toBe(407);
  });

  it.each([
    ['no SDP (delayed offer)', undefined, 488, 'BL_ERR_CALL_NO_SDP'],
    ['garbage SDP', 'this is not sdp\r\n', 400, 'BL_ERR_MEDIA_SDP_INVALID'],
    ['SDP without connection address', 'v=0\r\no=- 1 1 IN IP4 1.2.3.4\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n', 400, 'BL_ERR_MEDIA_SDP_INVALID'],
    ['only G.729 and Opus', sdp(4000, '18 111', ['a=rtpmap:18 G729/8000', 'a=rtpmap:111 opus/48000/2']), 488, 'BL_ERR_MEDIA_CODEC_UNSUPPORTED'],
    ['SRTP only', sdp(4000, '0').replace('RTP/AVP', 'RTP/SAVP'), 488, 'BL_ERR_MEDIA_CODEC_UNSUPPORTED'],
  ])('refuses %s with %s and a Warning naming the code', async (_name, body, status, code) => {
    const c = await client();
    const r = await (await invite(c, { to: '9196', body: body as string | undefined })).final();
    expect(statusOf(r)).toBe(status);
    expect(header(r, 'Warning')).toContain(code);
  });

  it('answers 404 for an unknown number and 480 for an extension with no phone registered', async () => {
    const c = await client();
    expect(statusOf(await (await invite(c, { to: '5555', body: sdp(4000) })).final())).toBe(404);
    const ended = nextEnded();
    expect(statusOf(await (await invite(c, { to: '1019', body: sdp(4000) })).final())).toBe(480);
    expect(await ended).toMatchObject({ dialled: '1019', status: 480, answeredAt: null });
  });

  it('keeps serving after a burst of junk: a valid echo call still connects and echoes', async () => {
    const junk = await client();
    for (let i = 0; i < 200; i++) junk.send(Buffer.from(i % 2 ? `INVITE sip:x SIP/2.0\r\nVia: nope\r\n\r\n` : `\u0000\u0001garbage ${i}`));
    const c = await client();
    const inv = await invite(c, { to: '9196', body: sdp(4000) });
    const ok = await inv.final();
    expect(statusOf(ok)).toBe(200);
    expect(ok).toMatch(/m=audio \d+ RTP\/AVP 0 101/);
    c.send(ack(c, inv.callId, header(ok, 'To') ?? '', 2, `sip:9196@127.0.0.1:${port}`));
    expect(hub.calls?.activeCalls).toBeGreaterThan(0);
  });
});

describe('dialogs', () => {
  it('retransmits the 2xx until the ACK arrives (RFC 3261 §13.3.1.4)', async () => {
    const c = await client();
    const inv = await invite(c, { to: '9197', body: sdp(4002) });
    const ok = await inv.final();
    const mark = c.received.length;
    await new Promise((r) => setTimeout(r, 1700));
    const again = c.received.slice(mark).filter((m) => statusOf(m) === 200 && header(m, 'CSeq') === '2 INVITE').length;
    expect(again).toBeGreaterThanOrEqual(2);
    c.send(ack(c, inv.callId, header(ok, 'To') ?? '', 2, `sip:9197@127.0.0.1:${port}`));
    await new Promise((r) => setTimeout(r, 100));
    const mark2 = c.received.length;
    await new Promise((r) => setTimeout(r, 2200));
    expect(c.received.slice(mark2).filter((m) => statusOf(m) === 200).length).toBe(0);
  });

  it('forks to every contact; the first 200 wins and the others get CANCEL with "Call completed elsewhere"', async () => {
    const p1 = await registered('1003');
    const p2 = await registered('1003');
    const caller = await client();
    const inv = await invite(caller, { to: '1003', body: sdp(4004) });
    const i1 = await p1.next((m) => m.startsWith('INVITE'));
    const i2 = await p2.next((m) => m.startsWith('INVITE'));
    expect(header(i1, 'From')).toContain('13800138001');
    respond(p1, i1, 180);
    respond(p2, i2, 180);
    expect(statusOf(await caller.next((m) => statusOf(m) === 180))).toBe(180);
    respond(p2, i2, 200, sdp(4006));
    const ok = await inv.final();
    expect(statusOf(ok)).toBe(200);
    const cancel = await p1.next((m) => m.startsWith('CANCEL'), 3000, 0);
    expect(header(cancel, 'Reason')).toBe('SIP;cause=200;text="Call completed elsewhere"');
    expect((await p2.next((m) => m.startsWith('ACK'), 3000, 0)).startsWith('ACK')).toBe(true);
    // Caller hangs up: the callee gets BYE with the cause.
    const ended = nextEnded();
    caller.send(ack(caller, inv.callId, header(ok, 'To') ?? '', 2, `sip:hub@127.0.0.1:${port}`));
    caller.send(
      [`BYE sip:hub@127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${caller.port};branch=z9hG4bKbye${++n}`, 'Max-Forwards: 70', `From: <sip:2001@127.0.0.1>;tag=ft${inv.callId}`, `To: ${header(ok, 'To')}`, `Call-ID: ${inv.callId}`, 'CSeq: 3 BYE', 'Content-Length: 0', '', ''].join('\r\n'),
    );
    expect(statusOf(await caller.next((m) => header(m, 'CSeq') === '3 BYE'))).toBe(200);
    const bye = await p2.next((m) => m.startsWith('BYE'));
    expect(header(bye, 'Reason')).toContain('cause=200');
    const cdr = await ended;
    expect(cdr).toMatchObject({ endedBy: 'caller', agent: '1003', status: 200 });
    expect(cdr.legs.map((l) => [l.role, l.status])).toEqual([['caller', 200], ['callee', 487], ['callee', 200]]);
    expect(cdr.legs[1]?.reason).toBe('Call completed elsewhere');
  });

  it('CANCEL before answer: caller gets 487, the ringing phone gets CANCEL, CDR says who', async () => {
    const p = await registered('1004');
    const caller = await client();
    const inv = await invite(caller, { to: '1004', body: sdp(4008) });
    const i1 = await p.next((m) => m.startsWith('INVITE'));
    respond(p, i1, 180);
    await caller.next((m) => statusOf(m) === 180);
    const ended = nextEnded();
    caller.send(
      [`CANCEL sip:1004@127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${caller.port};branch=z9hG4bKinv${n}`, 'Max-Forwards: 70', `From: <sip:2001@127.0.0.1>;tag=ft${inv.callId}`, `To: <sip:1004@127.0.0.1>`, `Call-ID: ${inv.callId}`, 'CSeq: 2 CANCEL', 'Content-Length: 0', '', ''].join('\r\n'),
    );
    expect(statusOf(await inv.final())).toBe(487);
    expect((await p.next((m) => m.startsWith('CANCEL'), 3000, 0)).startsWith('CANCEL')).toBe(true);
    const cdr = await ended;
    expect(cdr).toMatchObject({ endedBy: 'caller', status: 487, answeredAt: null });
  });

  it('SIP INFO (application/dtmf-relay) digits are reported like RFC 4733 ones', async () => {
    const c = await client();
    const inv = await invite(c, { to: '9196', body: sdp(4010, '0', ['a=rtpmap:0 PCMU/8000']) });
    const ok = await inv.final();
    const to = header(ok, 'To') ?? '';
    c.send(ack(c, inv.callId, to, 2, `sip:hub@127.0.0.1:${port}`));
    const got = new Promise<string>((resolve) => {
      const off = hub.ctx.bus.subscribe('call.dtmf', (e) => {
        off();
        resolve(`${e.digit}:${e.source}`);
      });
    });
    const body = 'Signal=9\r\nDuration=160\r\n';
    c.send(
      [`INFO sip:hub@127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${c.port};branch=z9hG4bKinfo${++n}`, 'Max-Forwards: 70', `From: <sip:2001@127.0.0.1>;tag=ft${inv.callId}`, `To: ${to}`, `Call-ID: ${inv.callId}`, 'CSeq: 3 INFO', 'Content-Type: application/dtmf-relay', `Content-Length: ${body.length}`, '', body].join('\r\n'),
    );
    expect(statusOf(await c.next((m) => header(m, 'CSeq') === '3 INFO'))).toBe(200);
    expect(await got).toBe('9:info');
    // An in-dialog request for a dialog that does not exist gets 481.
    c.send(
      [`BYE sip:hub@127.0.0.1:${port} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${c.port};branch=z9hG4bKbye${++n}`, 'Max-Forwards: 70', `From: <sip:2001@127.0.0.1>;tag=nope`, 'To: <sip:9196@127.0.0.1>;tag=unknown', 'Call-ID: no-such-call', 'CSeq: 1 BYE', 'Content-Length: 0', '', ''].join('\r\n'),
    );
    expect(statusOf(await c.next((m) => header(m, 'Call-ID') === 'no-such-call'))).toBe(481);
  });
});

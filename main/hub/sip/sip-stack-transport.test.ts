import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { InMemorySipCredentialStore } from './registrar/in-memory-sip-credential-store';
import type { SipServerRequest } from './sip-server-request';
import { SipStack } from './sip-stack';
import { digestAuthorization, header, headers, SipTestClient, statusOf } from './testing/sip-test-client';

let stack: SipStack;
let http: Server;
let ports: { udp: number; tcp: number; http: number };
const store = InMemorySipCredentialStore.fromPasswords('branch1', { '1001': 'secret' });

beforeEach(async () => {
  http = createServer();
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  stack = new SipStack({
    udp: { host: '127.0.0.1', port: 0 },
    tcp: { host: '127.0.0.1', port: 0 },
    ws: { server: http },
    realm: 'branch1',
    credentialStore: store,
    timers: { T1: 40, T2: 320, T4: 400 },
    maxMessageSize: 4096,
  });
  const b = await stack.start();
  const ha = http.address();
  ports = { udp: b.UDP?.port ?? 0, tcp: b.TCP?.port ?? 0, http: typeof ha === 'object' && ha ? ha.port : 0 };
});
afterEach(async () => {
  await stack.stop();
  await new Promise<void>((r) => http.close(() => r()));
});

const invite = (port: number, branch: string, transport = 'UDP'): string =>
  `INVITE sip:queue@127.0.0.1 SIP/2.0\nVia: SIP/2.0/${transport} 127.0.0.1:${port};branch=${branch};rport\nMax-Forwards: 70\nFrom: <sip:caller@x>;tag=c1\nTo: <sip:queue@127.0.0.1>\nCall-ID: call-${branch}\nCSeq: 1 INVITE\nRecord-Route: <sip:edge.example;lr>\nContent-Length: 0\n\n`;
const options = (port: number, n: number, transport = 'UDP'): string =>
  `OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/${transport} 127.0.0.1:${port};branch=z9hG4bKo${n}\r\nFrom: <sip:p@x>;tag=${n}\r\nTo: <sip:hub@x>\r\nCall-ID: o${n}\r\nCSeq: ${n} OPTIONS\r\nContent-Length: 0\r\n\r\n`;

describe('UDP', () => {
  it('INVITE: 100 at once, TU 180 (Record-Route copied), 486 retransmitted (timer G) until ACK', async () => {
    const c = await SipTestClient.open(ports.udp);
    let got: SipServerRequest | undefined;
    stack.onRequest = (req) => {
      got = req;
      req.respond(180);
      setTimeout(() => req.respond(486), 10);
    };
    c.send(invite(c.port, 'z9hG4bKi1'));
    expect(statusOf(await c.next())).toBe(100);
    const ringing = await c.next((m) => statusOf(m) === 180);
    expect(header(ringing, 'Record-Route')).toBe('<sip:edge.example;lr>');
    await c.next((m) => statusOf(m) === 486);
    const first = c.received.length;
    await c.next((m) => statusOf(m) === 486, 1000, first); // retransmission
    const busy = c.received.find((m) => statusOf(m) === 486) ?? '';
    const toTag = /tag=([^;\r\n]+)/.exec(header(busy, 'To') ?? '')?.[1];
    expect(toTag).toBe(got?.toTag);
    c.send(invite(c.port, 'z9hG4bKi1').replace('INVITE sip', 'ACK sip').replace('CSeq: 1 INVITE', 'CSeq: 1 ACK').replace('To: <sip:queue@127.0.0.1>', `To: <sip:queue@127.0.0.1>;tag=${toTag}`));
    await new Promise((r) => setTimeout(r, 150));
    const after = c.received.length;
    await new Promise((r) => setTimeout(r, 400));
    expect(c.received.length).toBe(after);
    c.close();
  });

  it('CANCEL: 200 for the CANCEL, 487 for the INVITE, TU notified', async () => {
    const c = await SipTestClient.open(ports.udp);
    let cancelled = false;
    stack.onRequest = (req) => req.onCancel(() => (cancelled = true));
    c.send(invite(c.port, 'z9hG4bKc1'));
    await c.next((m) => statusOf(m) === 100);
    c.send(invite(c.port, 'z9hG4bKc1').replace('INVITE sip', 'CANCEL sip').replace('CSeq: 1 INVITE', 'CSeq: 1 CANCEL'));
    expect(statusOf(await c.next((m) => /CSeq: 1 CANCEL/.test(m)))).toBe(200);
    expect(statusOf(await c.next((m) => statusOf(m) === 487))).toBe(487);
    expect(cancelled).toBe(true);
    c.close();
  });

  it('answers 501 without a handler, 500 when the handler throws', async () => {
    const c = await SipTestClient.open(ports.udp);
    c.send(invite(c.port, 'z9hG4bKn1').replace(/INVITE/g, 'INFO'));
    expect(statusOf(await c.next())).toBe(501);
    stack.onRequest = () => {
      throw new Error('boom');
    };
    c.send(invite(c.port, 'z9hG4bKn2').replace(/INVITE/g, 'INFO'));
    expect(statusOf(await c.next((m) => m.includes('z9hG4bKn2')))).toBe(500);
    c.close();
  });

  it('sendRequest retransmits over UDP (timer E) and times out to 408 (timer F)', async () => {
    const peer = createSocket('udp4');
    const seen: string[] = [];
    peer.on('message', (m) => seen.push(m.toString()));
    await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
    const req = stack.sendRequest(
      { method: 'OPTIONS', uri: `sip:agent@127.0.0.1:${peer.address().port}`, from: '<sip:hub@127.0.0.1>;tag=h', to: '<sip:agent@127.0.0.1>', callId: 'ka1', cseq: 1 },
    );
    const outcome = await req.final;
    expect(outcome.kind).toBe('timeout');
    expect(outcome.status).toBe(408);
    expect(seen.length).toBeGreaterThanOrEqual(6);
    expect(seen[0]).toMatch(/^Via: SIP\/2\.0\/UDP 127\.0\.0\.1:\d+;branch=z9hG4bK[^;]+;rport$/m);
    expect(new Set(seen).size).toBe(1); // identical retransmissions
    peer.close();
  });

  it('sendRequest gets the response of a live peer', async () => {
    const peer = createSocket('udp4');
    peer.on('message', (m, rinfo) => {
      const t = m.toString();
      const resp = `SIP/2.0 200 OK\r\n${headers(t, 'Via').map((v) => `Via: ${v}`).join('\r\n')}\r\nFrom: ${header(t, 'From')}\r\nTo: ${header(t, 'To')};tag=p\r\nCall-ID: ${header(t, 'Call-ID')}\r\nCSeq: ${header(t, 'CSeq')}\r\nContent-Length: 0\r\n\r\n`;
      peer.send(resp, rinfo.port, rinfo.address);
    });
    await new Promise<void>((r) => peer.bind(0, '127.0.0.1', () => r()));
    const outcome = await stack.sendRequest({
      method: 'OPTIONS', uri: `sip:agent@127.0.0.1:${peer.address().port}`, from: '<sip:hub@127.0.0.1>;tag=h', to: '<sip:agent@127.0.0.1>', callId: 'ka2', cseq: 1,
    }).final;
    expect(outcome.status).toBe(200);
    peer.close();
  });

  it('answers 513 to an oversized request and keeps serving', async () => {
    const c = await SipTestClient.open(ports.udp);
    const big = 'x'.repeat(5000);
    c.send(options(c.port, 1).replace('Content-Length: 0', `Content-Type: text/plain\r\nContent-Length: ${big.length}`) + big);
    expect(statusOf(await c.next())).toBe(513);
    c.send(options(c.port, 2));
    expect(statusOf(await c.next((m) => m.includes('CSeq: 2 ')))).toBe(200);
    c.close();
  });

  it('survives malformed input (truncated, bad headers, binary, huge) and keeps serving', async () => {
    const c = await SipTestClient.open(ports.udp);
    const good = options(c.port, 7);
    let seed = 7;
    const rnd = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const inputs: Buffer[] = [
      Buffer.from(good.slice(0, 40)),
      Buffer.from(good.replace('CSeq: 7 OPTIONS', 'CSeq: banana')),
      Buffer.from(good.replace('Via: ', 'Via ')),
      Buffer.from(good.replace('Content-Length: 0', 'Content-Length: 99')),
      Buffer.from('\u0000\u0001\u0002\u00ff'.repeat(50), 'latin1'),
      Buffer.alloc(60000, 0x41),
      Buffer.from(`${good.slice(0, -4)}\r\nX: ${'€'.repeat(20000)}\r\n\r\n`),
    ];
    for (let i = 0; i < 150; i++) {
      const b = Buffer.from(good);
      for (let k = 0; k < 1 + rnd(6); k++) b[rnd(b.length)] = rnd(256);
      inputs.push(b.subarray(0, rnd(b.length) + 1));
    }
    for (const [n, i] of inputs.entries()) {
      c.send(i);
      if (n % 10 === 9) await new Promise((r) => setTimeout(r, 5)); // let the kernel buffer drain
    }
    await new Promise((r) => setTimeout(r, 50));
    c.send(options(c.port, 8));
    expect(statusOf(await c.next((m) => m.includes('CSeq: 8 OPTIONS'), 5000))).toBe(200);
    const bad = c.received.filter((m) => statusOf(m) === 400);
    expect(bad.length).toBeGreaterThanOrEqual(2); // CSeq: banana, short body
    expect(c.received.some((m) => statusOf(m) === 513)).toBe(true); // the 60 KB header
    c.close();
  });
});

describe('TCP', () => {
  it('frames messages split at random points and merged together', async () => {
    const sock = connect(ports.tcp, '127.0.0.1');
    await new Promise<void>((r) => sock.once('connect', () => r()));
    let text = '';
    sock.on('data', (d) => (text += d.toString()));
    const all = Buffer.from(Array.from({ length: 12 }, (_, i) => options(sock.localPort ?? 0, i + 1, 'TCP')).join(''));
    let i = 0;
    while (i < all.length) {
      const n = 1 + Math.floor(Math.random() * 90);
      sock.write(all.subarray(i, i + n));
      i += n;
      if (Math.random() < 0.3) await new Promise((r) => setTimeout(r, 1));
    }
    const deadline = Date.now() + 3000;
    while ((text.match(/SIP\/2\.0 200/g) ?? []).length < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect((text.match(/SIP\/2\.0 200/g) ?? []).length).toBe(12);
    sock.write('\r\n\r\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(text.endsWith('\r\n\r\n\r\n')).toBe(true); // pong after the last response
    sock.write('GARBAGE\r\nContent-Length: zz\r\n\r\n'); // unframeable: connection closed
    await new Promise<void>((r) => sock.once('close', () => r()));
  });
});

describe('WebSocket (RFC 7118)', () => {
  it('registers over WS and routes a request back over that very socket', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${ports.http}/sip`, 'sip');
    const inbox: string[] = [];
    ws.on('message', (d) => inbox.push(d.toString()));
    await new Promise<void>((r, j) => {
      ws.once('open', () => r());
      ws.once('error', j);
    });
    expect(ws.protocol).toBe('sip');
    const wait = async (pred: (m: string) => boolean): Promise<string> => {
      for (let k = 0; k < 150; k++) {
        const hit = inbox.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('timeout');
    };
    const reg = (cseq: number, auth?: string): string =>
      `REGISTER sip:branch1 SIP/2.0\r\nVia: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKw${cseq};rport\r\nFrom: <sip:1001@branch1>;tag=w\r\nTo: <sip:1001@branch1>\r\nCall-ID: wsreg\r\nCSeq: ${cseq} REGISTER\r\nContact: <sip:k3h2@df7jal23ls0d.invalid;transport=ws>;expires=600\r\n${auth ? `Authorization: ${auth}\r\n` : ''}Content-Length: 0\r\n\r\n`;
    ws.send(reg(1));
    const ch = await wait((m) => statusOf(m) === 401);
    const www = headers(ch, 'WWW-Authenticate')[0] ?? '';
    ws.send(reg(2, digestAuthorization(www, { user: '1001', password: 'secret', method: 'REGISTER', uri: 'sip:branch1' })));
    expect(statusOf(await wait((m) => m.includes('CSeq: 2 REGISTER')))).toBe(200);

    const [binding] = await stack.lookupContacts('1001');
    expect(binding?.protocol).toBe('WS');
    const outgoing = stack.sendRequest(
      { method: 'MESSAGE', uri: binding?.contact ?? '', from: '<sip:hub@branch1>;tag=h1', to: '<sip:1001@branch1>', callId: 'm1', cseq: 1, body: 'hi', contentType: 'text/plain' },
      binding?.target,
    );
    const req = await wait((m) => m.startsWith('MESSAGE '));
    expect(req).toMatch(/^Via: SIP\/2\.0\/WS /m);
    ws.send(`SIP/2.0 200 OK\r\n${headers(req, 'Via').map((v) => `Via: ${v}`).join('\r\n')}\r\nFrom: ${header(req, 'From')}\r\nTo: ${header(req, 'To')};tag=b\r\nCall-ID: m1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n`);
    expect((await outgoing.final).status).toBe(200);
    ws.send('\r\n\r\n');
    expect(await wait((m) => m === '\r\n')).toBe('\r\n');
    ws.close();
  });

  it('refuses a WebSocket without the "sip" subprotocol', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${ports.http}/sip`);
    const err = await new Promise<Error>((r) => ws.once('error', r));
    expect(err.message).toMatch(/400/);
  });
});

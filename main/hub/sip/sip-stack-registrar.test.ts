import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryLocationService } from './registrar/in-memory-location-service';
import { InMemorySipCredentialStore } from './registrar/in-memory-sip-credential-store';
import { SipStack } from './sip-stack';
import type { SipStackOptions } from './sip-stack-options';
import { digestAuthorization, header, headers, registerText, SipTestClient, statusOf } from './testing/sip-test-client';

const REALM = 'branch1';
let stack: SipStack;
let client: SipTestClient;

async function boot(extra: Partial<SipStackOptions> = {}): Promise<void> {
  stack = new SipStack({
    udp: { host: '127.0.0.1', port: 0 },
    realm: REALM,
    credentialStore: InMemorySipCredentialStore.fromPasswords(REALM, { '1001': 'secret', '1002': 'other' }),
    registrar: { minExpires: 60, maxExpires: 3600 },
    ...extra,
  });
  const bound = await stack.start();
  client = await SipTestClient.open(bound.UDP?.port ?? 0);
}

/** REGISTER, answer the challenge with `algorithm`, return the final response. */
async function register(o: {
  user: string; password: string; callId: string; cseq: number; contact?: string; expires?: number;
  algorithm?: 'MD5' | 'SHA-256'; extra?: string[];
}): Promise<string> {
  client.send(registerText({ ...o, port: client.port, extra: o.extra }));
  const challenge = await client.next((m) => m.includes(`CSeq: ${o.cseq} REGISTER`));
  if (statusOf(challenge) !== 401) return challenge;
  const www = headers(challenge, 'WWW-Authenticate').find((c) => c.includes(`algorithm=${o.algorithm ?? 'MD5'}`)) ?? '';
  const auth = digestAuthorization(www, { user: o.user, password: o.password, method: 'REGISTER', uri: 'sip:branch1' });
  client.send(registerText({ ...o, cseq: o.cseq + 1, port: client.port, extra: [...(o.extra ?? []), `Authorization: ${auth}`] }));
  return client.next((m) => m.includes(`CSeq: ${o.cseq + 1} REGISTER`));
}

describe('SipStack registrar over UDP', () => {
  beforeEach(async () => boot());
  afterEach(async () => {
    client.close();
    await stack.stop();
  });

  it('challenges with SHA-256 first, then MD5 (RFC 8760 §2.4), stamps received/rport', async () => {
    client.send(registerText({ user: '1001', port: client.port, callId: 'c1', cseq: 1 }));
    const r = await client.next();
    expect(statusOf(r)).toBe(401);
    const ch = headers(r, 'WWW-Authenticate');
    expect(ch[0]).toMatch(/algorithm=SHA-256/);
    expect(ch[1]).toMatch(/algorithm=MD5/);
    expect(ch[0]).toMatch(/qop="auth"/);
    expect(header(r, 'Via')).toContain(`received=127.0.0.1;rport=${client.port}`);
    expect(header(r, 'To')).toMatch(/;tag=/);
  });

  it.each(['MD5', 'SHA-256'] as const)('registers with digest %s', async (algorithm) => {
    const r = await register({ user: '1001', password: 'secret', callId: `a-${algorithm}`, cseq: 1, algorithm, expires: 300 });
    expect(statusOf(r)).toBe(200);
    expect(header(r, 'Contact')).toBe(`<sip:1001@127.0.0.1:${client.port}>;expires=300`);
    const bindings = await stack.lookupContacts('1001');
    expect(bindings).toHaveLength(1);
    expect(bindings[0]?.target).toMatchObject({ protocol: 'UDP', address: '127.0.0.1', port: client.port });
  });

  it('keeps several contacts per AOR and lists them all', async () => {
    await register({ user: '1001', password: 'secret', callId: 'm1', cseq: 1, contact: '<sip:1001@127.0.0.1:5071>;q=0.5' });
    const r = await register({
      user: '1001', password: 'secret', callId: 'm2', cseq: 1, contact: '<sip:1001@127.0.0.1:5072>, <sip:1001@127.0.0.1:5073>;expires=120',
    });
    expect(statusOf(r)).toBe(200);
    expect(headers(r, 'Contact')).toHaveLength(3);
    const contacts = (await stack.lookupContacts('1001')).map((b) => b.contact);
    expect(contacts.sort()).toEqual(['sip:1001@127.0.0.1:5071', 'sip:1001@127.0.0.1:5072', 'sip:1001@127.0.0.1:5073']);
  });

  it('answers 423 with Min-Expires below the minimum and clamps above the maximum', async () => {
    const brief = await register({ user: '1001', password: 'secret', callId: 'e1', cseq: 1, expires: 10 });
    expect(statusOf(brief)).toBe(423);
    expect(header(brief, 'Min-Expires')).toBe('60');
    const long = await register({ user: '1001', password: 'secret', callId: 'e2', cseq: 1, expires: 99999 });
    expect(header(long, 'Contact')).toMatch(/expires=3600$/);
  });

  it('removes one binding with expires=0 and all with Contact: *', async () => {
    await register({ user: '1001', password: 'secret', callId: 'u1', cseq: 1, contact: '<sip:1001@127.0.0.1:5081>, <sip:1001@127.0.0.1:5082>' });
    const one = await register({ user: '1001', password: 'secret', callId: 'u1', cseq: 3, contact: '<sip:1001@127.0.0.1:5081>;expires=0' });
    expect(statusOf(one)).toBe(200);
    expect((await stack.lookupContacts('1001')).map((b) => b.contact)).toEqual(['sip:1001@127.0.0.1:5082']);
    const bad = await register({ user: '1001', password: 'secret', callId: 'u1', cseq: 5, contact: '*' });
    expect(statusOf(bad)).toBe(400); // "*" needs Expires: 0
    const all = await register({ user: '1001', password: 'secret', callId: 'u1', cseq: 7, contact: '*', expires: 0 });
    expect(statusOf(all)).toBe(200);
    expect(await stack.lookupContacts('1001')).toEqual([]);
  });

  it('rejects an out-of-order CSeq for the same Call-ID (RFC 3261 §10.3 step 7)', async () => {
    await register({ user: '1001', password: 'secret', callId: 'o1', cseq: 10 });
    const stale = await register({ user: '1001', password: 'secret', callId: 'o1', cseq: 4 });
    expect(statusOf(stale)).toBe(500);
  });

  it('forbids registering another user’s AOR', async () => {
    client.send(registerText({ user: '1002', port: client.port, callId: 'x1', cseq: 1 }));
    const ch = await client.next();
    const auth = digestAuthorization(headers(ch, 'WWW-Authenticate')[1] ?? '', { user: '1001', password: 'secret', method: 'REGISTER', uri: 'sip:branch1' });
    client.send(registerText({ user: '1002', port: client.port, callId: 'x1', cseq: 2, extra: [`Authorization: ${auth}`] }));
    expect(statusOf(await client.next((m) => m.includes('CSeq: 2 ')))).toBe(403);
  });

  it('drops a binding when it expires', async () => {
    await stack.stop();
    client.close();
    let now = Date.now();
    const clock = (): number => now;
    await boot({ registrar: { minExpires: 60, now: clock }, locationService: new InMemoryLocationService(clock) });
    await register({ user: '1001', password: 'secret', callId: 'x', cseq: 1, expires: 60 });
    expect(await stack.lookupContacts('1001')).toHaveLength(1);
    now += 59_000;
    expect(await stack.lookupContacts('1001')).toHaveLength(1);
    now += 2_000;
    expect(await stack.lookupContacts('1001')).toEqual([]);
  });

  it('gives unknown users and wrong passwords identical answers (no enumeration)', async () => {
    const shape = (m: string): string =>
      m.replace(/tag=[^;\r\n]+/g, 'tag=T').replace(/nonce="[^"]+"/g, 'nonce="N"').replace(/branch=[^;\r\n]+/g, 'branch=B')
        .replace(/Call-ID: .*/, 'Call-ID: C').replace(/<sip:\d+@/g, '<sip:U@');
    const wrong = await register({ user: '1001', password: 'nope', callId: 'n1', cseq: 1 });
    const unknown = await register({ user: '7777', password: 'nope', callId: 'n1', cseq: 1 });
    expect(statusOf(wrong)).toBe(401);
    expect(shape(unknown)).toBe(shape(wrong));
    expect(wrong).not.toMatch(/stale/);
  });

  it('answers OPTIONS with 200 and Allow', async () => {
    client.send(
      `OPTIONS sip:127.0.0.1 SIP/2.0\nVia: SIP/2.0/UDP 127.0.0.1:${client.port};branch=z9hG4bKopt1\nFrom: <sip:p@x>;tag=1\nTo: <sip:hub@x>\nCall-ID: o\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n`,
    );
    const r = await client.next();
    expect(statusOf(r)).toBe(200);
    expect(header(r, 'Allow')).toContain('INVITE');
  });
});

describe('SipStack brute-force protection', () => {
  afterEach(async () => {
    client.close();
    await stack.stop();
  });

  it('bans a source after repeated failures and then drops it silently', async () => {
    await boot({ authLimiter: { maxFailures: 3, windowMs: 60_000, banMs: 60_000 } });
    for (let i = 0; i < 3; i++) {
      const r = await register({ user: '1001', password: 'bad', callId: `b${i}`, cseq: 1 });
      expect(statusOf(r)).toBe(401);
    }
    const before = client.received.length;
    client.send(registerText({ user: '1001', port: client.port, callId: 'after', cseq: 1 }));
    await expect(client.next(() => true, 400, before)).rejects.toThrow(/timeout/);
  });

  it('exempts trunk addresses from bans and identifies the trunk', async () => {
    await boot({ authLimiter: { maxFailures: 2 }, trunks: [{ id: 'gw1', addresses: ['127.0.0.1'] }] });
    for (let i = 0; i < 3; i++) await register({ user: '1001', password: 'bad', callId: `t${i}`, cseq: 1 });
    const ok = await register({ user: '1001', password: 'secret', callId: 't9', cseq: 1 });
    expect(statusOf(ok)).toBe(200);
  });
});

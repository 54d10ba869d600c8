import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { SipLogger } from '../sip-logger';
import { digestAuthorization } from '../testing/sip-test-client';
import { DigestAuthenticator } from './digest-authenticator';
import { InMemorySipCredentialStore } from './in-memory-sip-credential-store';

const store = InMemorySipCredentialStore.fromPasswords('branch1', { '1001': 'secret' });
const answer = (challenge: string, nc = 1, password = 'secret', user = '1001'): string =>
  digestAuthorization(challenge, { user, password, method: 'INVITE', uri: 'sip:1002@hub', nc });

describe('DigestAuthenticator', () => {
  it('accepts MD5 and SHA-256 answers; a second hub instance with the same secret verifies the nonce', async () => {
    const a = new DigestAuthenticator({ realm: 'branch1', secret: 'shared' });
    const b = new DigestAuthenticator({ realm: 'branch1', secret: 'shared' });
    const [sha, md5] = a.challenges(false); // one nonce, two algorithms
    expect(sha).toMatch(/algorithm=SHA-256/);
    expect(await b.verify(answer(sha ?? '', 1), 'INVITE', store)).toEqual({ kind: 'ok', user: '1001' });
    expect(await b.verify(answer(md5 ?? '', 2), 'INVITE', store)).toEqual({ kind: 'ok', user: '1001' });
  });

  it('refuses a nonce signed with another secret', async () => {
    const a = new DigestAuthenticator({ realm: 'branch1', secret: 'one' });
    const b = new DigestAuthenticator({ realm: 'branch1', secret: 'two' });
    expect((await b.verify(answer(a.challenges(false)[0] ?? ''), 'INVITE', store)).kind).toBe('challenge');
  });

  it('stale=true only for an expired nonce with the right password', async () => {
    let now = 1_000_000;
    const d = new DigestAuthenticator({ realm: 'branch1', nonceTtlMs: 60_000, now: () => now });
    const ch = d.challenges(false)[1] ?? '';
    now += 61_000;
    expect(await d.verify(answer(ch), 'INVITE', store)).toMatchObject({ kind: 'challenge', stale: true });
    expect(await d.verify(answer(ch, 2, 'wrong'), 'INVITE', store)).toMatchObject({ kind: 'challenge', stale: false });
    expect(d.challenges(true)[0]).toMatch(/stale=true/);
  });

  it('tracks nonce counts: a replayed nc is refused as stale', async () => {
    const d = new DigestAuthenticator({ realm: 'branch1' });
    const ch = d.challenges(false)[0] ?? '';
    expect((await d.verify(answer(ch, 1), 'INVITE', store)).kind).toBe('ok');
    expect((await d.verify(answer(ch, 2), 'INVITE', store)).kind).toBe('ok');
    expect(await d.verify(answer(ch, 2), 'INVITE', store)).toMatchObject({ kind: 'challenge', stale: true });
  });

  it('unknown user and wrong password give the same verdict', async () => {
    const d = new DigestAuthenticator({ realm: 'branch1' });
    const ch = d.challenges(false)[0] ?? '';
    const wrong = await d.verify(answer(ch, 1, 'bad'), 'INVITE', store);
    const unknown = await d.verify(answer(ch, 1, 'bad', '4040'), 'INVITE', store);
    expect({ ...wrong, reason: '' }).toEqual({ ...unknown, reason: '' });
  });

  it('pino loggers fit the SipLogger seam', () => {
    const log: SipLogger = pino({ level: 'silent' });
    expect(log.child({ mod: 'hub.sip' })).toBeDefined();
  });
});

describe('DigestAuthenticator per-transport algorithms', () => {
  it('offers and accepts only the transport list when one is configured', async () => {
    const a = new DigestAuthenticator({ realm: 'branch1', algorithms: ['MD5', 'SHA-256'], algorithmsByTransport: { WS: ['MD5'] } });
    const udp = a.challenges(false, 'UDP');
    expect(udp.map((c) => /algorithm=([\w-]+)/.exec(c)?.[1])).toEqual(['MD5', 'SHA-256']);
    expect(a.challenges(false, 'ws').map((c) => /algorithm=([\w-]+)/.exec(c)?.[1])).toEqual(['MD5']);
    const sha = udp[1]!;
    expect((await a.verify(answer(sha), 'INVITE', store, 'UDP')).kind).toBe('ok');
    expect(await a.verify(answer(sha), 'INVITE', store, 'WS')).toMatchObject({ kind: 'challenge', reason: 'algorithm not offered' });
  });
});

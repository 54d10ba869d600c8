import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastChallenge, runSippRegister } from '../../../testing/sipp';
import { InMemorySipCredentialStore } from './registrar/in-memory-sip-credential-store';
import { SipStack } from './sip-stack';

// Real sipp (Debian sip-tester 3.6.1) against the stack on 127.0.0.1 only. sipp 3.6 computes
// MD5 digests only ("authentication must use MD5 or AKAv1-MD5"), so this stack offers MD5.
let stack: SipStack;
let port = 0;
let dir = '';

function sipp(scenario: string, user: string, password: string, messageLog: string): Promise<number> {
  return runSippRegister({ port, scenario, user, password, messageLog, cwd: dir });
}

const last401 = (file: string): string => lastChallenge(readFileSync(file, 'utf8'));

describe('sipp REGISTER with digest', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bl-sipp-'));
    stack = new SipStack({
      udp: { host: '127.0.0.1', port: 0 },
      realm: 'branch1',
      credentialStore: InMemorySipCredentialStore.fromPasswords('branch1', { '1001': 'secret' }),
      digest: { algorithms: ['MD5'] },
    });
    port = (await stack.start()).UDP?.port ?? 0;
  });
  afterAll(async () => {
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('registers with the right password', async () => {
    expect(await sipp('register-digest.xml', '1001', 'secret', join(dir, 'ok.log'))).toBe(0);
    const b = await stack.lookupContacts('1001');
    expect(b).toHaveLength(1);
    expect(b[0]?.userAgent).toBe('sipp');
  });

  it('fails the same way for a wrong password and an unknown user', async () => {
    expect(await sipp('register-rejected.xml', '1001', 'wrong', join(dir, 'wrong.log'))).toBe(0);
    expect(await sipp('register-rejected.xml', '4040', 'whatever', join(dir, 'unknown.log'))).toBe(0);
    const a = last401(join(dir, 'wrong.log'));
    expect(a).toContain('WWW-Authenticate: Digest realm="branch1"');
    expect(last401(join(dir, 'unknown.log'))).toBe(a);
    // The right password still works afterwards (not banned by two failures).
    expect(await sipp('register-digest.xml', '1001', 'secret', join(dir, 'ok2.log'))).toBe(0);
  });
});

import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InMemorySipCredentialStore } from './registrar/in-memory-sip-credential-store';
import { SipStack } from './sip-stack';

// Real sipp (Debian sip-tester 3.6.1) against the stack on 127.0.0.1 only. sipp 3.6 computes
// MD5 digests only ("authentication must use MD5 or AKAv1-MD5"), so this stack offers MD5.
const SCENARIOS = resolve(import.meta.dirname, '../../../tests/sipp');
let stack: SipStack;
let port = 0;
let dir = '';

async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

function sipp(scenario: string, user: string, password: string, messageFile: string): Promise<number> {
  return freeUdpPort().then(
    (localPort) =>
      new Promise((done) => {
        execFile(
          'sipp',
          [
            `127.0.0.1:${port}`, '-sf', join(SCENARIOS, scenario), '-s', user, '-au', user, '-ap', password,
            '-i', '127.0.0.1', '-p', String(localPort), '-m', '1', '-timeout', '10s', '-timeout_error',
            '-recv_timeout', '5000', '-nostdin', '-trace_msg', '-message_file', messageFile,
          ],
          { timeout: 20_000, cwd: dir },
          (err) => done(err ? Number((err as { code?: number }).code ?? 1) : 0),
        );
      }),
  );
}

/** The last 401 sipp received, with per-request values masked. */
function last401(file: string): string {
  const text = readFileSync(file, 'utf8');
  const all = [...text.matchAll(/SIP\/2\.0 401[\s\S]*?Content-Length: 0/g)].map((m) => m[0]);
  return (all.at(-1) ?? '')
    .replace(/tag=[^;\r\n]+/g, 'tag=T').replace(/nonce="[^"]+"/g, 'nonce="N"').replace(/branch=[^;\r\n]+/g, 'branch=B')
    .replace(/rport=\d+/g, 'rport=P').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/Call-ID: .*/g, 'Call-ID: C').replace(/sip:\d+@/g, 'sip:U@');
}

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

/** Runs real sipp (Debian sip-tester) against a SIP server on 127.0.0.1, bounded and self-stopping. */
import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { resolve } from 'node:path';

export const SIPP_SCENARIOS = resolve(import.meta.dirname, '../tests/sipp');

export async function freeUdpPort(): Promise<number> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
  const p = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return p;
}

export interface SippRegisterOptions {
  port: number;
  scenario: string;
  user: string;
  password: string;
  /** sipp's -message_file: every message sent and received. */
  messageLog: string;
  cwd: string;
}

/** One REGISTER scenario run (`-m 1`); resolves with sipp's exit code (0 = scenario passed). */
export async function runSippRegister(o: SippRegisterOptions): Promise<number> {
  const localPort = await freeUdpPort();
  return new Promise((done) => {
    execFile(
      'sipp',
      [
        `127.0.0.1:${o.port}`, '-sf', resolve(SIPP_SCENARIOS, o.scenario), '-s', o.user, '-au', o.user, '-ap', o.password,
        '-i', '127.0.0.1', '-p', String(localPort), '-m', '1', '-timeout', '10s', '-timeout_error',
        '-recv_timeout', '5000', '-nostdin', '-trace_msg', '-message_file', o.messageLog,
      ],
      { timeout: 20_000, cwd: o.cwd },
      (err) => done(err ? Number((err as { code?: number }).code ?? 1) : 0),
    );
  });
}

/** The last 401 in a sipp message log, with every per-request value masked, to compare answers. */
export function lastChallenge(log: string): string {
  const all = [...log.matchAll(/SIP\/2\.0 401[\s\S]*?Content-Length: 0/g)].map((m) => m[0]);
  return (all.at(-1) ?? '')
    .replace(/tag=[^;\r\n]+/g, 'tag=T').replace(/nonce="[^"]+"/g, 'nonce="N"').replace(/branch=[^;\r\n]+/g, 'branch=B')
    .replace(/rport=\d+/g, 'rport=P').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT').replace(/Call-ID: .*/g, 'Call-ID: C').replace(/sip:\d+@/g, 'sip:U@');
}

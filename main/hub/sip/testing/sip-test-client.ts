import { createHash } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';

/** Raw UDP SIP peer for tests: send text, wait for parsed-enough replies. Bounded waits only. */
export class SipTestClient {
  readonly received: string[] = [];
  private waiters: Array<() => void> = [];
  port = 0;

  private constructor(private readonly socket: Socket, private readonly serverPort: number) {
    socket.on('message', (m) => {
      this.received.push(m.toString('utf8'));
      for (const w of this.waiters.splice(0)) w();
    });
  }

  static async open(serverPort: number): Promise<SipTestClient> {
    const s = createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const c = new SipTestClient(s, serverPort);
    c.port = s.address().port;
    return c;
  }

  send(text: string | Buffer): void {
    const data = typeof text === 'string' ? Buffer.from(text.replace(/\r?\n/g, '\r\n')) : text;
    this.socket.send(data, this.serverPort, '127.0.0.1');
  }

  /** Wait for the next message matching `pred` received after call index `from`. */
  async next(pred: (m: string) => boolean = () => true, timeoutMs = 3000, from = this.received.length): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.received.slice(from).find(pred);
      if (hit) return hit;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timeout waiting for message; got ${this.received.length}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  close(): void {
    this.socket.close();
  }
}

export function header(msg: string, name: string): string | undefined {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(msg);
  return m?.[1]?.trim();
}

export function headers(msg: string, name: string): string[] {
  return [...msg.matchAll(new RegExp(`^${name}:\\s*(.*)$`, 'gim'))].map((m) => (m[1] ?? '').trim());
}

export function statusOf(msg: string): number {
  return Number(/^SIP\/2\.0 (\d{3})/.exec(msg)?.[1] ?? 0);
}

/** Compute a digest Authorization value from a challenge, independently of the code under test. */
export function digestAuthorization(
  challenge: string,
  opts: { user: string; password: string; method: string; uri: string; nc?: number; cnonce?: string },
): string {
  const param = (n: string): string => new RegExp(`${n}="?([^",]+)"?`).exec(challenge)?.[1] ?? '';
  const realm = param('realm');
  const nonce = param('nonce');
  const algorithm = param('algorithm') || 'MD5';
  const h = (s: string): string => createHash(algorithm === 'SHA-256' ? 'sha256' : 'md5').update(s).digest('hex');
  const nc = (opts.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = opts.cnonce ?? 'c0ffee';
  const ha1 = h(`${opts.user}:${realm}:${opts.password}`);
  const ha2 = h(`${opts.method}:${opts.uri}`);
  const response = h(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${opts.user}", realm="${realm}", nonce="${nonce}", uri="${opts.uri}", response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="${cnonce}"`;
}

let seq = 0;
/** A REGISTER text; `extra` lines are added before Content-Length. */
export function registerText(o: {
  user: string; port: number; callId: string; cseq: number; contact?: string; expires?: number; extra?: string[];
}): string {
  const branch = `z9hG4bKt${++seq}x${Date.now()}`;
  const lines = [
    `REGISTER sip:branch1 SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${o.port};branch=${branch};rport`,
    `Max-Forwards: 70`,
    `From: <sip:${o.user}@branch1>;tag=f${seq}`,
    `To: <sip:${o.user}@branch1>`,
    `Call-ID: ${o.callId}`,
    `CSeq: ${o.cseq} REGISTER`,
    ...(o.contact === undefined ? [`Contact: <sip:${o.user}@127.0.0.1:${o.port}>`] : o.contact ? [`Contact: ${o.contact}`] : []),
    ...(o.expires === undefined ? [] : [`Expires: ${o.expires}`]),
    ...(o.extra ?? []),
    `Content-Length: 0`,
    '',
    '',
  ];
  return lines.join('\r\n');
}

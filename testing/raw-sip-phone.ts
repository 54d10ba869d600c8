/**
 * A scriptable SIP phone on one UDP socket (127.0.0.1) for benches and tests that need many
 * calls with chosen SDP: registers with digest, places calls (answering the 407), answers
 * incoming INVITEs through a callback, hangs up. Minimal on purpose: no retransmission (loopback).
 */
import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { digestAuthorization, header, registerText, statusOf } from '../main/hub/sip/testing/sip-test-client';

export function g711Sdp(port: number): string {
  return ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', `m=audio ${port} RTP/AVP 0`, 'a=rtpmap:0 PCMU/8000', 'a=ptime:20', ''].join('\r\n');
}

/** The audio port in an SDP body. */
export function sdpPort(body: string): number {
  return Number(/^m=audio (\d+)/m.exec(body)?.[1] ?? 0);
}

export interface PlacedCall {
  readonly callId: string;
  readonly to: string;
  readonly answer: string;
}

let counter = 0;

export class RawSipPhone {
  port = 0;
  private readonly waiters = new Map<string, (m: string) => void>();
  /** Answer an INVITE: return the SDP body for the 200 (or undefined to answer 486). */
  onInvite: ((invite: string) => string | undefined) | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly hubPort: number,
  ) {
    socket.on('message', (m) => this.receive(m.toString('utf8')));
  }

  static async open(hubPort: number): Promise<RawSipPhone> {
    const s = createSocket({ type: 'udp4', recvBufferSize: 1 << 20 });
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', () => r()));
    const p = new RawSipPhone(s, hubPort);
    p.port = s.address().port;
    return p;
  }

  close(): void {
    this.socket.close();
  }

  async register(user: string, password: string): Promise<void> {
    const callId = `reg-${user}-${++counter}-${process.pid}`;
    const ch = await this.request(registerText({ user, port: this.port, callId, cseq: 1, expires: 600 }), `1 REGISTER|${callId}`);
    const auth = digestAuthorization(header(ch, 'WWW-Authenticate') ?? '', { user, password, method: 'REGISTER', uri: 'sip:branch1' });
    const ok = await this.request(registerText({ user, port: this.port, callId, cseq: 2, expires: 600, extra: [`Authorization: ${auth}`] }), `2 REGISTER|${callId}`);
    if (statusOf(ok) !== 200) throw new Error(`register ${user}: ${statusOf(ok)}`);
  }

  /** Place a call and ACK its 200; resolves with the answer. Throws on a final non-2xx. */
  async call(o: { from: string; password: string; to: string; sdp: string }): Promise<PlacedCall> {
    const callId = `call-${++counter}-${process.pid}-${Date.now()}`;
    const uri = `sip:${o.to}@127.0.0.1:${this.hubPort}`;
    const invite = (cseq: number, auth?: string): string =>
      [
        `INVITE ${uri} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK${callId}-${cseq};rport`,
        'Max-Forwards: 70',
        `From: <sip:${o.from}@127.0.0.1>;tag=f${callId}`,
        `To: <${uri}>`,
        `Call-ID: ${callId}`,
        `CSeq: ${cseq} INVITE`,
        `Contact: <sip:${o.from}@127.0.0.1:${this.port}>`,
        ...(auth ? [`Proxy-Authorization: ${auth}`] : []),
        'Content-Type: application/sdp',
        `Content-Length: ${Buffer.byteLength(o.sdp)}`,
        '',
        o.sdp,
      ].join('\r\n');
    const ch = await this.request(invite(1), `1 INVITE|${callId}`);
    this.ack(callId, o.from, header(ch, 'To') ?? '', 1, uri);
    const auth = digestAuthorization(header(ch, 'Proxy-Authenticate') ?? '', { user: o.from, password: o.password, method: 'INVITE', uri });
    const answer = await this.request(invite(2, auth), `2 INVITE|${callId}`);
    if (statusOf(answer) !== 200) throw new Error(`call ${o.to}: ${statusOf(answer)}`);
    const to = header(answer, 'To') ?? '';
    this.ack(callId, o.from, to, 2, `sip:hub@127.0.0.1:${this.hubPort}`);
    return { callId, to, answer };
  }

  async hangup(c: PlacedCall, from: string): Promise<void> {
    const bye = [
      `BYE sip:hub@127.0.0.1:${this.hubPort} SIP/2.0`,
      `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK${c.callId}-bye;rport`,
      'Max-Forwards: 70',
      `From: <sip:${from}@127.0.0.1>;tag=f${c.callId}`,
      `To: ${c.to}`,
      `Call-ID: ${c.callId}`,
      'CSeq: 3 BYE',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    await this.request(bye, `3 BYE|${c.callId}`);
  }

  private ack(callId: string, from: string, to: string, cseq: number, uri: string): void {
    this.send(
      [`ACK ${uri} SIP/2.0`, `Via: SIP/2.0/UDP 127.0.0.1:${this.port};branch=z9hG4bK${callId}-ack${cseq}`, 'Max-Forwards: 70', `From: <sip:${from}@127.0.0.1>;tag=f${callId}`, `To: ${to}`, `Call-ID: ${callId}`, `CSeq: ${cseq} ACK`, 'Content-Length: 0', '', ''].join('\r\n'),
    );
  }

  private request(text: string, key: string, timeoutMs = 5000): Promise<string> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.waiters.delete(key);
        reject(new Error(`no final response for ${key}`));
      }, timeoutMs);
      this.waiters.set(key, (m) => {
        clearTimeout(t);
        resolve(m);
      });
      this.send(text);
    });
  }

  private send(text: string): void {
    this.socket.send(Buffer.from(text), this.hubPort, '127.0.0.1');
  }

  private receive(m: string): void {
    if (m.startsWith('SIP/2.0')) {
      const status = statusOf(m);
      if (status < 200) return;
      const w = this.waiters.get(`${header(m, 'CSeq')}|${header(m, 'Call-ID')}`);
      if (w) {
        this.waiters.delete(`${header(m, 'CSeq')}|${header(m, 'Call-ID')}`);
        w(m);
      }
      return;
    }
    const method = m.slice(0, m.indexOf(' '));
    if (method === 'ACK') return;
    if (method === 'INVITE') {
      const body = this.onInvite?.(m);
      this.reply(m, body === undefined ? 486 : 200, body);
      return;
    }
    this.reply(m, 200); // BYE, OPTIONS, INFO, NOTIFY
  }

  private reply(req: string, status: number, body = ''): void {
    const vias = req.split('\r\n').filter((l) => /^Via:/i.test(l));
    const to = header(req, 'To') ?? '';
    this.send(
      [
        `SIP/2.0 ${status} ${status === 200 ? 'OK' : 'Busy Here'}`,
        ...vias,
        `From: ${header(req, 'From')}`,
        `To: ${to}${/tag=/.test(to) ? '' : `;tag=t${this.port}`}`,
        `Call-ID: ${header(req, 'Call-ID')}`,
        `CSeq: ${header(req, 'CSeq')}`,
        `Contact: <sip:phone@127.0.0.1:${this.port}>`,
        ...(body ? ['Content-Type: application/sdp'] : []),
        `Content-Length: ${Buffer.byteLength(body)}`,
        '',
        body,
      ].join('\r\n'),
    );
  }
}

import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { SipLogger } from '../sip-logger';
import type { SipAddress, SipFlow } from './sip-flow';
import { addressKey } from './sip-transport';
import type { SipTransport, TransportOptions } from './sip-transport';

export interface UdpTransportOptions extends TransportOptions {
  readonly host: string;
  readonly port: number;
}

/** SIP over UDP (RFC 3261 §18): one datagram, one message; flows are (remote address, port). */
export class UdpTransport implements SipTransport {
  readonly protocol = 'UDP' as const;
  private socket: Socket | undefined;
  private local: SipAddress = { address: '0.0.0.0', port: 0 };

  constructor(private readonly options: UdpTransportOptions, private readonly log: SipLogger) {}

  async start(): Promise<SipAddress> {
    const socket = createSocket({ type: isIPv6(this.options.host) ? 'udp6' : 'udp4' });
    this.socket = socket;
    socket.on('error', (err) => this.log.warn({ err: err.message }, 'udp socket error'));
    socket.on('message', (msg, rinfo) => {
      if (msg.length === 0) return;
      // A lone CRLF pair or a STUN keepalive (RFC 5626 §4.4.2, first byte 0/1) is not SIP: drop.
      if (msg[0] === 0x00 || msg[0] === 0x01 || /^[\r\n]+$/.test(msg.toString('latin1'))) return;
      const flow = this.makeFlow({ address: rinfo.address, port: rinfo.port });
      try {
        this.options.sink(msg, flow, msg.length > this.options.maxMessageSize);
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'sink threw on udp message');
      }
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(this.options.port, this.options.host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    const a = socket.address();
    this.local = { address: a.address, port: a.port };
    return this.local;
  }

  async stop(): Promise<void> {
    const s = this.socket;
    this.socket = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  getFlow(id: string): SipFlow | undefined {
    const m = /^udp:(.+):(\d+)$/.exec(id);
    if (!m || m[1] === undefined || !this.socket) return undefined;
    return this.makeFlow({ address: m[1], port: Number(m[2]) });
  }

  async flowTo(remote: SipAddress): Promise<SipFlow> {
    if (!this.socket) throw new Error('udp transport not started');
    return this.makeFlow(remote);
  }

  private makeFlow(remote: SipAddress): SipFlow {
    const address = remote.address.replace(/^\[|\]$/g, '');
    return {
      id: `udp:${addressKey({ address, port: remote.port })}`,
      protocol: 'UDP',
      reliable: false,
      local: this.local,
      remote: { address, port: remote.port },
      isOpen: () => this.socket !== undefined,
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          const s = this.socket;
          if (!s) return reject(new Error('udp transport stopped'));
          s.send(data, remote.port, address, (err) => (err ? reject(err) : resolve()));
        }),
    };
  }
}

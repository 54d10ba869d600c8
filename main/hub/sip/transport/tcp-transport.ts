import { connect, createServer, isIPv6 } from 'node:net';
import type { Server, Socket } from 'node:net';
import { StreamFramer } from '../message/stream-framer';
import type { SipLogger } from '../sip-logger';
import type { SipAddress, SipFlow } from './sip-flow';
import { addressKey } from './sip-transport';
import type { SipTransport, TransportOptions } from './sip-transport';

export interface TcpTransportOptions extends TransportOptions {
  readonly host: string;
  readonly port: number;
  /** Close connections idle this long (ms); 0 = never. */
  readonly idleTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
}

interface Connection {
  readonly flow: SipFlow;
  readonly socket: Socket;
}

/** SIP over TCP (RFC 3261 §18): a byte stream cut into messages by Content-Length. */
export class TcpTransport implements SipTransport {
  readonly protocol = 'TCP' as const;
  private server: Server | undefined;
  private local: SipAddress = { address: '0.0.0.0', port: 0 };
  private readonly byId = new Map<string, Connection>();
  private readonly byRemote = new Map<string, Connection>();
  private seq = 0;

  constructor(private readonly options: TcpTransportOptions, private readonly log: SipLogger) {}

  async start(): Promise<SipAddress> {
    const server = createServer((socket) => this.adopt(socket));
    this.server = server;
    server.on('error', (err) => this.log.warn({ err: err.message }, 'tcp server error'));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const a = server.address();
    if (a && typeof a === 'object') this.local = { address: a.address, port: a.port };
    return this.local;
  }

  async stop(): Promise<void> {
    for (const c of this.byId.values()) c.socket.destroy();
    this.byId.clear();
    this.byRemote.clear();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  getFlow(id: string): SipFlow | undefined {
    return this.byId.get(id)?.flow;
  }

  async flowTo(remote: SipAddress): Promise<SipFlow> {
    const address = remote.address.replace(/^\[|\]$/g, '');
    const existing = this.byRemote.get(addressKey({ address, port: remote.port }));
    if (existing) return existing.flow;
    if (!this.server) throw new Error('tcp transport not started');
    const socket = connect({ host: address, port: remote.port, family: isIPv6(address) ? 6 : 4 });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error('tcp connect timeout'));
      }, this.options.connectTimeoutMs ?? 5000);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
    });
    return this.adopt(socket).flow;
  }

  private adopt(socket: Socket): Connection {
    const id = `tcp#${++this.seq}`;
    const remote = { address: socket.remoteAddress ?? '0.0.0.0', port: socket.remotePort ?? 0 };
    const local = { address: socket.localAddress ?? this.local.address, port: socket.localPort ?? this.local.port };
    const log = this.log.child({ flow: id, remote: addressKey(remote) });
    const framer = new StreamFramer(this.options.maxMessageSize);
    let open = true;
    const flow: SipFlow = {
      id,
      protocol: 'TCP',
      reliable: true,
      local,
      remote,
      isOpen: () => open,
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          if (!open) return reject(new Error('tcp connection closed'));
          socket.write(data, (err) => (err ? reject(err) : resolve()));
        }),
    };
    const conn: Connection = { flow, socket };
    this.byId.set(id, conn);
    this.byRemote.set(addressKey(remote), conn);
    log.debug({}, 'tcp connection open');
    if (this.options.idleTimeoutMs) socket.setTimeout(this.options.idleTimeoutMs, () => socket.destroy());
    socket.on('data', (chunk: Buffer) => {
      for (const ev of framer.push(chunk)) {
        if (ev.kind === 'keepalive') {
          socket.write('\r\n');
        } else if (ev.kind === 'message') {
          this.deliver(ev.data, flow, false, log);
        } else {
          log.debug({ reason: ev.reason }, 'unframeable tcp stream, closing');
          if (ev.head) this.deliver(ev.head, flow, true, log);
          socket.end();
          setTimeout(() => socket.destroy(), 1000).unref();
        }
      }
    });
    socket.on('error', (err) => log.debug({ err: err.message }, 'tcp socket error'));
    socket.on('close', () => {
      open = false;
      this.byId.delete(id);
      if (this.byRemote.get(addressKey(remote)) === conn) this.byRemote.delete(addressKey(remote));
      log.debug({}, 'tcp connection closed');
    });
    return conn;
  }

  private deliver(data: Buffer, flow: SipFlow, tooLarge: boolean, log: SipLogger): void {
    try {
      this.options.sink(data, flow, tooLarge);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'sink threw on tcp message');
    }
  }
}

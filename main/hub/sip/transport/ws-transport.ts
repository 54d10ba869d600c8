import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Duplex } from 'node:stream';
import { TLSSocket } from 'node:tls';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { SipLogger } from '../sip-logger';
import type { SipAddress, SipFlow } from './sip-flow';
import type { SipTransport, TransportOptions } from './sip-transport';

export interface WsTransportOptions extends TransportOptions {
  /** Attach to this server's `upgrade` event (the hub's Fastify server). */
  readonly server?: HttpServer;
  /** Or listen on our own port; WSS when `tls` holds a certificate. */
  readonly listen?: { readonly host: string; readonly port: number; readonly tls?: { cert: string | Buffer; key: string | Buffer } };
  /** URL path, default '/sip'. */
  readonly path?: string;
  /**
   * Or the host's own WebSocket router (the hub's Fastify) accepts the connection and hands it over
   * with `accept()`; this is the address it listens on.
   */
  readonly hostedAt?: () => { readonly host: string; readonly port: number };
}

/**
 * SIP over WebSocket (RFC 7118). §5: "Each SIP message MUST be carried within a single WebSocket
 * message", so no framing is needed. §4.1: the subprotocol is "sip". Neither WS nor WSS can
 * dial out here: a contact registered over WS is reached only over its own socket.
 */
export class WsTransport implements SipTransport {
  readonly protocol = 'WS' as const;
  private readonly wss: WebSocketServer;
  private readonly flows = new Map<string, SipFlow>();
  private readonly sockets = new Set<WebSocket>();
  private ownServer: HttpServer | undefined;
  private attached: HttpServer | undefined;
  private seq = 0;
  private readonly path: string;
  private readonly onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    this.handleUpgrade(req, socket, head);
  };

  constructor(private readonly options: WsTransportOptions, private readonly log: SipLogger) {
    this.path = options.path ?? '/sip';
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.maxMessageSize,
      handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
    });
  }

  /** For a host server that routes upgrades itself: returns false when the path is not ours. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    const path = (req.url ?? '').split('?')[0];
    if (path !== this.path) return false;
    const offered = String(req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    if (!offered.includes('sip')) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return true;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.adopt(ws, req));
    return true;
  }

  async start(): Promise<SipAddress> {
    if (this.options.server) {
      this.attached = this.options.server;
      this.attached.on('upgrade', this.onUpgrade);
      const a = this.attached.address();
      return a && typeof a === 'object' ? { address: a.address, port: a.port } : { address: '0.0.0.0', port: 0 };
    }
    if (this.options.hostedAt) {
      const at = this.options.hostedAt();
      return { address: at.host, port: at.port };
    }
    const listen = this.options.listen;
    if (!listen) throw new Error('ws transport needs a server, a listen address or hostedAt');
    const server = listen.tls ? createHttpsServer({ cert: listen.tls.cert, key: listen.tls.key }) : createHttpServer();
    server.on('request', (_req, res) => res.writeHead(426).end());
    server.on('upgrade', this.onUpgrade);
    this.ownServer = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(listen.port, listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const a = server.address();
    return a && typeof a === 'object' ? { address: a.address, port: a.port } : { address: listen.host, port: listen.port };
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.sockets.clear();
    this.flows.clear();
    this.attached?.off('upgrade', this.onUpgrade);
    this.attached = undefined;
    const s = this.ownServer;
    this.ownServer = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  getFlow(id: string): SipFlow | undefined {
    return this.flows.get(id);
  }

  async flowTo(remote: SipAddress): Promise<SipFlow> {
    for (const f of this.flows.values()) {
      if (f.remote.address === remote.address && f.remote.port === remote.port) return f;
    }
    throw new Error('no WebSocket flow to that address; WS contacts are reached over their own socket');
  }

  /** Takes over a WebSocket that the host server has already upgraded (subprotocol "sip"). */
  accept(ws: WebSocket, req: IncomingMessage): void {
    this.adopt(ws, req);
  }

  private adopt(ws: WebSocket, req: IncomingMessage): void {
    const secure = req.socket instanceof TLSSocket;
    const id = `${secure ? 'wss' : 'ws'}#${++this.seq}`;
    const remote = { address: req.socket.remoteAddress ?? '0.0.0.0', port: req.socket.remotePort ?? 0 };
    const local = { address: req.socket.localAddress ?? '0.0.0.0', port: req.socket.localPort ?? 0 };
    const log = this.log.child({ flow: id, remote: `${remote.address}:${remote.port}` });
    const flow: SipFlow = {
      id,
      protocol: secure ? 'WSS' : 'WS',
      reliable: true,
      local,
      remote,
      isOpen: () => ws.readyState === ws.OPEN,
      send: (data) =>
        new Promise<void>((resolve, reject) => {
          if (ws.readyState !== ws.OPEN) return reject(new Error('websocket closed'));
          // Text frames for UTF-8 SIP (what browsers' sip.js expects).
          ws.send(data.toString('utf8'), (err) => (err ? reject(err) : resolve()));
        }),
    };
    this.flows.set(id, flow);
    this.sockets.add(ws);
    log.debug({}, 'websocket open');
    ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[]) => {
      const data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      // sip.js keepalive: "\r\n\r\n" answered by "\r\n".
      if (/^(\r\n)+$/.test(data.toString('latin1'))) {
        if (data.length >= 4) ws.send('\r\n');
        return;
      }
      try {
        this.options.sink(data, flow, false);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'sink threw on ws message');
      }
    });
    ws.on('error', (err) => log.debug({ err: err.message }, 'websocket error'));
    ws.on('close', () => {
      this.flows.delete(id);
      this.sockets.delete(ws);
      log.debug({}, 'websocket closed');
    });
  }
}

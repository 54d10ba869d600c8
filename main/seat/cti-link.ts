/**
 * The seat's CTI WebSocket to the hub: authenticates with the first frame, pings to notice a dead
 * hub within seconds, and reconnects with capped backoff. Its state drives the online/offline
 * indicator.
 *
 *   idle ─start─▶ connecting ─ready─▶ online ─close/ping timeout─▶ offline ─backoff─▶ connecting
 *                                        └────────── stop (any state) ──────────▶ stopped
 */
import WebSocket from 'ws';
import type { CtiEvent, CtiServerFrame } from '../../protocol/cti';
import type { Logger } from '../common/logger';

export type CtiLinkState = 'connecting' | 'online' | 'offline' | 'stopped';

export interface CtiLinkOptions {
  hubUrl: string;
  token: string;
  logger: Logger;
  onEvent: (event: CtiEvent) => void;
  onState: (state: CtiLinkState) => void;
  /** The hub refused the token (expired or logged out elsewhere). */
  onAuthFailed: () => void;
  pingIntervalMs?: number;
  maxBackoffMs?: number;
}

export class CtiLink {
  private socket: WebSocket | undefined;
  private state: CtiLinkState = 'connecting';
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private lastPong = 0;
  private readonly onlineWaiters = new Set<() => void>();

  constructor(private readonly options: CtiLinkOptions) {}

  get currentState(): CtiLinkState {
    return this.state;
  }

  start(): void {
    this.connect();
  }

  /** Resolves true once the link is authenticated and subscribed, false after `timeoutMs`. */
  whenOnline(timeoutMs: number): Promise<boolean> {
    if (this.state === 'online') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (ok: boolean) => {
        clearTimeout(timer);
        this.onlineWaiters.delete(waiter);
        resolve(ok);
      };
      const waiter = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.onlineWaiters.add(waiter);
    });
  }

  stop(): void {
    this.setState('stopped');
    clearTimeout(this.retryTimer);
    clearInterval(this.pingTimer);
    this.socket?.terminate();
  }

  private setState(next: CtiLinkState): void {
    if (this.state === next || this.state === 'stopped') return;
    this.state = next;
    this.options.onState(next);
    if (next === 'online') for (const waiter of [...this.onlineWaiters]) waiter();
  }

  private connect(): void {
    if (this.state === 'stopped') return;
    const url = new URL('/cti', this.options.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(url, { handshakeTimeout: 5_000, maxPayload: 1 << 20 });
    this.socket = socket;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'auth', token: this.options.token })));
    socket.on('message', (data) => this.onFrame(data.toString()));
    socket.on('close', () => this.onClosed(socket));
    socket.on('error', (err) => this.options.logger.debug({ err: err.message }, 'cti socket error'));
  }

  private onFrame(text: string): void {
    let frame: CtiServerFrame;
    try {
      frame = JSON.parse(text) as CtiServerFrame;
    } catch {
      return;
    }
    if (frame.type === 'ready') {
      this.attempt = 0;
      this.lastPong = Date.now();
      this.setState('online');
      this.startPing();
    } else if (frame.type === 'pong') {
      this.lastPong = Date.now();
    } else if (frame.type === 'event') {
      this.options.onEvent(frame.event);
    } else if (frame.type === 'error' && frame.error.code === 'BL_ERR_AUTH_REQUIRED') {
      this.options.onAuthFailed();
      this.stop();
    }
  }

  private startPing(): void {
    clearInterval(this.pingTimer);
    const interval = this.options.pingIntervalMs ?? 2_000;
    this.pingTimer = setInterval(() => {
      const socket = this.socket;
      if (!socket || socket.readyState !== WebSocket.OPEN) return;
      // Two missed pongs: the hub (or the network) is gone even if TCP has not noticed yet.
      if (Date.now() - this.lastPong > interval * 2.5) {
        socket.terminate();
        return;
      }
      socket.send(JSON.stringify({ type: 'ping', at: Date.now() }));
    }, interval);
  }

  private onClosed(socket: WebSocket): void {
    if (socket !== this.socket) return;
    clearInterval(this.pingTimer);
    if (this.state === 'stopped') return;
    this.setState('offline');
    const backoff = Math.min(250 * 2 ** this.attempt, this.options.maxBackoffMs ?? 5_000);
    this.attempt++;
    this.retryTimer = setTimeout(() => this.connect(), backoff);
  }
}

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { ContactPinger } from './contact-pinger';
import { applyRouteSet, resolveHop } from './next-hop';
import { serializeRequest } from './message/outgoing-request';
import type { OutgoingRequest } from './message/outgoing-request';
import { buildResponse } from './message/response-builder';
import type { HeaderPair } from './message/response-builder';
import { newBranch } from './message/sip-ids';
import { parseSipMessage } from './message/sip-message-parser';
import type { ParsedRequest, ResponseBasis } from './message/sip-message-parser';
import { MAGIC_COOKIE, stampReceived } from './message/via-header';
import type { ViaHeader } from './message/via-header';
import { AuthFailureLimiter } from './registrar/auth-failure-limiter';
import { bindingTarget } from './registrar/contact-binding';
import type { ContactBinding } from './registrar/contact-binding';
import { DigestAuthenticator } from './registrar/digest-authenticator';
import { InMemoryLocationService } from './registrar/in-memory-location-service';
import type { LocationService } from './registrar/location-service';
import { Registrar } from './registrar/registrar';
import { RequestAuthenticator } from './registrar/request-authenticator';
import { SipClientRequest } from './sip-client-request';
import { noopSipLogger } from './sip-logger';
import type { SipLogger } from './sip-logger';
import { SipServerRequest } from './sip-server-request';
import type { SipStackOptions } from './sip-stack-options';
import { InviteClientTransaction } from './transaction/invite-client-transaction';
import { InviteServerTransaction } from './transaction/invite-server-transaction';
import { NonInviteClientTransaction } from './transaction/non-invite-client-transaction';
import { NonInviteServerTransaction } from './transaction/non-invite-server-transaction';
import type { TransactionSend } from './transaction/transaction';
import { DEFAULT_TIMERS } from './transaction/transaction-timers';
import type { TransactionTimers } from './transaction/transaction-timers';
import type { SipAddress, SipFlow, SipTarget, SipTransportProtocol } from './transport/sip-flow';
import type { SipTransport } from './transport/sip-transport';
import { TcpTransport } from './transport/tcp-transport';
import { UdpTransport } from './transport/udp-transport';
import { WsTransport } from './transport/ws-transport';
import { TrunkDirectory } from './trunk-directory';

export type SipRequestHandler = (request: SipServerRequest) => void | Promise<void>;

const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REFER, NOTIFY, UPDATE, REGISTER';
type ServerTx = InviteServerTransaction | NonInviteServerTransaction;
type ClientTx = InviteClientTransaction | NonInviteClientTransaction;

/**
 * The hub's SIP layer: transports, transactions, registrar. Requests the registrar does not take
 * (INVITE, BYE, INFO, REFER, …) go to `onRequest`; the TU sends its own with `sendRequest()`.
 * Knows nothing of media, queues or CTI.
 */
export class SipStack {
  /** Requests for the TU. Without a handler they get 501. */
  onRequest: SipRequestHandler | undefined;
  readonly location: LocationService;
  readonly trunks: TrunkDirectory;
  private readonly log: SipLogger;
  private readonly timers: TransactionTimers;
  private readonly maxSize: number;
  private readonly transports = new Map<SipTransportProtocol, SipTransport>();
  private readonly ws: WsTransport | undefined;
  private readonly bound = new Map<SipTransportProtocol, SipAddress>();
  private readonly servers = new Map<string, ServerTx>();
  private readonly serverRequests = new Map<string, SipServerRequest>();
  private readonly clients = new Map<string, ClientTx>();
  private readonly limiter: AuthFailureLimiter;
  private readonly authenticator: RequestAuthenticator;
  private readonly registrar: Registrar;
  private readonly pinger: ContactPinger | undefined;

  constructor(private readonly options: SipStackOptions) {
    this.log = (options.logger ?? noopSipLogger).child({ mod: 'hub.sip' });
    this.timers = { ...DEFAULT_TIMERS, ...options.timers };
    this.maxSize = options.maxMessageSize ?? 65535;
    this.location = options.locationService ?? new InMemoryLocationService();
    this.trunks = new TrunkDirectory(options.trunks);
    const sink = (data: Buffer, flow: SipFlow, tooLarge: boolean): void => this.receive(data, flow, tooLarge);
    const tlog = this.log.child({ mod: 'hub.sip.transport' });
    if (options.udp) this.transports.set('UDP', new UdpTransport({ ...options.udp, maxMessageSize: this.maxSize, sink }, tlog));
    if (options.tcp) this.transports.set('TCP', new TcpTransport({ ...options.tcp, maxMessageSize: this.maxSize, sink }, tlog));
    if (options.ws) {
      this.ws = new WsTransport({ ...options.ws, maxMessageSize: this.maxSize, sink }, tlog);
      this.transports.set('WS', this.ws);
    }
    this.limiter = new AuthFailureLimiter({ ...options.authLimiter, exempt: (ip) => this.trunks.isTrustedAddress(ip) });
    const digest = new DigestAuthenticator({ realm: options.realm, ...options.digest });
    this.authenticator = new RequestAuthenticator(digest, options.credentialStore, this.limiter, this.log.child({ mod: 'hub.sip.auth' }));
    this.registrar = new Registrar(this.authenticator, this.location, this.log.child({ mod: 'hub.sip.registrar' }), options.registrar);
    if (options.keepalive && options.keepalive.intervalMs > 0) {
      this.pinger = new ContactPinger(this, this.location, options.keepalive, this.log.child({ mod: 'hub.sip.keepalive' }));
    }
  }

  /** Binds every configured transport; port 0 picks a free port. Returns the actual addresses. */
  async start(): Promise<Partial<Record<SipTransportProtocol, SipAddress>>> {
    for (const [p, t] of this.transports) this.bound.set(p, await t.start());
    this.pinger?.start();
    this.log.info({ bound: Object.fromEntries(this.bound) }, 'sip stack started');
    return Object.fromEntries(this.bound);
  }

  async stop(): Promise<void> {
    this.pinger?.stop();
    for (const tx of [...this.servers.values(), ...this.clients.values()]) tx.dispose();
    for (const t of this.transports.values()) await t.stop();
    this.log.info({}, 'sip stack stopped');
  }

  /** For an HTTP server that routes upgrades itself; false when the path is not the SIP one. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
    return this.ws?.handleUpgrade(req, socket, head) ?? false;
  }

  /** For a host WebSocket router (Fastify) that upgraded `/sip` itself: the stack takes the socket over. */
  acceptWebSocket(ws: WebSocket, req: IncomingMessage): void {
    if (!this.ws) throw new Error('SIP over WebSocket is not enabled');
    this.ws.accept(ws, req);
  }

  /** Registered contacts of an extension, best first, each with the target to send to. */
  async lookupContacts(aor: string): Promise<Array<ContactBinding & { target: SipTarget }>> {
    return (await this.location.lookup(aor)).map((b) => ({ ...b, target: bindingTarget(b) }));
  }

  /** A Contact URI for this hub on a transport (for the TU's Contact headers). */
  contactUri(protocol: SipTransportProtocol, user = 'hub', flow?: SipFlow): string {
    const a = flow?.local ?? this.bound.get(protocol === 'WSS' ? 'WS' : protocol) ?? { address: '127.0.0.1', port: 5060 };
    const host = this.hostFor(a.address);
    return `sip:${user}@${host}:${a.port}${protocol === 'UDP' ? '' : `;transport=${protocol.toLowerCase()}`}`;
  }

  /**
   * Start a client transaction. Without `target`, the next hop comes from the route set or the
   * Request-URI (RFC 3261 §8.1.2). A target with `flowId` reuses that flow (WS contacts).
   */
  sendRequest(req: OutgoingRequest, target?: SipTarget): SipClientRequest {
    const branch = newBranch();
    const routed = applyRouteSet(req.uri, req.routes ?? []);
    const pending = new SipClientRequest(req.method, branch);
    void this.openFlow(target, routed.hop)
      .then((flow) => {
        pending.flow = flow;
        const via = this.viaFor(flow, branch);
        const data = serializeRequest(req, via, routed.uri, routed.routes);
        const key = `${branch}|${req.method}`;
        const user = {
          onResponse: (r: Parameters<SipClientRequest['deliver']>[0]) => pending.deliver(r),
          onTimeout: () => pending.settle({ kind: 'timeout', status: 408 }),
          onTransportFailure: (error: Error) => pending.settle({ kind: 'transport-error', status: 503, error }),
        };
        const send: TransactionSend = (d) => flow.send(d);
        const log = this.log.child({ mod: 'hub.sip.transaction', tx: key, callId: req.callId });
        const tx: ClientTx =
          req.method === 'INVITE'
            ? new InviteClientTransaction(key, flow.reliable, this.timers, send, log, data, user, (to) =>
                serializeRequest({ ...req, method: 'ACK', to, headers: [], body: undefined }, via, routed.uri, routed.routes),
              )
            : new NonInviteClientTransaction(key, flow.reliable, this.timers, send, log, data, user);
        this.clients.set(key, tx);
        tx.onTerminated(() => this.clients.delete(key));
        pending.sendCancel = (cancelHeaders) => {
          // RFC 3261 §9.1: "The Request-URI, Call-ID, To, the numeric part of CSeq, and From header
          // fields in the CANCEL request MUST be identical to those in the request being cancelled,
          // including tags. ... A CANCEL constructed by a client MUST have only a single Via header
          // field value matching the top Via value in the request being cancelled."
          const cancel = serializeRequest({ ...req, method: 'CANCEL', headers: cancelHeaders, body: undefined }, via, routed.uri, routed.routes);
          const ckey = `${branch}|CANCEL`;
          const ctx = new NonInviteClientTransaction(ckey, flow.reliable, this.timers, send, log, cancel, {
            onResponse: () => undefined,
            onTimeout: () => undefined,
            onTransportFailure: () => undefined,
          });
          this.clients.set(ckey, ctx);
          ctx.onTerminated(() => this.clients.delete(ckey));
        };
      })
      .catch((error: unknown) => pending.settle({ kind: 'transport-error', status: 503, error: error as Error }));
    return pending;
  }

  /** Send a request outside any transaction (the ACK for a 2xx, RFC 3261 §13.2.2.4). */
  async sendStateless(req: OutgoingRequest, target?: SipTarget): Promise<void> {
    const routed = applyRouteSet(req.uri, req.routes ?? []);
    const flow = await this.openFlow(target, routed.hop);
    await flow.send(serializeRequest(req, this.viaFor(flow, newBranch()), routed.uri, routed.routes));
  }

  private async openFlow(target: SipTarget | undefined, hop: Parameters<typeof resolveHop>[0]): Promise<SipFlow> {
    const t = target ?? (await resolveHop(hop));
    const transport = this.transports.get(t.protocol === 'WSS' ? 'WS' : t.protocol);
    if (!transport) throw new Error(`no ${t.protocol} transport configured`);
    const existing = t.flowId ? transport.getFlow(t.flowId) : undefined;
    if (existing?.isOpen()) return existing;
    return transport.flowTo({ address: t.address, port: t.port });
  }

  private hostFor(address: string): string {
    const h = this.options.advertisedHost ?? (address === '0.0.0.0' || address === '::' ? '127.0.0.1' : address);
    return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
  }

  private viaFor(flow: SipFlow, branch: string): string {
    const local = this.bound.get(flow.protocol === 'WSS' ? 'WS' : flow.protocol) ?? flow.local;
    const port = flow.protocol === 'UDP' || flow.protocol === 'TCP' ? local.port : flow.local.port;
    // RFC 3581 §3: "A client ... MAY include an "rport" parameter in the top Via header field value of requests it generates."
    return `SIP/2.0/${flow.protocol} ${this.hostFor(local.address)}:${port};branch=${branch};rport`;
  }

  // ---- receive path -------------------------------------------------------------------------

  private receive(data: Buffer, flow: SipFlow, tooLarge: boolean): void {
    try {
      this.receiveUnsafe(data, flow, tooLarge);
    } catch (err) {
      this.log.error({ err: (err as Error).message, flow: flow.id }, 'error handling inbound message');
    }
  }

  private receiveUnsafe(data: Buffer, flow: SipFlow, tooLarge: boolean): void {
    const source = flow.remote;
    if (this.limiter.isBanned(source.address)) {
      this.log.debug({ ip: source.address }, 'dropped: source banned');
      return;
    }
    const datagram = flow.protocol !== 'TCP';
    const parsed = parseSipMessage(tooLarge ? headOnly(data) : data, { datagram }, this.log);
    if (parsed.kind === 'invalid') {
      this.log.debug({ reason: parsed.reason, flow: flow.id, bytes: data.length }, 'malformed message');
      if (parsed.basis && parsed.method !== 'ACK') this.sendStatelessResponse(parsed.basis, flow, tooLarge ? 513 : 400, parsed.reason);
      return;
    }
    if (tooLarge) {
      if (parsed.kind === 'request' && parsed.msg.method !== 'ACK') this.sendStatelessResponse(parsed.basis, flow, 513);
      return;
    }
    if (parsed.kind === 'response') {
      // RFC 3261 §17.1.3: match on the top Via branch and the CSeq method.
      const key = `${parsed.vias[0]?.branch ?? ''}|${parsed.msg.method}`;
      const tx = this.clients.get(key);
      if (!tx) this.log.debug({ key }, 'stray response dropped');
      else tx.receiveResponse(parsed);
      return;
    }
    const top = parsed.vias[0];
    if (!top) return;
    // RFC 3261 §18.2.1 and RFC 3581 §4: stamp received/rport into the top Via of what we answer.
    const stamped = stampReceived(top, source.address, source.port);
    const basis: ResponseBasis = { ...parsed.basis, vias: [stamped.raw, ...parsed.basis.vias.slice(1)] };
    this.receiveRequest({ ...parsed, basis }, stamped, flow);
  }

  private receiveRequest(req: ParsedRequest, top: ViaHeader, flow: SipFlow): void {
    const method = req.msg.method;
    const branch = top.branch?.startsWith(MAGIC_COOKIE)
      ? top.branch
      : `legacy:${req.msg.callId}:${req.msg.cseq}:${req.msg.fromTag}`;
    // RFC 3261 §17.2.3: branch, sent-by and method (ACK matches the INVITE) identify the transaction.
    const keyOf = (m: string): string => `${branch}|${top.host}:${top.port ?? ''}|${m}`;
    const key = keyOf(method === 'ACK' ? 'INVITE' : method);
    const send = this.responseSender(flow, top);

    if (method === 'ACK') {
      const ist = this.servers.get(key);
      if (ist instanceof InviteServerTransaction && ist.state === 'Completed') return ist.receiveRequest('ACK');
      if (ist instanceof InviteServerTransaction && ist.state === 'Confirmed') return;
      return this.deliver(req, flow, undefined); // ACK for a 2xx: the TU's (RFC 3261 §17.1.1.3 / §13.3.1.4).
    }
    const existing = this.servers.get(key);
    if (existing) {
      if (existing instanceof InviteServerTransaction) existing.receiveRequest(method);
      else existing.receiveRequest();
      return;
    }
    const log = this.log.child({ mod: 'hub.sip.transaction', tx: key, callId: req.msg.callId });
    const tx: ServerTx =
      method === 'INVITE'
        ? new InviteServerTransaction(key, flow.reliable, this.timers, send, log)
        : new NonInviteServerTransaction(key, flow.reliable, this.timers, send, log);
    this.servers.set(key, tx);
    tx.onTerminated(() => {
      this.servers.delete(key);
      this.serverRequests.delete(key);
    });

    if (method === 'CANCEL') {
      // RFC 3261 §9.2: "If the UAS did not find a matching transaction for the CANCEL according to
      // the procedure above, it SHOULD respond to the CANCEL with a 481 ... If the original request
      // was an INVITE, the UAS SHOULD immediately respond to the INVITE with a 487 (Request Terminated)."
      const invite = this.serverRequests.get(keyOf('INVITE'));
      const handle = this.makeHandle(req, flow, tx);
      if (!invite) handle.respond(481);
      else {
        handle.respond(200);
        invite.cancel();
      }
      return;
    }
    const handle = this.makeHandle(req, flow, tx);
    if (tx instanceof InviteServerTransaction) {
      // §17.2.1: "the server transaction MUST generate a 100 (Trying) response unless it knows that
      // the TU will generate a provisional or final response within 200 ms".
      handle.respond(100);
      this.serverRequests.set(key, handle);
    }
    if (method === 'REGISTER') {
      void this.registrar
        .handleRegister(req, flow, flow.remote)
        .then((r) => handle.respond(r.status, { reason: r.reason, headers: r.headers }))
        .catch((err: unknown) => this.failRequest(handle, err));
      return;
    }
    if (method === 'OPTIONS') {
      handle.respond(200, { headers: this.capabilityHeaders() });
      return;
    }
    this.deliver(req, flow, tx, handle);
  }

  private makeHandle(req: ParsedRequest, flow: SipFlow, tx: ServerTx | undefined): SipServerRequest {
    // RFC 3261 §16.4 (route information preprocessing): "If the first value in the Route header
    // field indicates this proxy, the proxy MUST remove that value from the request."
    const routes = req.msg.getHeaders('route');
    while (routes.length > 0 && this.isOurUri(routes[0] ?? '')) routes.shift();
    return new SipServerRequest({
      parsed: req,
      flow,
      source: flow.remote,
      trunk: this.trunks.bySource(flow.remote.address),
      routeSet: routes,
      transaction: tx,
      authenticate: (r, ip, mode) => this.authenticator.authenticate(r, ip, mode),
      log: this.log.child({ mod: 'hub.sip.request', callId: req.msg.callId }),
    });
  }

  private deliver(req: ParsedRequest, flow: SipFlow, tx: ServerTx | undefined, handle = this.makeHandle(req, flow, tx)): void {
    const handler = this.onRequest;
    if (!handler) {
      if (tx) handle.respond(501);
      return;
    }
    try {
      const r = handler(handle);
      if (r instanceof Promise) r.catch((err: unknown) => this.failRequest(handle, err));
    } catch (err) {
      this.failRequest(handle, err);
    }
  }

  private failRequest(handle: SipServerRequest, err: unknown): void {
    this.log.error({ err: (err as Error).message, method: handle.method }, 'request handler failed');
    if (!handle.hasFinalResponse && handle.method !== 'ACK') handle.respond(500);
  }

  private capabilityHeaders(): HeaderPair[] {
    return [
      ['Allow', ALLOW],
      ['Accept', 'application/sdp'],
      ['Supported', 'path, outbound'],
      ...(this.options.userAgent ? [['Server', this.options.userAgent] as const] : []),
    ];
  }

  private isOurUri(route: string): boolean {
    const m = /<?sips?:(?:[^@>]*@)?(\[[^\]]+\]|[^:;>]+)(?::(\d+))?/i.exec(route);
    if (!m || m[1] === undefined) return false;
    const host = m[1].replace(/^\[|\]$/g, '');
    const port = m[2] === undefined ? 5060 : Number(m[2]);
    const hosts = new Set([this.options.advertisedHost, ...[...this.bound.values()].map((a) => a.address)]);
    return hosts.has(host) && [...this.bound.values()].some((a) => a.port === port);
  }

  /**
   * RFC 3261 §18.2.2: reliable → "the response MUST be sent using the existing connection to the
   * source of the original request, if the connection is still open"; unreliable → to the
   * `received` address at the sent-by port, or with RFC 3581 §4 "the response MUST be sent to the
   * IP address listed in the "received" parameter, and the port in the "rport" parameter".
   */
  private responseSender(flow: SipFlow, top: ViaHeader): TransactionSend {
    if (flow.reliable) {
      return async (data) => {
        if (flow.isOpen()) return flow.send(data);
        if (flow.protocol !== 'TCP') throw new Error('connection closed; cannot reach a WS peer');
        const tcp = this.transports.get('TCP');
        if (!tcp) throw new Error('no tcp transport');
        return (await tcp.flowTo({ address: flow.remote.address, port: top.port ?? 5060 })).send(data);
      };
    }
    const port = top.rport !== undefined ? flow.remote.port : (top.port ?? 5060);
    const udp = this.transports.get('UDP');
    return async (data) => {
      if (!udp) throw new Error('no udp transport');
      return (await udp.flowTo({ address: flow.remote.address, port })).send(data);
    };
  }

  private sendStatelessResponse(basis: ResponseBasis, flow: SipFlow, status: number, reason?: string): void {
    const headers: HeaderPair[] = reason ? [['Warning', `399 branchline "${reason.replace(/"/g, "'").slice(0, 80)}"`]] : [];
    flow.send(buildResponse(basis, status, { headers, toTag: 'x' + newBranch().slice(7, 15) })).catch((err: unknown) =>
      this.log.debug({ err: (err as Error).message }, 'stateless response failed'),
    );
  }
}

/** The header section of an oversized message, for a 513 answer. */
function headOnly(data: Buffer): Buffer {
  const end = data.indexOf('\r\n\r\n');
  return end < 0 ? data.subarray(0, 0) : data.subarray(0, end + 4);
}

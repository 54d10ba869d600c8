/**
 * The dialog state of one leg (RFC 3261 §12): identifiers, route set, remote target, CSeq
 * counters, and how to send in-dialog requests. The B2BUA is a UAS towards the caller and a UAC
 * towards each callee; both sides end up here.
 */
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import type { HeaderPair, SipClientRequest, SipServerRequest, SipStack, SipTarget } from '../sip';
import type { ParsedResponse } from '../sip';

/** The URI inside a name-addr or addr-spec header value (`"A" <sip:a@h>;tag=x` → `sip:a@h`). */
export function uriOf(value: string): string {
  const lt = value.indexOf('<');
  if (lt >= 0) return value.slice(lt + 1, value.indexOf('>', lt));
  return value.split(';')[0]?.trim() ?? value;
}

/** User part of a URI or name-addr, e.g. `1001`. */
export function userOf(value: string): string {
  return Grammar.URIParse(uriOf(value))?.user ?? '';
}

export class SipDialog {
  /** Next CSeq we use for requests we send (RFC 3261 §12.2.1.1: "incremented by one"). */
  private localCseq: number;
  /** Highest CSeq seen from the peer; lower ones are out of order (§12.2.2). */
  remoteCseq: number;

  private constructor(
    private readonly sip: SipStack,
    readonly callId: string,
    /** Our From/To header value, with our tag. */
    readonly localHeader: string,
    /** The peer's header value, with its tag once known. */
    public remoteHeader: string,
    public remoteTarget: string,
    public routeSet: readonly string[],
    /** The flow to reuse when no route set names a proxy (WS/TCP contacts, NATed UDP). */
    public target: SipTarget | undefined,
    readonly contact: string,
    localCseq: number,
    remoteCseq: number,
  ) {
    this.localCseq = localCseq;
    this.remoteCseq = remoteCseq;
  }

  /**
   * UAS side, from the INVITE. RFC 3261 §12.1.1: "The route set MUST be set to the list of URIs in
   * the Record-Route header field from the request, taken in order and preserving all URI
   * parameters. ... The remote target MUST be set to the URI from the Contact header field of the
   * request."
   */
  static asUas(sip: SipStack, req: SipServerRequest, contact: string): SipDialog {
    const m = req.message;
    const toValue = m.getHeader('to') ?? '';
    const local = /;\s*tag=/i.test(toValue) ? toValue : `${toValue};tag=${req.toTag}`;
    const routes = m.getHeaders('record-route').flatMap(splitList);
    const target: SipTarget = { protocol: req.flow.protocol, address: req.flow.remote.address, port: req.flow.remote.port, flowId: req.flow.id };
    return new SipDialog(sip, m.callId, local, m.getHeader('from') ?? '', uriOf(m.getHeader('contact') ?? m.getHeader('from') ?? ''), routes, target, contact, 1 + Math.floor(Math.random() * 1000), m.cseq);
  }

  /** UAC side, before any response: our INVITE's headers. */
  static asUac(sip: SipStack, o: { callId: string; from: string; to: string; requestUri: string; target: SipTarget | undefined; contact: string; cseq: number }): SipDialog {
    return new SipDialog(sip, o.callId, o.from, o.to, o.requestUri, [], o.target, o.contact, o.cseq, 0);
  }

  /**
   * UAC side, on the 2xx. RFC 3261 §12.1.2: "The route set MUST be set to the list of URIs in the
   * Record-Route header field from the response, taken in reverse order ... The remote target
   * MUST be set to the URI from the Contact header field of the response."
   */
  confirm(res: ParsedResponse): void {
    this.remoteHeader = res.msg.getHeader('to') ?? this.remoteHeader;
    const contact = res.msg.getHeader('contact');
    if (contact) this.remoteTarget = uriOf(contact);
    this.routeSet = res.msg.getHeaders('record-route').flatMap(splitList).reverse();
  }

  get localTag(): string {
    return tagOf(this.localHeader);
  }

  get remoteTag(): string {
    return tagOf(this.remoteHeader);
  }

  /** Send an in-dialog request (BYE, INFO, NOTIFY, re-INVITE). */
  request(method: string, headers: HeaderPair[] = [], body?: string, contentType?: string): SipClientRequest {
    this.localCseq++;
    return this.sip.sendRequest(
      {
        method,
        uri: this.remoteTarget,
        from: this.localHeader,
        to: this.remoteHeader,
        callId: this.callId,
        cseq: this.localCseq,
        routes: this.routeSet,
        headers: [['Contact', this.contact], ...headers],
        body,
        contentType,
      },
      this.routeSet.length === 0 ? this.target : undefined,
    );
  }

  /** RFC 3261 §13.2.2.4: the ACK for a 2xx is the UAC core's, with the INVITE's CSeq number. */
  async ack(inviteCseq: number): Promise<void> {
    await this.sip.sendStateless(
      { method: 'ACK', uri: this.remoteTarget, from: this.localHeader, to: this.remoteHeader, callId: this.callId, cseq: inviteCseq, routes: this.routeSet },
      this.routeSet.length === 0 ? this.target : undefined,
    );
  }
}

function tagOf(header: string): string {
  return /;\s*tag=([^;>\s]+)/i.exec(header)?.[1] ?? '';
}

function splitList(value: string): string[] {
  return value.split(/,(?=\s*<)/).map((v) => v.trim()).filter((v) => v !== '');
}

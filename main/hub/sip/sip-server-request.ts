import type { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import { buildResponse, REASON_PHRASES } from './message/response-builder';
import type { HeaderPair, ResponseOptions } from './message/response-builder';
import { newTag } from './message/sip-ids';
import type { ParsedRequest } from './message/sip-message-parser';
import type { AuthOutcome, ChallengeMode } from './registrar/request-authenticator';
import type { SipLogger } from './sip-logger';
import type { InviteServerTransaction } from './transaction/invite-server-transaction';
import type { NonInviteServerTransaction } from './transaction/non-invite-server-transaction';
import type { SipAddress, SipFlow } from './transport/sip-flow';
import type { TrunkConfig } from './trunk-directory';

const DIALOG_CREATING = new Set(['INVITE', 'SUBSCRIBE', 'REFER', 'NOTIFY']);

export interface SipServerRequestInit {
  readonly parsed: ParsedRequest;
  readonly flow: SipFlow;
  readonly source: SipAddress;
  readonly trunk: TrunkConfig | undefined;
  /** Route values left after removing the ones that named this hub (RFC 3261 §16.4). */
  readonly routeSet: readonly string[];
  /** Absent for an ACK to a 2xx: it has no transaction and takes no response. */
  readonly transaction: InviteServerTransaction | NonInviteServerTransaction | undefined;
  readonly authenticate: (req: ParsedRequest, ip: string, mode: ChallengeMode) => Promise<AuthOutcome>;
  readonly log: SipLogger;
}

/**
 * A request handed to the TU (`SipStack.onRequest`): the sip.js message plus a `respond()` bound
 * to its server transaction. For INVITE the stack already sent 100 Trying.
 */
export class SipServerRequest {
  readonly method: string;
  readonly message: IncomingRequestMessage;
  readonly body: Buffer;
  readonly flow: SipFlow;
  readonly source: SipAddress;
  readonly trunk: TrunkConfig | undefined;
  readonly routeSet: readonly string[];
  /** Our To tag for this request (used for every response but 100); already the peer's when the request had one. */
  readonly toTag: string;
  private finalSent = false;
  private cancelled = false;
  private readonly cancelListeners: Array<() => void> = [];

  constructor(private readonly init: SipServerRequestInit) {
    this.method = init.parsed.msg.method;
    this.message = init.parsed.msg;
    this.body = init.parsed.body;
    this.flow = init.flow;
    this.source = init.source;
    this.trunk = init.trunk;
    this.routeSet = init.routeSet;
    this.toTag = init.parsed.msg.toTag || newTag();
  }

  get isCancelled(): boolean {
    return this.cancelled;
  }

  get hasFinalResponse(): boolean {
    return this.finalSent;
  }

  /**
   * Send a response through the server transaction. Returns false when it was discarded (after a
   * final response, or for an ACK). Record-Route is copied into 1xx/2xx of dialog-creating
   * requests (RFC 3261 §12.1.1: "the UAS MUST copy all Record-Route header field values from the request into the response").
   */
  respond(status: number, options: ResponseOptions = {}): boolean {
    const tx = this.init.transaction;
    if (!tx) {
      this.init.log.warn({ method: this.method }, 'respond() on a request without transaction (ACK)');
      return false;
    }
    if (!Number.isInteger(status) || status < 100 || status > 699) throw new Error(`bad status ${status}`);
    if (this.method !== 'INVITE' && status > 100 && status < 200) {
      // RFC 4320 §4.1: "An SIP element MUST NOT send any provisional response with a Status-Code other than 100 to a non-INVITE request."
      throw new Error('non-INVITE requests take no provisional response but 100');
    }
    const extra: HeaderPair[] = [];
    if (status > 100 && status < 300 && DIALOG_CREATING.has(this.method)) {
      for (const rr of this.message.getHeaders('record-route')) extra.push(['Record-Route', rr]);
    }
    const data = buildResponse(this.init.parsed.basis, status, {
      ...options,
      reason: options.reason ?? REASON_PHRASES[status],
      toTag: this.toTag,
      headers: [...extra, ...(options.headers ?? [])],
    });
    const sent = tx.respond(status, data);
    if (sent && status >= 200) this.finalSent = true;
    return sent;
  }

  /**
   * Digest-authenticate this request (default 407 + Proxy-Authenticate, as PBXes do for INVITE).
   * On failure the challenge has already been sent; the caller just stops.
   */
  async authenticate(mode: ChallengeMode = 'proxy'): Promise<AuthOutcome> {
    const outcome = await this.init.authenticate(this.init.parsed, this.source.address, mode);
    if (!outcome.ok) this.respond(outcome.reply.status, { reason: outcome.reply.reason, headers: outcome.reply.headers });
    return outcome;
  }

  /** CANCEL matched this INVITE (RFC 3261 §9.2). The stack then answers 487 if no final response was sent. */
  onCancel(listener: () => void): void {
    this.cancelListeners.push(listener);
  }

  /** @internal called by the stack. */
  cancel(): void {
    if (this.cancelled || this.finalSent) return;
    this.cancelled = true;
    for (const l of this.cancelListeners.splice(0)) {
      try {
        l();
      } catch (err) {
        this.init.log.error({ err: (err as Error).message }, 'onCancel listener threw');
      }
    }
    // "the UAS SHOULD immediately respond to the INVITE with a 487 (Request Terminated)."
    if (!this.finalSent) this.respond(487);
  }
}

import type { HeaderPair } from './message/response-builder';
import type { ParsedResponse } from './message/sip-message-parser';
import type { SipFlow } from './transport/sip-flow';

/** How a client transaction ended, for the TU. */
export type ClientOutcome =
  | { readonly kind: 'response'; readonly response: ParsedResponse; readonly status: number }
  /** Timer B/F: the TU treats it as 408 (RFC 3261 §8.1.3.1). */
  | { readonly kind: 'timeout'; readonly status: 408 }
  /** RFC 3261 §8.1.3.1: "treated as if it had received a 503". */
  | { readonly kind: 'transport-error'; readonly status: 503; readonly error: Error };

/**
 * Returned by `SipStack.sendRequest()`. `final` resolves with the first final outcome; every
 * response (provisional, forked or retransmitted 2xx) also goes to `onResponse` listeners.
 */
export class SipClientRequest {
  readonly final: Promise<ClientOutcome>;
  private resolveFinal!: (o: ClientOutcome) => void;
  private settled = false;
  private readonly listeners: Array<(r: ParsedResponse) => void> = [];
  private provisionalSeen = false;
  private cancelWanted = false;
  /** @internal set by the stack: sends the CANCEL. */
  sendCancel: ((headers: readonly HeaderPair[]) => void) | undefined;
  private cancelHeaders: readonly HeaderPair[] = [];

  /** The flow the request went out on, once chosen (next hop resolved, connection open). */
  flow: SipFlow | undefined;

  constructor(
    readonly method: string,
    readonly branch: string,
  ) {
    this.final = new Promise((resolve) => {
      this.resolveFinal = resolve;
    });
  }

  onResponse(listener: (r: ParsedResponse) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Cancel a pending INVITE (RFC 3261 §9.1): "a CANCEL request SHOULD NOT be sent to cancel a
   * request other than INVITE"; "If no provisional response has been received, the CANCEL request
   * MUST NOT be sent; rather, the client MUST wait for the arrival of a provisional response".
   * `headers` go into the CANCEL (e.g. RFC 3326 `Reason: SIP;cause=200;text="Call completed elsewhere"`).
   */
  cancel(headers: readonly HeaderPair[] = []): void {
    if (this.method !== 'INVITE' || this.settled || this.cancelWanted) return;
    this.cancelWanted = true;
    this.cancelHeaders = headers;
    if (this.provisionalSeen) this.sendCancel?.(headers);
  }

  /** @internal */
  deliver(response: ParsedResponse): void {
    const status = response.msg.statusCode ?? 0;
    for (const l of this.listeners) l(response);
    if (status < 200) {
      if (!this.provisionalSeen) {
        this.provisionalSeen = true;
        if (this.cancelWanted) this.sendCancel?.(this.cancelHeaders);
      }
      return;
    }
    this.settle({ kind: 'response', response, status });
  }

  /** @internal */
  settle(outcome: ClientOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.resolveFinal(outcome);
  }
}

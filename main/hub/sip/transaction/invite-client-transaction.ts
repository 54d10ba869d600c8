import type { ParsedResponse } from '../message/sip-message-parser';
import type { SipLogger } from '../sip-logger';
import type { ClientTransactionUser } from './client-transaction-user';
import { Transaction } from './transaction';
import type { TransactionSend } from './transaction';
import { TransactionState as S } from './transaction-state';
import type { TransactionTimers } from './transaction-timers';

/**
 * RFC 3261 §17.1.1, Figure 5, with RFC 6026 §7.2 "Accepted":
 *
 *                          |INVITE from TU, send INVITE
 *   Timer A fires          V        Timer B fires or transport err: inform TU
 *   reset A, INVITE  +-----------+ ------------------------------------> Terminated
 *        +-----------|  Calling  |
 *        +---------->+-----------+
 *      1xx: to TU      |   |  2xx: to TU                 +----------+ 2xx: to TU
 *                      |   +---------------------------->| Accepted |
 *                      V                                 +----------+
 *      1xx: to TU +-----------+  2xx: to TU  ---------------^  | Timer M (64*T1)
 *        +--------| Proceeding|                                V
 *        +------->+-----------+                            Terminated
 *   300-699 (from Calling or Proceeding): send ACK, to TU
 *                      V
 *   300-699      +-----------+
 *   send ACK  <--| Completed |  Timer D (32 s unreliable, 0 reliable) -> Terminated
 *                +-----------+
 */
export class InviteClientTransaction extends Transaction {
  protected readonly moves = {
    [S.Calling]: [S.Proceeding, S.Accepted, S.Completed, S.Terminated],
    [S.Trying]: [],
    [S.Proceeding]: [S.Accepted, S.Completed, S.Terminated],
    [S.Accepted]: [S.Terminated],
    [S.Completed]: [S.Terminated],
    [S.Confirmed]: [],
    [S.Terminated]: [],
  };
  private ack: Buffer | undefined;

  constructor(
    key: string,
    reliable: boolean,
    timers: TransactionTimers,
    send: TransactionSend,
    log: SipLogger,
    private readonly request: Buffer,
    private readonly user: ClientTransactionUser,
    /** RFC 3261 §17.1.1.3: builds the ACK for a non-2xx final response from its To header. */
    private readonly buildAck: (responseTo: string) => Buffer,
  ) {
    super(key, S.Calling, reliable, timers, send, log);
    this.send(request);
    // "If an unreliable transport is being used, the client transaction MUST start timer A with a value of T1."
    if (!reliable) this.armA(timers.T1);
    // "For any transport, the client transaction MUST start timer B with a value of 64*T1 seconds."
    this.startTimer('B', 64 * timers.T1, () => {
      // "If the client transaction is still in the "Calling" state when timer B fires, the client
      // transaction SHOULD inform the TU that a timeout has occurred."
      if (this.state !== S.Calling) return;
      this.transition(S.Terminated);
      this.user.onTimeout();
    });
  }

  private armA(interval: number): void {
    this.startTimer('A', interval, () => {
      // "When timer A fires, the client transaction MUST retransmit the request by passing it to
      // the transport layer, and MUST reset the timer with a value of 2*T1."
      if (this.state !== S.Calling) return;
      this.send(this.request);
      this.armA(2 * interval);
    });
  }

  receiveResponse(response: ParsedResponse): void {
    const status = response.msg.statusCode ?? 0;
    switch (this.state) {
      case S.Calling:
      case S.Proceeding:
        if (status < 200) {
          // "If the client transaction receives a provisional response while in the "Calling"
          // state, it transitions to the "Proceeding" state. In the "Proceeding" state, the client
          // transaction SHOULD NOT retransmit the request any longer."
          if (this.state === S.Calling) this.transition(S.Proceeding);
          this.stopTimer('A');
          this.user.onResponse(response);
          return;
        }
        this.stopTimer('A');
        this.stopTimer('B');
        if (status < 300) {
          // RFC 6026 §8.4: "If a 2xx response is received while the client INVITE state machine is
          // in the "Calling" or "Proceeding" states, it MUST transition to the "Accepted" state,
          // pass the 2xx response to the TU, and set Timer M to 64*T1."
          this.transition(S.Accepted);
          this.user.onResponse(response);
          this.startTimer('M', 64 * this.timers.T1, () => this.transition(S.Terminated));
          return;
        }
        // "When in either the "Calling" or "Proceeding" states, reception of a response with status
        // code from 300-699 MUST cause the client transaction to transition to "Completed". The
        // client transaction MUST pass the received response up to the TU, and the client
        // transaction MUST generate an ACK request"
        this.transition(S.Completed);
        this.ack = this.buildAck(response.msg.getHeader('to') ?? '');
        this.send(this.ack);
        this.user.onResponse(response);
        // "The client transaction SHOULD start timer D when it enters the "Completed" state, with a
        // value of at least 32 seconds for unreliable transports, and a value of zero seconds for reliable transports."
        this.startTimer('D', this.reliable ? 0 : Math.max(32_000, 64 * this.timers.T1), () => this.transition(S.Terminated));
        return;
      case S.Completed:
        // "Any retransmissions of the final response that are received while in the "Completed"
        // state MUST cause the ACK to be re-passed to the transport layer for retransmission, but
        // the newly generated ACK MUST NOT be passed up to the TU"
        if (status >= 300 && this.ack) this.send(this.ack);
        return;
      case S.Accepted:
        // RFC 6026 §8.4: "Any 2xx responses that match this client transaction and that are
        // received while in the "Accepted" state MUST be passed up to the TU."
        if (status >= 200 && status < 300) this.user.onResponse(response);
        return;
      default:
        return;
    }
  }

  protected onTransportError(err: Error): void {
    if (this.state !== S.Calling && this.state !== S.Proceeding) return;
    this.transition(S.Terminated);
    this.user.onTransportFailure(err);
  }
}

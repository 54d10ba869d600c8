import type { SipLogger } from '../sip-logger';
import { Transaction } from './transaction';
import type { TransactionSend } from './transaction';
import { TransactionState as S } from './transaction-state';
import type { TransactionTimers } from './transaction-timers';

/**
 * RFC 3261 §17.2.2, Figure 8:
 *
 *                     |Request received
 *                     |pass to TU
 *                     V
 *               +-----------+
 *               |  Trying   |-------------+
 *               +-----------+             |
 *                  |1xx from TU           |200-699 from TU
 *                  |send response         |send response
 *                  V                      |
 *   Request    +-----------+              |
 *   send 1xx <-| Proceeding|------------->+
 *              +-----------+ 200-699 from TU, send
 *                                         V
 *   Request    +-----------+
 *   send final<| Completed |   Timer J (64*T1 unreliable, 0 reliable)
 *              +-----------+------------> Terminated
 */
export class NonInviteServerTransaction extends Transaction {
  protected readonly moves = {
    [S.Calling]: [],
    [S.Trying]: [S.Proceeding, S.Completed, S.Terminated],
    [S.Proceeding]: [S.Completed, S.Terminated],
    [S.Accepted]: [],
    [S.Completed]: [S.Terminated],
    [S.Confirmed]: [],
    [S.Terminated]: [],
  };
  private lastResponse: Buffer | undefined;
  onTransportFailure: ((err: Error) => void) | undefined;

  constructor(key: string, reliable: boolean, timers: TransactionTimers, send: TransactionSend, log: SipLogger) {
    super(key, S.Trying, reliable, timers, send, log);
  }

  /** A retransmission of the request arrived. */
  receiveRequest(): void {
    switch (this.state) {
      case S.Trying:
        // "Once in the "Trying" state, any further request retransmissions are discarded."
        return;
      case S.Proceeding:
      case S.Completed:
        // "If a retransmission of the request is received while in the "Proceeding" state, the most
        // recently sent provisional response MUST be passed to the transport layer for retransmission."
        // "While in the "Completed" state, the server transaction MUST pass the final response to the
        // transport layer for retransmission whenever a retransmission of the request is received."
        if (this.lastResponse) this.send(this.lastResponse);
        return;
      default:
        return;
    }
  }

  /** The TU responds. Returns false if the response was discarded. */
  respond(status: number, data: Buffer): boolean {
    if (this.state === S.Completed || this.state === S.Terminated) {
      // "Any other final responses passed by the TU to the server transaction MUST be discarded while in the "Completed" state."
      return false;
    }
    this.lastResponse = data;
    if (status < 200) {
      // "While in the "Trying" state, if the TU passes a provisional response to the server
      // transaction, the server transaction MUST enter the "Proceeding" state."
      if (this.state === S.Trying) this.transition(S.Proceeding);
      this.send(data);
      return true;
    }
    // "If the TU passes a final response (status codes 200-699) to the server while in the
    // "Proceeding" state, the transaction MUST enter the "Completed" state, and the response MUST
    // be passed to the transport layer for transmission."
    this.transition(S.Completed);
    this.send(data);
    // "When the server transaction enters the "Completed" state, it MUST set Timer J to fire in
    // 64*T1 seconds for unreliable transports, and zero seconds for reliable transports."
    this.startTimer('J', this.reliable ? 0 : 64 * this.timers.T1, () => this.transition(S.Terminated));
    return true;
  }

  protected onTransportError(err: Error): void {
    // §17.2.4: "the server transaction SHOULD ... inform the TU that a failure has occurred".
    this.onTransportFailure?.(err);
    if (this.state !== S.Terminated) this.transition(S.Terminated);
  }
}

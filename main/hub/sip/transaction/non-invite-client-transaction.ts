import type { ParsedResponse } from '../message/sip-message-parser';
import type { SipLogger } from '../sip-logger';
import type { ClientTransactionUser } from './client-transaction-user';
import { Transaction } from './transaction';
import type { TransactionSend } from './transaction';
import { TransactionState as S } from './transaction-state';
import type { TransactionTimers } from './transaction-timers';

/**
 * RFC 3261 §17.1.2, Figure 6:
 *
 *                         |Request from TU, send request
 *   Timer E               V
 *   send request  +-----------+
 *       +---------|  Trying   |-------------+ Timer F or transport err: inform TU
 *       +-------->+-----------+             |
 *                   |1xx: to TU   |200-699: to TU
 *   Timer E         V             |
 *   send request +-----------+    |
 *       +--------| Proceeding|----+ Timer F or transport err: inform TU
 *       +------->+-----------+    |
 *             1xx: to TU |200-699 |
 *                        V        V
 *                  +-----------+
 *                  | Completed |  Timer K (T4 unreliable, 0 reliable) -> Terminated
 *                  +-----------+
 */
export class NonInviteClientTransaction extends Transaction {
  protected readonly moves = {
    [S.Calling]: [],
    [S.Trying]: [S.Proceeding, S.Completed, S.Terminated],
    [S.Proceeding]: [S.Completed, S.Terminated],
    [S.Accepted]: [],
    [S.Completed]: [S.Terminated],
    [S.Confirmed]: [],
    [S.Terminated]: [],
  };

  constructor(
    key: string,
    reliable: boolean,
    timers: TransactionTimers,
    send: TransactionSend,
    log: SipLogger,
    private readonly request: Buffer,
    private readonly user: ClientTransactionUser,
  ) {
    super(key, S.Trying, reliable, timers, send, log);
    this.send(request);
    // "If an unreliable transport is in use, the client transaction MUST set timer E to fire in T1 seconds."
    if (!reliable) this.armE(timers.T1);
    // "The "Trying" state is entered when the TU initiates a new client transaction with a
    // request. When entering this state, the client transaction SHOULD set timer F to fire in 64*T1 seconds."
    this.startTimer('F', 64 * timers.T1, () => {
      // "If Timer F fires while the client transaction is still in the "Trying" state, the client
      // transaction SHOULD inform the TU about the timeout, and then it SHOULD enter the "Terminated" state."
      this.transition(S.Terminated);
      this.user.onTimeout();
    });
  }

  private armE(interval: number): void {
    this.startTimer('E', interval, () => {
      if (this.state === S.Trying) {
        // "If timer E fires while still in this state, the timer is reset, but this time with a value of MIN(2*T1, T2)."
        this.send(this.request);
        this.armE(Math.min(2 * interval, this.timers.T2));
      } else if (this.state === S.Proceeding) {
        // "If Timer E fires while in the "Proceeding" state, the request MUST be passed to the
        // transport layer for retransmission, and Timer E MUST be reset with a value of T2 seconds."
        this.send(this.request);
        this.armE(this.timers.T2);
      }
    });
  }

  receiveResponse(response: ParsedResponse): void {
    const status = response.msg.statusCode ?? 0;
    if (this.state === S.Trying || this.state === S.Proceeding) {
      if (status < 200) {
        // "If a provisional response is received while in the "Trying" state, the response MUST be
        // passed to the TU, and then the client transaction SHOULD move to the "Proceeding" state."
        if (this.state === S.Trying) this.transition(S.Proceeding);
        this.user.onResponse(response);
        return;
      }
      // "If a final response (status codes 200-699) is received while in the "Trying" state, the
      // response MUST be passed to the TU, and the client transaction MUST transition to the "Completed" state."
      this.transition(S.Completed);
      this.stopTimer('E');
      this.stopTimer('F');
      this.user.onResponse(response);
      // "Once the client transaction enters the "Completed" state, it MUST set Timer K to fire in
      // T4 seconds for unreliable transports, and zero seconds for reliable transports."
      this.startTimer('K', this.reliable ? 0 : this.timers.T4, () => this.transition(S.Terminated));
    }
    // Completed: "buffer any additional response retransmissions that may be received" (absorbed).
  }

  protected onTransportError(err: Error): void {
    if (this.state === S.Terminated || this.state === S.Completed) return;
    this.transition(S.Terminated);
    this.user.onTransportFailure(err);
  }
}

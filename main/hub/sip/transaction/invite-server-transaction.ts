import type { SipLogger } from '../sip-logger';
import { Transaction } from './transaction';
import type { TransactionSend } from './transaction';
import { TransactionState as S } from './transaction-state';
import type { TransactionTimers } from './transaction-timers';

/**
 * RFC 3261 §17.2.1, Figure 7, with RFC 6026 §7.1 "Accepted":
 *
 *                      |INVITE, pass to TU, send 100 Trying
 *                      V
 *   INVITE     +-----------+  1xx from TU: send
 *   send 1xx <-| Proceeding|-----------------------------+
 *              +-----------+                             |
 *       300-699 from TU |        2xx from TU, send        |
 *       send response   |------------------------> +-----------+  2xx from TU: send
 *                       V                          |  Accepted |  INVITE: absorb
 *   INVITE     +-----------+  Timer G: resend      +-----------+
 *   send resp<-| Completed |  (unreliable)               | Timer L (64*T1)
 *              +-----------+                             V
 *        ACK |        | Timer H (64*T1): tell TU      Terminated
 *            V        +----------------------------> Terminated
 *        +-----------+
 *        | Confirmed |  ACK: absorb; Timer I (T4 unreliable, 0 reliable)
 *        +-----------+-----------------------------> Terminated
 */
export class InviteServerTransaction extends Transaction {
  protected readonly moves = {
    [S.Calling]: [],
    [S.Trying]: [],
    [S.Proceeding]: [S.Accepted, S.Completed, S.Terminated],
    [S.Accepted]: [S.Terminated],
    [S.Completed]: [S.Confirmed, S.Terminated],
    [S.Confirmed]: [S.Terminated],
    [S.Terminated]: [],
  };
  private lastProvisional: Buffer | undefined;
  private lastFinal: Buffer | undefined;
  /** Timer H fired: the ACK never came (§17.2.1 "it implies a failure in the transport"). */
  onAckTimeout: (() => void) | undefined;
  onTransportFailure: ((err: Error) => void) | undefined;

  constructor(key: string, reliable: boolean, timers: TransactionTimers, send: TransactionSend, log: SipLogger) {
    super(key, S.Proceeding, reliable, timers, send, log);
  }

  /** A retransmitted INVITE, or an ACK that matched this transaction (ACK to a non-2xx). */
  receiveRequest(method: string): void {
    if (method === 'INVITE') {
      if (this.state === S.Proceeding) {
        // "If a request retransmission is received while in the "Proceeding" state, the most recent
        // provisional response that was received from the TU MUST be passed to the transport layer for retransmission."
        if (this.lastProvisional) this.send(this.lastProvisional);
      } else if (this.state === S.Completed) {
        // "while in the "Completed" state, if a request retransmission is received, the server
        // SHOULD pass the response to the transport for retransmission."
        if (this.lastFinal) this.send(this.lastFinal);
      }
      // Accepted (RFC 6026 §8.7) and Confirmed: absorbed.
      return;
    }
    if (method === 'ACK' && this.state === S.Completed) {
      // "If an ACK is received while the server transaction is in the "Completed" state, the
      // server transaction MUST transition to the "Confirmed" state. As Timer G is ignored in
      // this state, any retransmissions of the response will cease."
      this.transition(S.Confirmed);
      this.stopTimer('G');
      this.stopTimer('H');
      // "When this state is entered, timer I is set to fire in T4 seconds for unreliable
      // transports, and zero seconds for reliable transports."
      this.startTimer('I', this.reliable ? 0 : this.timers.T4, () => this.transition(S.Terminated));
    }
    // Confirmed: "absorb any additional ACK messages".
  }

  respond(status: number, data: Buffer): boolean {
    if (this.state === S.Accepted && status >= 200 && status < 300) {
      // RFC 6026 §8.7: "While in the "Accepted" state, if the TU passes a 2xx response, the server
      // transaction MUST pass the response to the transport layer for transmission."
      this.send(data);
      return true;
    }
    if (this.state !== S.Proceeding) return false;
    if (status < 200) {
      // "So long as the server transaction is in the "Proceeding" state, each of these MUST be
      // passed to the transport layer for transmission."
      this.lastProvisional = data;
      this.send(data);
      return true;
    }
    this.lastFinal = data;
    if (status < 300) {
      // RFC 6026 §8.5: "If, while in the "Proceeding" state, the TU passes a 2xx response to the
      // server transaction, the server transaction MUST pass this response to the transport layer
      // for transmission. ... The server transaction MUST then transition to the "Accepted" state."
      this.transition(S.Accepted);
      this.send(data);
      this.startTimer('L', 64 * this.timers.T1, () => this.transition(S.Terminated));
      return true;
    }
    // "While in the "Proceeding" state, if the TU passes a response with status code from 300 to
    // 699 to the server transaction, the response MUST be passed to the transport layer for
    // transmission, and the state machine MUST enter the "Completed" state. For unreliable
    // transports, timer G is set to fire in T1 seconds, and is not set to fire for reliable transports."
    this.transition(S.Completed);
    this.send(data);
    if (!this.reliable) this.armG(this.timers.T1);
    // "When the "Completed" state is entered, timer H MUST be set to fire in 64*T1 seconds for all transports."
    this.startTimer('H', 64 * this.timers.T1, () => {
      // "If timer H fires while in the "Completed" state, it implies that the ACK was never
      // received. In this case, the server transaction MUST transition to the "Terminated" state,
      // and MUST indicate to the TU that a transaction failure has occurred."
      this.transition(S.Terminated);
      this.onAckTimeout?.();
    });
    return true;
  }

  private armG(interval: number): void {
    this.startTimer('G', interval, () => {
      // "If timer G fires, the response is passed to the transport layer once more for
      // retransmission, and timer G is set to fire in MIN(2*T1, T2) seconds. From then on, when
      // timer G fires, the response is passed to the transport again for transmission, and timer
      // G is reset with a value that doubles, unless that value exceeds T2, in which case it is reset with the value of T2."
      if (this.state !== S.Completed || !this.lastFinal) return;
      this.send(this.lastFinal);
      this.armG(Math.min(2 * interval, this.timers.T2));
    });
  }

  protected onTransportError(err: Error): void {
    this.onTransportFailure?.(err);
    if (this.state !== S.Terminated) this.transition(S.Terminated);
  }
}

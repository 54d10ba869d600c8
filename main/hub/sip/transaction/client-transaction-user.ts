import type { ParsedResponse } from '../message/sip-message-parser';

/** What a client transaction reports to its user (the stack's ClientRequest, then the TU). */
export interface ClientTransactionUser {
  onResponse(response: ParsedResponse): void;
  /** Timer B / F fired (RFC 3261 §17.1.1.2, §17.1.2.2): the TU treats it as a 408. */
  onTimeout(): void;
  /** RFC 3261 §17.1.4: treated as a 503. */
  onTransportFailure(err: Error): void;
}

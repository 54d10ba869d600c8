/**
 * States of the four RFC 3261 §17 transaction machines, plus "Accepted" from RFC 6026 §7.1
 * (INVITE 2xx handling). Each machine draws its own diagram and guards its own moves.
 */
export enum TransactionState {
  Calling = 'Calling',
  Trying = 'Trying',
  Proceeding = 'Proceeding',
  Accepted = 'Accepted',
  Completed = 'Completed',
  Confirmed = 'Confirmed',
  Terminated = 'Terminated',
}

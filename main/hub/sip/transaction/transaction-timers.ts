/** RFC 3261 §17.1.1.1: "T1 is an estimate of the round-trip time (RTT), and it defaults to 500 ms." */
export interface TransactionTimers {
  readonly T1: number;
  readonly T2: number;
  readonly T4: number;
}

export const DEFAULT_TIMERS: TransactionTimers = { T1: 500, T2: 4000, T4: 5000 };

// Lifecycle shared by ModemSession and AgentBoxSession.
//
//            start()
//   Idle ─────────────> Opening ──── port open ────> Initializing ── init ok ──> Ready
//                        │   ▲                          │   ▲                      │
//            open failed │   │ backoff timer            │   └── box restarted ─────┤
//                        ▼   │                          │       (HELLO)            │
//                       Backoff <── init failed / ──────┘                          │
//                          ▲        device lost                                    │
//                          └──────── device lost / heartbeat lost ─────────────────┘
//
//   close(): any state ──> Closed (terminal; timers cleared, port closed, requests rejected)

export enum SerialSessionState {
  Idle = 'idle',
  Opening = 'opening',
  Initializing = 'initializing',
  Ready = 'ready',
  Backoff = 'backoff',
  Closed = 'closed',
}

const LEGAL: Record<SerialSessionState, readonly SerialSessionState[]> = {
  [SerialSessionState.Idle]: [SerialSessionState.Opening, SerialSessionState.Closed],
  [SerialSessionState.Opening]: [SerialSessionState.Initializing, SerialSessionState.Backoff, SerialSessionState.Closed],
  [SerialSessionState.Initializing]: [SerialSessionState.Ready, SerialSessionState.Backoff, SerialSessionState.Closed],
  [SerialSessionState.Ready]: [SerialSessionState.Initializing, SerialSessionState.Backoff, SerialSessionState.Closed],
  [SerialSessionState.Backoff]: [SerialSessionState.Opening, SerialSessionState.Closed],
  [SerialSessionState.Closed]: [],
};

export function isLegalTransition(from: SerialSessionState, to: SerialSessionState): boolean {
  return LEGAL[from].includes(to);
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** Delay before reconnect attempt `attempt` (1-based). No jitter: one seat, one port. */
export function backoffDelay(policy: BackoffPolicy, attempt: number): number {
  return Math.min(policy.maxMs, policy.initialMs * policy.factor ** Math.max(0, attempt - 1));
}

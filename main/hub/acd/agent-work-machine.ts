/**
 * Work state machine of an agent: what the hub is doing with them. It is owned by the ACD engine
 * alone (one writer per agent, pitfall 1), separate from presence (what the agent chose).
 *
 *                reserve             alert
 *     IDLE ─────────────▶ RESERVED ─────────▶ ALERTING
 *      ▲  ◀── release ────┘  │ answer           │ answer      release = no answer, lost ring-all race,
 *      │  ◀── release ───────┼──────────────────┘             caller gone, agent offline
 *      │                     ▼
 *      │                  TALKING ──hold──▶ HOLD ──unhold──▶ TALKING
 *      │                     │ ▲              │
 *      │              consult│ │endConsult    │consult
 *      │                     ▼ │              ▼
 *      │                  CONSULT ◀───────────┘
 *      │
 *      │   TALKING | HOLD | CONSULT | OUTBOUND ──hangup──▶ WRAPUP(until) ──wrapUpEnd──▶ IDLE
 *      │   TALKING | HOLD | CONSULT | OUTBOUND ──hangupNoWrap | stale──▶ IDLE
 *      └──dialOut──▶ OUTBOUND
 *
 * Every state except IDLE has a deadline (ring timeout, wrap-up end, max call time), so no agent
 * can be left stuck when a BYE is lost.
 */
import type { WorkState } from '../../../protocol/agent';

export type WorkEvent =
  | 'reserve'
  | 'alert'
  | 'answer'
  | 'release'
  | 'hold'
  | 'unhold'
  | 'consult'
  | 'endConsult'
  | 'hangup'
  | 'hangupNoWrap'
  | 'wrapUpEnd'
  | 'dialOut'
  | 'stale';

const IN_CALL: readonly WorkState[] = ['TALKING', 'HOLD', 'CONSULT', 'OUTBOUND'];

const TABLE: Record<WorkState, Partial<Record<WorkEvent, WorkState>>> = {
  IDLE: { reserve: 'RESERVED', dialOut: 'OUTBOUND' },
  RESERVED: { alert: 'ALERTING', answer: 'TALKING', release: 'IDLE' },
  ALERTING: { answer: 'TALKING', release: 'IDLE' },
  TALKING: { hold: 'HOLD', consult: 'CONSULT', hangup: 'WRAPUP', hangupNoWrap: 'IDLE', stale: 'IDLE' },
  HOLD: { unhold: 'TALKING', consult: 'CONSULT', hangup: 'WRAPUP', hangupNoWrap: 'IDLE', stale: 'IDLE' },
  CONSULT: { endConsult: 'TALKING', hangup: 'WRAPUP', hangupNoWrap: 'IDLE', stale: 'IDLE' },
  WRAPUP: { wrapUpEnd: 'IDLE' },
  OUTBOUND: { hangup: 'WRAPUP', hangupNoWrap: 'IDLE', stale: 'IDLE' },
};

/** The next work state, or undefined when the event is illegal in this state. */
export function nextWork(current: WorkState, event: WorkEvent): WorkState | undefined {
  return TABLE[current][event];
}

export function isInCall(work: WorkState): boolean {
  return IN_CALL.includes(work);
}

export function isOffered(work: WorkState): boolean {
  return work === 'RESERVED' || work === 'ALERTING';
}

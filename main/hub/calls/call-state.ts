/**
 * Call (the customer's experience of one call, across all its legs):
 *
 *   Offered ──route──► Ringing ──first 200──► Answered ◄──resume── Held
 *      │                  │                   │  │  ▲               ▲
 *      │ 404/488/auth     │ CANCEL / all      │  │  └── hold ───────┘ (Answered → Held)
 *      │                  │ legs failed       │  │ REFER
 *      ▼                  ▼                   │  ▼
 *    Ended ◄──────────── Ended ◄──── BYE ─────┘ Transferring ──target answers──► Answered
 *      ▲                                             │ target fails ──► Answered (back to transferor)
 *      └──────────────────── BYE (any party) ────────┘
 *
 * Services (9196 echo, 9197 tone) go Offered → Answered directly.
 */
export enum CallState {
  Offered = 'offered',
  Ringing = 'ringing',
  Answered = 'answered',
  Held = 'held',
  Transferring = 'transferring',
  Ended = 'ended',
}

const MOVES: Readonly<Record<CallState, readonly CallState[]>> = {
  [CallState.Offered]: [CallState.Ringing, CallState.Answered, CallState.Ended],
  [CallState.Ringing]: [CallState.Answered, CallState.Ended],
  [CallState.Answered]: [CallState.Held, CallState.Transferring, CallState.Ended],
  [CallState.Held]: [CallState.Answered, CallState.Transferring, CallState.Ended],
  [CallState.Transferring]: [CallState.Answered, CallState.Ended],
  [CallState.Ended]: [],
};

export function canMoveCall(from: CallState, to: CallState): boolean {
  return MOVES[from].includes(to);
}

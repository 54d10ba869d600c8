/**
 * One SIP leg (one dialog) of a call, inbound or outbound:
 *
 *   Trying ──180/183 (out) or 180 sent (in)──► Ringing
 *     │  \                                        │
 *     │   └──────────── 2xx ───────────┐          │ 2xx
 *     │                                ▼          ▼
 *     │                              Connected ◄──┘ ──re-INVITE sendonly/inactive──► Held
 *     │ 3xx–6xx, CANCEL, timeout         │   ▲                                         │
 *     ▼                                  │   └──────────── re-INVITE sendrecv ─────────┘
 *   Terminated ◄───────── BYE sent/received, ACK timeout ──┴──────────────────────────┘
 */
export enum LegState {
  Trying = 'trying',
  Ringing = 'ringing',
  Connected = 'connected',
  Held = 'held',
  Terminated = 'terminated',
}

const MOVES: Readonly<Record<LegState, readonly LegState[]>> = {
  [LegState.Trying]: [LegState.Ringing, LegState.Connected, LegState.Terminated],
  [LegState.Ringing]: [LegState.Connected, LegState.Terminated],
  [LegState.Connected]: [LegState.Held, LegState.Terminated],
  [LegState.Held]: [LegState.Connected, LegState.Terminated],
  [LegState.Terminated]: [],
};

export function canMoveLeg(from: LegState, to: LegState): boolean {
  return MOVES[from].includes(to);
}

/**
 * Call state the host mirrors onto a headset. The host is the source of truth: device buttons
 * only raise events (hookOff, hookOn, …); the call layer answers with commands that move this
 * machine and rewrite the LEDs.
 *
 *                 ring                    offHook
 *   ┌──────┐ ───────────▶ ┌─────────┐ ───────────▶ ┌─────────┐   hold    ┌──────┐
 *   │ IDLE │              │ RINGING │              │ OFFHOOK │ ────────▶ │ HELD │
 *   └──────┘ ◀─────────── └─────────┘              └─────────┘ ◀──────── └──────┘
 *    ▲  │      stopRing                              ▲  │       resume      │
 *    │  └───────────────────── offHook ──────────────┘  │                   │
 *    └──────────────────────── onHook ──────────────────┴───────────────────┘
 *
 *   CLOSED ──open──▶ IDLE      any ──close──▶ CLOSED      any open state ──lost──▶ LOST ──open──▶ IDLE
 *   reset: any open state ──▶ IDLE
 */

export enum HeadsetState {
  Closed = 'closed',
  Idle = 'idle',
  Ringing = 'ringing',
  OffHook = 'offHook',
  Held = 'held',
  Lost = 'lost',
}

export type HeadsetEvent = 'open' | 'close' | 'lost' | 'reset' | 'ring' | 'stopRing' | 'offHook' | 'onHook' | 'hold' | 'resume';

const OPEN_STATES: readonly HeadsetState[] = [HeadsetState.Idle, HeadsetState.Ringing, HeadsetState.OffHook, HeadsetState.Held];

/** The only place states change. Returns undefined when `event` is not allowed in `state`. */
export function transition(state: HeadsetState, event: HeadsetEvent): HeadsetState | undefined {
  const open = OPEN_STATES.includes(state);
  switch (event) {
    case 'open':
      return state === HeadsetState.Closed || state === HeadsetState.Lost ? HeadsetState.Idle : undefined;
    case 'close':
      return HeadsetState.Closed;
    case 'lost':
      return open ? HeadsetState.Lost : undefined;
    case 'reset':
      return open ? HeadsetState.Idle : undefined;
    case 'ring':
      return state === HeadsetState.Idle ? HeadsetState.Ringing : undefined;
    case 'stopRing':
      return state === HeadsetState.Ringing ? HeadsetState.Idle : undefined;
    case 'offHook':
      return state === HeadsetState.Idle || state === HeadsetState.Ringing ? HeadsetState.OffHook : undefined;
    case 'onHook':
      return state === HeadsetState.OffHook || state === HeadsetState.Held ? HeadsetState.Idle : undefined;
    case 'hold':
      return state === HeadsetState.OffHook ? HeadsetState.Held : undefined;
    case 'resume':
      return state === HeadsetState.Held ? HeadsetState.OffHook : undefined;
  }
}

export const inCall = (s: HeadsetState): boolean => s === HeadsetState.OffHook || s === HeadsetState.Held;

/**
 * LED values for a state. Off-Hook stays lit on hold: clearing it tells many headsets the call
 * ended (they drop audio or send a hook-on).
 */
export function ledsFor(state: HeadsetState, muted: boolean, useRinger: boolean): Record<string, number> {
  const call = inCall(state);
  return {
    offHook: call ? 1 : 0,
    hold: state === HeadsetState.Held ? 1 : 0,
    ring: state === HeadsetState.Ringing ? 1 : 0,
    ringer: state === HeadsetState.Ringing && useRinger ? 1 : 0,
    mute: call && muted ? 1 : 0,
  };
}

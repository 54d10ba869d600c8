/**
 * Presence state machine of an agent (what the agent, a supervisor or the system chose).
 *
 *                 login                 setReady
 *   LOGGED_OUT ─────────▶ NOT_READY ──────────────▶ READY
 *       ▲                  │   ▲  ◀─────────────────  │
 *       │ logout           │   │    setNotReady       │
 *       ├──────────────────┘   │ reconnect            │
 *       │                  OFFLINE ◀── connection lost ┘ (also from NOT_READY)
 *       └──────────────────────┘ logout
 *
 * NOT_READY → NOT_READY with another reason is a legal move (switching break → meal).
 */
import type { Presence } from '../../../protocol/agent';

export type PresenceCommand = 'login' | 'setReady' | 'setNotReady' | 'logout' | 'connectionLost' | 'reconnect';

const TABLE: Record<Presence, Partial<Record<PresenceCommand, Presence>>> = {
  LOGGED_OUT: { login: 'NOT_READY' },
  NOT_READY: { setReady: 'READY', setNotReady: 'NOT_READY', logout: 'LOGGED_OUT', connectionLost: 'OFFLINE', login: 'NOT_READY' },
  READY: { setNotReady: 'NOT_READY', setReady: 'READY', logout: 'LOGGED_OUT', connectionLost: 'OFFLINE', login: 'READY' },
  OFFLINE: { reconnect: 'NOT_READY', login: 'NOT_READY', logout: 'LOGGED_OUT' },
};

/** Returns the next presence, or undefined when the command is illegal in this state. */
export function nextPresence(current: Presence, command: PresenceCommand): Presence | undefined {
  return TABLE[current][command];
}

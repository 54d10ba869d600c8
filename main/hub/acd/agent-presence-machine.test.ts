import { describe, expect, it } from 'vitest';
import type { Presence } from '../../../protocol/agent';
import { nextPresence } from './agent-presence-machine';
import type { PresenceCommand } from './agent-presence-machine';

const COMMANDS: PresenceCommand[] = ['login', 'setReady', 'setNotReady', 'logout', 'connectionLost', 'reconnect'];

// The whole table, one transition per row: anything not listed must be refused.
const LEGAL: [Presence, PresenceCommand, Presence][] = [
  ['LOGGED_OUT', 'login', 'NOT_READY'],
  ['NOT_READY', 'setReady', 'READY'],
  ['NOT_READY', 'setNotReady', 'NOT_READY'],
  ['NOT_READY', 'logout', 'LOGGED_OUT'],
  ['NOT_READY', 'connectionLost', 'OFFLINE'],
  ['NOT_READY', 'login', 'NOT_READY'],
  ['READY', 'setNotReady', 'NOT_READY'],
  ['READY', 'setReady', 'READY'],
  ['READY', 'logout', 'LOGGED_OUT'],
  ['READY', 'connectionLost', 'OFFLINE'],
  ['READY', 'login', 'READY'],
  ['OFFLINE', 'reconnect', 'NOT_READY'],
  ['OFFLINE', 'login', 'NOT_READY'],
  ['OFFLINE', 'logout', 'LOGGED_OUT'],
];

describe('agent presence machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, command, to) => {
    expect(nextPresence(from, command)).toBe(to);
  });

  it('refuses every other move', () => {
    const states: Presence[] = ['LOGGED_OUT', 'READY', 'NOT_READY', 'OFFLINE'];
    for (const from of states) {
      for (const command of COMMANDS) {
        if (LEGAL.some(([f, c]) => f === from && c === command)) continue;
        expect(nextPresence(from, command), `${from} --${command}-->`).toBeUndefined();
      }
    }
  });
});

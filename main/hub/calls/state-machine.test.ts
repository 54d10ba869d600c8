import { describe, expect, it } from 'vitest';
import { CallState, canMoveCall } from './call-state';
import { LegState, canMoveLeg } from './leg-state';
import { StateMachine } from './state-machine';

const quiet = { info: () => undefined };

describe('call state machine, one transition at a time', () => {
  const cases: [CallState, CallState, boolean][] = [
    [CallState.Offered, CallState.Ringing, true],
    [CallState.Offered, CallState.Answered, true],
    [CallState.Offered, CallState.Ended, true],
    [CallState.Offered, CallState.Held, false],
    [CallState.Ringing, CallState.Answered, true],
    [CallState.Ringing, CallState.Ended, true],
    [CallState.Ringing, CallState.Transferring, false],
    [CallState.Answered, CallState.Held, true],
    [CallState.Answered, CallState.Transferring, true],
    [CallState.Answered, CallState.Ringing, false],
    [CallState.Held, CallState.Answered, true],
    [CallState.Held, CallState.Transferring, true],
    [CallState.Transferring, CallState.Answered, true],
    [CallState.Transferring, CallState.Ended, true],
    [CallState.Ended, CallState.Answered, false],
  ];
  it.each(cases)('%s → %s allowed: %s', (from, to, ok) => {
    const changes: string[] = [];
    const m = new StateMachine(from, canMoveCall, quiet, 'call', (f, t) => changes.push(`${f}>${t}`));
    if (ok) {
      expect(m.transition(to)).toBe(true);
      expect(m.state).toBe(to);
      expect(changes).toEqual([`${from}>${to}`]);
    } else {
      expect(() => m.transition(to)).toThrow(/illegal transition/);
      expect(m.tryTransition(to)).toBe(false);
      expect(m.state).toBe(from);
      expect(changes).toEqual([]);
    }
  });
});

describe('leg state machine, one transition at a time', () => {
  const cases: [LegState, LegState, boolean][] = [
    [LegState.Trying, LegState.Ringing, true],
    [LegState.Trying, LegState.Connected, true],
    [LegState.Trying, LegState.Terminated, true],
    [LegState.Trying, LegState.Held, false],
    [LegState.Ringing, LegState.Connected, true],
    [LegState.Ringing, LegState.Terminated, true],
    [LegState.Connected, LegState.Held, true],
    [LegState.Connected, LegState.Terminated, true],
    [LegState.Connected, LegState.Ringing, false],
    [LegState.Held, LegState.Connected, true],
    [LegState.Terminated, LegState.Connected, false],
  ];
  it.each(cases)('%s → %s allowed: %s', (from, to, ok) => {
    expect(canMoveLeg(from, to)).toBe(ok);
    const m = new StateMachine(from, canMoveLeg, quiet, 'leg');
    if (ok) expect(m.transition(to)).toBe(true);
    else expect(() => m.transition(to)).toThrow();
  });

  it('a repeated state is a no-op, not an error', () => {
    const m = new StateMachine(LegState.Connected, canMoveLeg, quiet, 'leg');
    expect(m.transition(LegState.Connected)).toBe(false);
  });
});

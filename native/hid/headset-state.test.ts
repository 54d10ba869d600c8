import { describe, expect, it } from 'vitest';
import { HeadsetState as S, ledsFor, transition } from './headset-state';
import type { HeadsetEvent } from './headset-state';

describe('transition()', () => {
  const cases: [S, HeadsetEvent, S | undefined][] = [
    [S.Closed, 'open', S.Idle],
    [S.Idle, 'open', undefined],
    [S.Idle, 'ring', S.Ringing],
    [S.Ringing, 'stopRing', S.Idle],
    [S.Ringing, 'offHook', S.OffHook],
    [S.Idle, 'offHook', S.OffHook],
    [S.OffHook, 'hold', S.Held],
    [S.Held, 'resume', S.OffHook],
    [S.Held, 'onHook', S.Idle],
    [S.OffHook, 'onHook', S.Idle],
    [S.OffHook, 'ring', undefined],
    [S.Idle, 'hold', undefined],
    [S.Idle, 'onHook', undefined],
    [S.Held, 'offHook', undefined],
    [S.Held, 'lost', S.Lost],
    [S.Closed, 'lost', undefined],
    [S.Lost, 'open', S.Idle],
    [S.Lost, 'reset', undefined],
    [S.Held, 'reset', S.Idle],
    [S.Ringing, 'close', S.Closed],
  ];
  it.each(cases)('%s --%s--> %s', (from, event, to) => {
    expect(transition(from, event)).toBe(to);
  });
});

describe('ledsFor()', () => {
  it('keeps Off-Hook lit on hold and shows mute only in a call', () => {
    expect(ledsFor(S.Held, true, true)).toEqual({ offHook: 1, hold: 1, ring: 0, ringer: 0, mute: 1 });
    expect(ledsFor(S.Idle, true, true)).toEqual({ offHook: 0, hold: 0, ring: 0, ringer: 0, mute: 0 });
    expect(ledsFor(S.Ringing, false, false)).toMatchObject({ ring: 1, ringer: 0 });
    expect(ledsFor(S.Ringing, false, true)).toMatchObject({ ring: 1, ringer: 1 });
  });
});

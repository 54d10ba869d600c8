import { describe, expect, it } from 'vitest';
import { SerialSessionState as S, backoffDelay, isLegalTransition } from './serial-session-state';

describe('SerialSessionState transitions, one at a time', () => {
  const legal = new Set([
    'idle>opening',
    'idle>closed',
    'opening>initializing',
    'opening>backoff',
    'opening>closed',
    'initializing>ready',
    'initializing>backoff',
    'initializing>closed',
    'ready>initializing',
    'ready>backoff',
    'ready>closed',
    'backoff>opening',
    'backoff>closed',
  ]);
  for (const from of Object.values(S)) {
    for (const to of Object.values(S)) {
      const key = `${from}>${to}`;
      it(`${key} is ${legal.has(key) ? 'legal' : 'illegal'}`, () => {
        expect(isLegalTransition(from, to)).toBe(legal.has(key));
      });
    }
  }
});

describe('backoffDelay', () => {
  it('doubles from the initial delay and caps at the maximum', () => {
    const p = { initialMs: 500, maxMs: 30_000, factor: 2 };
    expect([1, 2, 3, 4, 7, 8, 20].map((a) => backoffDelay(p, a))).toEqual([500, 1000, 2000, 4000, 30_000, 30_000, 30_000]);
  });
});

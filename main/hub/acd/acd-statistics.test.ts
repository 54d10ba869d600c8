import { describe, expect, it } from 'vitest';
import { QueueStats } from '../../../protocol/queue';
import { AcdIntervalStats } from './acd-interval-stats';
import { buildQueueStats } from './queue-stats';
import { serviceLevels } from './service-level';
import { T0, harness } from './testing/acd-test-kit';
import type { Harness } from './testing/acd-test-kit';

function withStats(h: Harness): AcdIntervalStats {
  const stats = new AcdIntervalStats(() => ({ serviceLevelS: 20, shortAbandonS: 5 }));
  h.engine.onEvent((e) => e.kind === 'queue-log' && stats.apply(e.entry));
  return stats;
}

const DAY = { from: T0 - 3_600_000, to: T0 + 24 * 3_600_000 };

describe('queue statistics', () => {
  it('counts answered within and after the threshold, with ASA', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { ringTimeoutS: 60 } }]);
    const stats = withStats(h);
    h.ready('a', 'b');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    h.advance(10_000);
    h.engine.answered('k1', 'a');
    h.advance(20_000);
    h.engine.answered('k2', 'b');
    const c = stats.counts('q', DAY.from, DAY.to);
    expect(c).toMatchObject({ offered: 2, answeredWithin: 1, answeredAfter: 1, answeredWaitMs: 40_000 });
  });

  it('splits abandons into short, within and after the threshold', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    const stats = withStats(h);
    h.engine.login('a');
    for (const id of ['s', 'w', 'l']) h.engine.enqueue({ callId: id, queue: 'q' });
    h.advance(4000);
    h.engine.callEnded('s');
    h.advance(10_000);
    h.engine.callEnded('w');
    h.advance(30_000);
    h.engine.callEnded('l');
    expect(stats.counts('q', DAY.from, DAY.to)).toMatchObject({ offered: 3, abandonedShort: 1, abandonedWithin: 1, abandonedAfter: 1 });
  });

  it('keeps timeouts, overflows and callback requests apart from abandons (pitfall 12)', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxWaitS: 30, maxLength: 2, overflow: { maxWait: { kind: 'voicemail' } } } }]);
    const stats = withStats(h);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    h.engine.enqueue({ callId: 'full', queue: 'q' });
    h.engine.requestCallback('k2', '1');
    h.advance(30_000);
    expect(stats.counts('q', DAY.from, DAY.to)).toMatchObject({
      offered: 3,
      timedOut: 1,
      overflowed: 1,
      callbackRequested: 1,
      abandonedShort: 0,
      abandonedWithin: 0,
      abandonedAfter: 0,
    });
  });

  it('puts a call in the interval in which it left the queue', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { ringTimeoutS: 300 } }]);
    const stats = withStats(h);
    h.clock.t = T0 + 14 * 60_000; // 10:14
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.advance(2 * 60_000); // answered 10:16
    h.engine.answered('k1', 'a');
    expect(stats.counts('q', T0, T0 + 15 * 60_000).offered).toBe(0);
    expect(stats.counts('q', T0 + 15 * 60_000, T0 + 30 * 60_000).offered).toBe(1);
  });

  it('charges each agent only their own leg of a transferred call (pitfall 11)', () => {
    const h = harness([
      { name: 'A', members: ['a'] },
      { name: 'B', members: ['b'] },
    ]);
    const stats = withStats(h);
    h.ready('a', 'b');
    h.engine.enqueue({ callId: 'leg1', conversationId: 'conv', queue: 'A' });
    h.engine.answered('leg1', 'a');
    h.advance(60_000);
    h.engine.callEnded('leg1', 'transfer');
    h.engine.enqueue({ callId: 'leg2', conversationId: 'conv', queue: 'B' });
    h.engine.answered('leg2', 'b');
    h.advance(120_000);
    h.engine.callEnded('leg2', 'caller');
    expect(stats.legsOf('conv').map((l) => [l.queue, l.agent, l.disposition, l.talkMs])).toEqual([
      ['A', 'a', 'transferred', 60_000],
      ['B', 'b', 'completed', 120_000],
    ]);
  });

  it('computes every service-level variant from the same counts', () => {
    const sl = serviceLevels({
      offered: 100,
      answeredWithin: 70,
      answeredAfter: 10,
      abandonedShort: 4,
      abandonedWithin: 6,
      abandonedAfter: 5,
      timedOut: 3,
      overflowed: 0,
      callbackRequested: 2,
      answeredWaitMs: 0,
      handled: 0,
      handleMs: 0,
    });
    expect(sl.default).toBeCloseTo(70 / 94);
    expect(sl.answeredOnly).toBeCloseTo(70 / 80);
    expect(sl.asteriskSl2).toBeCloseTo(80 / 95);
    expect(sl.ciscoIgnoreAbandons).toBeCloseTo(70 / 90);
    expect(sl.ciscoNegative).toBeCloseTo(0.7);
    expect(sl.ciscoPositive).toBeCloseTo(0.8);
    expect(sl.excludeShortAbandons).toBeCloseTo(70 / 96);
  });

  it('builds wallboard stats that match the wire schema', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { wrapUpS: 10 } }]);
    const stats = withStats(h);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.answered('k1', 'a');
    h.advance(30_000);
    h.engine.callEnded('k1');
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    h.advance(5000);
    const s = buildQueueStats(h.engine, stats, 'q', DAY.from, DAY.to, h.clock.t)!;
    expect(QueueStats.parse(s)).toEqual(s);
    expect(s).toMatchObject({ waiting: 1, longestWaitMs: 5000, agents: { WRAPUP: 1, LOGGED_OUT: 1 }, asaMs: 0, abandonRate: 0 });
  });
});

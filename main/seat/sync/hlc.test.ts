import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc } from '../../../protocol/sync';
import { HybridLogicalClock } from './hlc';

describe('HybridLogicalClock', () => {
  it('issues strictly increasing stamps even when the wall clock stands still or goes back', () => {
    let t = 1_700_000_000_000;
    const clock = new HybridLogicalClock({ node: 'seatA', now: () => t });
    const stamps: string[] = [];
    for (let i = 0; i < 50; i++) {
      stamps.push(clock.now());
      if (i % 10 === 3) t -= 5_000; // NTP step backwards
      if (i % 10 === 7) t += 1;
    }
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]! > stamps[i - 1]!).toBe(true);
  });

  it('follows wall time when the clock behaves', () => {
    let t = 1_700_000_000_000;
    const clock = new HybridLogicalClock({ node: 'n1', now: () => t });
    clock.now();
    t += 1000;
    expect(parseHlc(clock.now())).toEqual({ wallMs: t, counter: 0, node: 'n1' });
  });

  it('moves past a received remote stamp, including one from a clock running ahead', () => {
    let t = 1_700_000_000_000;
    const a = new HybridLogicalClock({ node: 'a', now: () => t });
    const b = new HybridLogicalClock({ node: 'b', now: () => t + 30_000 }); // b runs 30 s fast
    const fromB = b.now();
    expect(a.receive(fromB)).toBe(true);
    const next = a.now();
    expect(next > fromB).toBe(true);
    expect(parseHlc(next).wallMs).toBe(t + 30_000);
    t += 60_000; // once our wall clock passes the remote one, stamps follow it again
    expect(parseHlc(a.now())).toEqual({ wallMs: t, counter: 0, node: 'a' });
  });

  it('merges counters when wall times are equal', () => {
    const t = 1_700_000_000_000;
    const a = new HybridLogicalClock({ node: 'a', now: () => t });
    a.now();
    a.receive(formatHlc(t, 0x20, 'z'));
    expect(parseHlc(a.now()).counter).toBe(0x22);
  });

  it('refuses to adopt a stamp beyond the allowed drift but keeps issuing valid stamps', () => {
    const t = 1_700_000_000_000;
    const a = new HybridLogicalClock({ node: 'a', now: () => t, maxDriftMs: 60_000 });
    const future = formatHlc(t + 365 * 86_400_000, 0, 'broken');
    expect(a.receive(future)).toBe(false);
    expect(parseHlc(a.now()).wallMs).toBe(t);
  });

  it('borrows the next millisecond when the counter is exhausted', () => {
    const t = 1_700_000_000_000;
    const a = new HybridLogicalClock({ node: 'a', now: () => t });
    let last = a.now();
    for (let i = 0; i < 0x10005; i++) {
      const s = a.now();
      expect(s > last).toBe(true);
      last = s;
    }
    expect(parseHlc(last).wallMs).toBe(t + 1);
  });

  it('restores from the highest stored stamp after a restart', () => {
    const t = 1_700_000_000_000;
    const before = new HybridLogicalClock({ node: 'a', now: () => t + 10 });
    const s = before.now();
    const after = new HybridLogicalClock({ node: 'a', now: () => t }); // clock went back across the restart
    after.restore(s);
    expect(after.now() > s).toBe(true);
  });
});

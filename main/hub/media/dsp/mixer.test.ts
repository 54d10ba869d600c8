import { describe, expect, it } from 'vitest';
import { ConferenceMixer, mixAdd } from './mixer';

function filled(v: number, n = 160): Int16Array {
  return new Int16Array(n).fill(v);
}

describe('ConferenceMixer', () => {
  it('gives each participant the sum of the others', () => {
    const m = new ConferenceMixer(4);
    const ins = [filled(100), filled(20), filled(3)];
    const outs = [filled(-1), filled(-1), filled(-1)];
    m.mix(ins, outs);
    expect([outs[0]?.[0], outs[1]?.[0], outs[2]?.[0]]).toEqual([23, 103, 120]);
    const rec = filled(0);
    m.mixTotal(rec);
    expect(rec[159]).toBe(123);
  });

  it('handles muted talkers and listen-only participants', () => {
    const m = new ConferenceMixer(3);
    const supervisorHears = filled(-1);
    const outs = [filled(0), filled(0), supervisorHears];
    m.mix([filled(500), filled(-200), null], outs);
    expect(supervisorHears[0]).toBe(300); // hears everyone
    expect(outs[0]?.[0]).toBe(-200);
    m.mix([filled(500), filled(-200), null], [null, null, supervisorHears]);
    expect(supervisorHears[5]).toBe(300);
  });

  it('saturates instead of wrapping', () => {
    const m = new ConferenceMixer(4);
    const outs = [filled(0), filled(0), filled(0), filled(0)];
    m.mix([filled(30000), filled(30000), filled(-30000), filled(20000)], outs);
    expect(outs[2]?.[0]).toBe(32767); // 30000+30000+20000
    expect(outs[0]?.[0]).toBe(20000); // 30000-30000+20000
    m.mix([filled(-30000), filled(-30000), filled(-30000), filled(0)], outs);
    expect(outs[3]?.[0]).toBe(-32768);
    expect(outs[0]?.[0]).toBe(-32768);
  });

  it('keeps sample alignment per index', () => {
    const m = new ConferenceMixer(2, 4);
    const a = new Int16Array([1, 2, 3, 4]);
    const b = new Int16Array([10, 20, 30, 40]);
    const oa = new Int16Array(4);
    const ob = new Int16Array(4);
    m.mix([a, b], [oa, ob]);
    expect(Array.from(oa)).toEqual([10, 20, 30, 40]);
    expect(Array.from(ob)).toEqual([1, 2, 3, 4]);
  });

  it('refuses more participants than it was sized for', () => {
    const m = new ConferenceMixer(2);
    expect(() => m.mix([filled(1), filled(1), filled(1)], [null, null, null])).toThrow(RangeError);
  });

  it('mixAdd clips a two-party tap', () => {
    const out = new Int16Array(3);
    mixAdd(out, new Int16Array([32000, -32000, 5]), new Int16Array([1000, -1000, 5]));
    expect(Array.from(out)).toEqual([32767, -32768, 10]);
  });
});

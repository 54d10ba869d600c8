import { describe, expect, it } from 'vitest';
import { frameDbfs } from './energy';
import { ToneGenerator, dtmfFrequencies, generateDtmf, generateSine } from './tone-generator';

function goertzelPower(x: Int16Array, f: number): number {
  const c = 2 * Math.cos((2 * Math.PI * f) / 8000);
  let s1 = 0;
  let s2 = 0;
  for (const v of x) {
    const s0 = c * s1 - s2 + v;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - c * s1 * s2;
}

describe('tone-generator', () => {
  it('maps keys to Q.23 frequency pairs', () => {
    expect(dtmfFrequencies('1')).toEqual([697, 1209]);
    expect(dtmfFrequencies('0')).toEqual([941, 1336]);
    expect(dtmfFrequencies('#')).toEqual([941, 1477]);
    expect(dtmfFrequencies('d')).toEqual([941, 1633]);
    expect(dtmfFrequencies('E')).toBeUndefined();
    expect(dtmfFrequencies('12')).toBeUndefined();
  });

  it('generates the right frequencies at the right amplitude', () => {
    const x = new Int16Array(800);
    generateDtmf(x, '5', 8000);
    const n = x.length;
    const expected = ((8000 * n) / 2) ** 2;
    expect(goertzelPower(x, 770) / expected).toBeCloseTo(1, 1);
    expect(goertzelPower(x, 1336) / expected).toBeCloseTo(1, 1);
    expect(goertzelPower(x, 697) / expected).toBeLessThan(0.01);
  });

  it('is phase-continuous across frames (same output as one long call)', () => {
    const whole = new Int16Array(1600);
    const framed = new Int16Array(1600);
    const a = new ToneGenerator();
    a.setTone(425, 9000); // Chinese ringback/busy frequency
    a.generate(whole);
    const b = new ToneGenerator();
    b.setTone(425, 9000);
    for (let i = 0; i < 1600; i += 160) b.generate(framed, i, 160);
    let maxDiff = 0;
    for (let i = 0; i < 1600; i++) maxDiff = Math.max(maxDiff, Math.abs((whole[i] as number) - (framed[i] as number)));
    expect(maxDiff).toBeLessThanOrEqual(1);
  });

  it('clips instead of wrapping and can mix into a buffer', () => {
    const x = new Int16Array(160).fill(30000);
    const g = new ToneGenerator();
    g.setTone(1000, 10000);
    g.generate(x, 0, 160, true);
    expect(Math.max(...x)).toBe(32767);
    expect(Math.min(...x)).toBeGreaterThan(0);
    const y = new Int16Array(160);
    const phase = generateSine(y, 1000, 100, 8000, 0, 80);
    generateSine(y, 1000, 100, 8000, 80, 80, phase);
    expect(frameDbfs(y)).toBeCloseTo(20 * Math.log10(100 / 32768), 0);
    g.stop();
    const z = new Int16Array(160);
    g.generate(z);
    expect(z.every((v) => v === 0)).toBe(true);
    expect(() => g.setDtmf('x', 1)).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { dbfsToSineAmplitude, frameDbfs, framePeak, frameRms, rmsToDbfs } from './energy';
import { generateSine } from './tone-generator';

describe('energy', () => {
  it('measures a full-scale sine as 0 dBFS (AES17) and silence as -Infinity', () => {
    const f = new Int16Array(8000);
    generateSine(f, 1000, 32767);
    expect(frameDbfs(f)).toBeCloseTo(0, 1);
    expect(frameRms(f)).toBeCloseTo(32767 / Math.SQRT2, -1);
    expect(frameDbfs(new Int16Array(160))).toBe(-Infinity);
    expect(frameRms(f, 0, 0)).toBe(0);
  });

  it('round-trips levels and measures sub-ranges', () => {
    const f = new Int16Array(320);
    generateSine(f, 1004, dbfsToSineAmplitude(-20), 8000, 160, 160);
    expect(frameDbfs(f, 160, 160)).toBeCloseTo(-20, 1);
    expect(frameDbfs(f, 0, 160)).toBe(-Infinity);
    expect(framePeak(f)).toBeCloseTo(dbfsToSineAmplitude(-20), -1);
    expect(rmsToDbfs(32768 / Math.SQRT2)).toBeCloseTo(0, 6);
  });

  it('reads a full-scale square wave as +3 dBFS', () => {
    const f = new Int16Array(160).map((_, i) => (i % 2 ? 32767 : -32768));
    expect(frameDbfs(f)).toBeCloseTo(3.01, 1);
  });
});

import { describe, expect, it } from 'vitest';
import { seqAdd, seqDelta, tsAdd, tsDelta } from './serial-number';

describe('serial-number', () => {
  it('compares 16-bit sequence numbers across the wrap', () => {
    expect(seqDelta(0, 65535)).toBe(1);
    expect(seqDelta(65535, 0)).toBe(-1);
    expect(seqDelta(5, 65530)).toBe(11);
    expect(seqDelta(100, 100)).toBe(0);
    expect(seqDelta(32767, 0)).toBe(32767);
    expect(seqDelta(32768, 0)).toBe(-32768);
    expect(seqAdd(65535, 1)).toBe(0);
    expect(seqAdd(0, -1)).toBe(65535);
  });

  it('compares 32-bit timestamps across the wrap', () => {
    expect(tsDelta(80, 0xffffffb0)).toBe(160);
    expect(tsDelta(0xffffffb0, 80)).toBe(-160);
    expect(tsAdd(0xffffffff, 1)).toBe(0);
    expect(tsAdd(0xffffff60, 160)).toBe(0);
    expect(tsAdd(0, -160)).toBe(0xffffff60);
  });
});

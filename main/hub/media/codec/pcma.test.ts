import { describe, expect, it } from 'vitest';
import {
  PCMA_SILENCE,
  decodePcma,
  encodePcma,
  pcmaDecodeReference,
  pcmaDecodeSample,
  pcmaEncodeReference,
  pcmaEncodeSample,
} from './pcma';

describe('pcma', () => {
  it('matches known G.711 A-law vectors', () => {
    expect(pcmaEncodeSample(0)).toBe(0xd5);
    expect(PCMA_SILENCE).toBe(0xd5);
    expect(pcmaEncodeSample(-1)).toBe(0x55);
    expect(pcmaEncodeSample(32767)).toBe(0xaa);
    expect(pcmaEncodeSample(-32768)).toBe(0x2a);
    expect(pcmaDecodeSample(0xd5)).toBe(8);
    expect(pcmaDecodeSample(0x55)).toBe(-8);
    expect(pcmaDecodeSample(0xaa)).toBe(32256);
    expect(pcmaDecodeSample(0x2a)).toBe(-32256);
  });

  it('table encoder equals the reference formula for every int16', () => {
    for (let x = -32768; x <= 32767; x++) {
      if (pcmaEncodeSample(x) !== pcmaEncodeReference(x)) throw new Error(`mismatch at ${x}`);
    }
    for (let c = 0; c < 256; c++) expect(pcmaDecodeSample(c)).toBe(pcmaDecodeReference(c));
  });

  it('round-trips every code and is monotonic', () => {
    for (let c = 0; c < 256; c++) expect(pcmaEncodeSample(pcmaDecodeSample(c))).toBe(c);
    let prev = -Infinity;
    for (let x = -32768; x <= 32767; x += 5) {
      const y = pcmaDecodeSample(pcmaEncodeSample(x));
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
  });

  it('keeps the quantisation error within half a step', () => {
    for (let x = -32256; x <= 32256; x++) {
      const err = Math.abs(pcmaDecodeSample(pcmaEncodeSample(x)) - x);
      const bound = Math.abs(x) < 512 ? 8 : Math.abs(x) / 32;
      if (err > bound) throw new Error(`error ${err} at ${x}`);
    }
  });

  it('encodes and decodes with offsets without touching other bytes', () => {
    const pcm = new Int16Array([0, -1, 32767]);
    const codes = new Uint8Array(5);
    encodePcma(pcm, codes, 3, 0, 1);
    expect(Array.from(codes)).toEqual([0, 0xd5, 0x55, 0xaa, 0]);
    const out = new Int16Array(3);
    decodePcma(codes, out, 3, 1);
    expect(Array.from(out)).toEqual([8, -8, 32256]);
  });
});

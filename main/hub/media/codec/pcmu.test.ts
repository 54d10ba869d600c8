import { describe, expect, it } from 'vitest';
import {
  PCMU_SILENCE,
  decodePcmu,
  encodePcmu,
  pcmuDecodeReference,
  pcmuDecodeSample,
  pcmuEncodeReference,
  pcmuEncodeSample,
} from './pcmu';

describe('pcmu', () => {
  it('matches known G.711 µ-law vectors', () => {
    expect(pcmuEncodeSample(0)).toBe(0xff);
    expect(PCMU_SILENCE).toBe(0xff);
    expect(pcmuEncodeSample(32767)).toBe(0x80);
    expect(pcmuEncodeSample(-32768)).toBe(0x00);
    expect(pcmuEncodeSample(1000)).toBe(0xce);
    expect(pcmuDecodeSample(0x00)).toBe(-32124);
    expect(pcmuDecodeSample(0x80)).toBe(32124);
    expect(pcmuDecodeSample(0xff)).toBe(0);
    expect(pcmuDecodeSample(0x7f)).toBe(0); // negative zero
    expect(pcmuDecodeSample(0xce)).toBe(988);
  });

  it('table encoder equals the reference formula for every int16', () => {
    for (let x = -32768; x <= 32767; x++) {
      if (pcmuEncodeSample(x) !== pcmuEncodeReference(x)) throw new Error(`mismatch at ${x}`);
    }
    for (let c = 0; c < 256; c++) expect(pcmuDecodeSample(c)).toBe(pcmuDecodeReference(c));
  });

  it('is monotonic and round-trips every code except negative zero', () => {
    for (let c = 0; c < 256; c++) {
      const back = pcmuEncodeSample(pcmuDecodeSample(c));
      expect(back).toBe(c === 0x7f ? 0xff : c);
    }
    let prev = -Infinity;
    for (let x = -32768; x <= 32767; x += 7) {
      const y = pcmuDecodeSample(pcmuEncodeSample(x));
      expect(y).toBeGreaterThanOrEqual(prev);
      prev = y;
    }
  });

  it('keeps the quantisation error within half a step', () => {
    for (let x = -32124; x <= 32124; x++) {
      const err = Math.abs(pcmuDecodeSample(pcmuEncodeSample(x)) - x);
      // segment 0 step is 8 (plus bias rounding); above that the step is ≤ |x|/16
      const bound = Math.abs(x) < 256 ? 12 : Math.abs(x) / 16;
      if (err > bound) throw new Error(`error ${err} at ${x}`);
    }
  });

  it('encodes and decodes buffers in place with offsets', () => {
    const pcm = new Int16Array([0, 1000, -1000, 32767, -32768, 5]);
    const codes = new Uint8Array(8).fill(0x11);
    encodePcmu(pcm, codes, 4, 1, 2);
    expect(Array.from(codes)).toEqual([0x11, 0x11, 0xce, 0x4e, 0x80, 0x00, 0x11, 0x11]);
    const out = new Int16Array(4);
    decodePcmu(codes, out, 4, 2, 0);
    expect(Array.from(out)).toEqual([988, -988, 32124, -32124]);
  });

  it('gives a sine at -10 dBFS an SNR above 35 dB', () => {
    const n = 8000;
    const src = new Int16Array(n);
    for (let i = 0; i < n; i++) src[i] = Math.round(10362 * Math.sin((2 * Math.PI * 1004 * i) / 8000));
    const codes = new Uint8Array(n);
    const back = new Int16Array(n);
    encodePcmu(src, codes);
    decodePcmu(codes, back);
    let sig = 0;
    let noise = 0;
    for (let i = 0; i < n; i++) {
      const s = src[i] as number;
      sig += s * s;
      noise += (s - (back[i] as number)) ** 2;
    }
    expect(10 * Math.log10(sig / noise)).toBeGreaterThan(35);
  });
});

import { describe, expect, it } from 'vitest';
import { pcmaDecodeSample, pcmaEncodeSample } from './pcma';
import { pcmuDecodeSample, pcmuEncodeSample } from './pcmu';
import { PCMA_TO_PCMU, PCMU_TO_PCMA, pcmaToPcmu, pcmuToPcma } from './transcode';

describe('transcode', () => {
  it('tables equal decode-then-encode through linear', () => {
    for (let c = 0; c < 256; c++) {
      expect(PCMU_TO_PCMA[c]).toBe(pcmaEncodeSample(pcmuDecodeSample(c)));
      expect(PCMA_TO_PCMU[c]).toBe(pcmuEncodeSample(pcmaDecodeSample(c)));
    }
  });

  it('maps silence to silence and full scale to full scale', () => {
    expect(PCMU_TO_PCMA[0xff]).toBe(0xd5);
    // A-law has no zero: its idle code decodes to +8, which µ-law represents exactly as 0xfe.
    expect(PCMA_TO_PCMU[0xd5]).toBe(0xfe);
    expect(pcmuDecodeSample(0xfe)).toBe(8);
    expect(PCMU_TO_PCMA[0x80]).toBe(0xaa);
    expect(PCMU_TO_PCMA[0x00]).toBe(0x2a);
  });

  it('keeps the level: each transcoded code decodes near the original value', () => {
    for (let c = 0; c < 256; c++) {
      const u = pcmuDecodeSample(c);
      const a = pcmaDecodeSample(PCMU_TO_PCMA[c] as number);
      expect(Math.abs(a - u)).toBeLessThanOrEqual(Math.max(16, Math.abs(u) / 16));
      const a2 = pcmaDecodeSample(c);
      const u2 = pcmuDecodeSample(PCMA_TO_PCMU[c] as number);
      expect(Math.abs(a2 - u2)).toBeLessThanOrEqual(Math.max(16, Math.abs(a2) / 16));
    }
  });

  it('µ→A→µ is stable after one pass (tandem transcoding does not drift)', () => {
    for (let c = 0; c < 256; c++) {
      const once = PCMA_TO_PCMU[PCMU_TO_PCMA[c] as number] as number;
      const twice = PCMA_TO_PCMU[PCMU_TO_PCMA[once] as number] as number;
      expect(twice).toBe(once);
    }
  });

  it('transcodes buffers, also in place', () => {
    const buf = new Uint8Array([0xff, 0x80, 0x00]);
    pcmuToPcma(buf, buf);
    expect(Array.from(buf)).toEqual([0xd5, 0xaa, 0x2a]);
    const out = new Uint8Array(3);
    pcmaToPcmu(buf, out);
    expect(Array.from(out)).toEqual([0xfe, 0x80, 0x00]);
  });
});

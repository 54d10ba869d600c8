import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIRKS, QUIRKS, quirksFor } from './quirks';

describe('quirksFor()', () => {
  it('defaults for unknown vendors', () => {
    expect(quirksFor(0x1234, 0x5678)).toEqual({ quirks: DEFAULT_QUIRKS, applied: [] });
  });

  it('merges the vendor quirk over the defaults', () => {
    const { quirks, applied } = quirksFor(0x047f, 0xc056);
    expect(applied).toEqual(['poly-duplicate-press']);
    expect(quirks.pressDebounceMs).toBe(50);
    expect(quirks.echoWindowMs).toBe(DEFAULT_QUIRKS.echoWindowMs);
  });

  it('every quirk names a reason and changes something', () => {
    for (const q of QUIRKS) {
      expect(q.why.length, q.id).toBeGreaterThan(20);
      expect(Object.keys(q.apply).length, q.id).toBeGreaterThan(0);
    }
    expect(new Set(QUIRKS.map((q) => q.vendorId)).size).toBe(5);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBits, writeBits } from './report-bits';

describe('report bits', () => {
  it('packs LSB first across byte boundaries', () => {
    const buf = new Uint8Array(2);
    writeBits(buf, 7, 4, 0b0101);
    expect([...buf]).toEqual([0x80, 0x02]);
    expect(readBits(buf, 7, 4)).toBe(5);
  });

  it('sign-extends when asked', () => {
    const buf = Uint8Array.of(0xff);
    expect(readBits(buf, 0, 8, true)).toBe(-1);
    expect(readBits(buf, 0, 8)).toBe(255);
  });

  it('round-trips random fields without touching neighbours', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1, max: 32 }), fc.nat(), fc.uint8Array({ minLength: 10, maxLength: 10 }),
        (offset, size, raw, init) => {
          const value = raw % 2 ** size;
          const buf = init.slice();
          writeBits(buf, offset, size, value);
          expect(readBits(buf, offset, size)).toBe(value);
          for (let b = 0; b < 80; b++) {
            if (b < offset || b >= offset + size) expect(readBits(buf, b, 1)).toBe(readBits(init, b, 1));
          }
        }),
      { numRuns: 200 },
    );
  });

  it('refuses to write past the end', () => {
    expect(() => writeBits(new Uint8Array(1), 7, 2, 3)).toThrow(RangeError);
  });
});

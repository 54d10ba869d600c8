/**
 * Bit access inside HID report payloads. HID packs fields LSB first: bit n of the payload is
 * bit (n % 8) of byte floor(n / 8), and multi-bit values are little-endian across bytes.
 */

/** Reads `size` (1..32) bits at `offset`; bits past the end read as 0 (short reports happen). */
export function readBits(buf: Uint8Array, offset: number, size: number, signed = false): number {
  if (size < 1 || size > 32) throw new RangeError(`bit size ${size} out of range 1..32`);
  let value = 0;
  for (let i = 0; i < size; i++) {
    const bit = offset + i;
    const byte = buf[bit >> 3] ?? 0;
    if ((byte >> (bit & 7)) & 1) value += 2 ** i;
  }
  if (signed && size < 32 && value >= 2 ** (size - 1)) value -= 2 ** size;
  if (signed && size === 32) value = value | 0;
  return value;
}

/** Writes the low `size` bits of `value` (two's complement for negatives) at `offset`. */
export function writeBits(buf: Uint8Array, offset: number, size: number, value: number): void {
  if (size < 1 || size > 32) throw new RangeError(`bit size ${size} out of range 1..32`);
  let v = value < 0 ? value + 2 ** size : value;
  for (let i = 0; i < size; i++) {
    const bit = offset + i;
    const index = bit >> 3;
    if (index >= buf.length) throw new RangeError(`bit ${bit} is past the ${buf.length}-byte report`);
    const mask = 1 << (bit & 7);
    const cur = buf[index] ?? 0;
    buf[index] = v % 2 === 1 ? cur | mask : cur & ~mask;
    v = Math.floor(v / 2);
  }
}

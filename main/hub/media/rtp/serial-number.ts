/**
 * Serial-number arithmetic for RTP sequence numbers (16 bit) and timestamps (32 bit).
 *
 * RFC 3550 §A.1 treats the sequence number as wrapping; ordering uses RFC 1982 style comparison:
 * the signed difference modulo 2^16 (or 2^32) decides which value is newer.
 */

/** Signed distance a − b in 16-bit serial space, in [-32768, 32767]. */
export function seqDelta(a: number, b: number): number {
  return (((a - b) << 16) >> 16);
}

/** Signed distance a − b in 32-bit serial space. */
export function tsDelta(a: number, b: number): number {
  return (a - b) | 0;
}

/** (a + n) mod 2^16. */
export function seqAdd(a: number, n: number): number {
  return (a + n) & 0xffff;
}

/** (a + n) mod 2^32 as an unsigned number. */
export function tsAdd(a: number, n: number): number {
  return (a + n) >>> 0;
}

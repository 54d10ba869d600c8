/**
 * PCMU ↔ PCMA transcoding through 256-entry tables, for bridging a µ-law trunk to an A-law leg
 * without a linear intermediate buffer.
 *
 * The tables are the composition decode-then-encode (µ-law → linear → A-law and back), i.e.
 * exactly what a decode/re-encode bridge would produce. We deliberately do not paste the
 * `_u2a`/`_a2u` arrays that circulate as "copied from the CCITT G.711 specification": the copies in
 * the wild disagree in a few entries (known transcription errata), and the composition is
 * verifiable from the codec alone.
 */
import { PCMA_DECODE_TABLE, pcmaEncodeSample } from './pcma';
import { PCMU_DECODE_TABLE, pcmuEncodeSample } from './pcmu';

export const PCMU_TO_PCMA = new Uint8Array(256);
export const PCMA_TO_PCMU = new Uint8Array(256);

for (let c = 0; c < 256; c++) {
  PCMU_TO_PCMA[c] = pcmaEncodeSample(PCMU_DECODE_TABLE[c] as number);
  PCMA_TO_PCMU[c] = pcmuEncodeSample(PCMA_DECODE_TABLE[c] as number);
}

function mapBytes(
  table: Uint8Array,
  src: Uint8Array,
  dst: Uint8Array,
  length: number,
  srcOffset: number,
  dstOffset: number,
): void {
  for (let i = 0; i < length; i++) {
    dst[dstOffset + i] = table[src[srcOffset + i] as number] as number;
  }
}

/** µ-law codes → A-law codes. `dst` may be `src` (in place). */
export function pcmuToPcma(
  src: Uint8Array,
  dst: Uint8Array,
  length = src.length,
  srcOffset = 0,
  dstOffset = 0,
): void {
  mapBytes(PCMU_TO_PCMA, src, dst, length, srcOffset, dstOffset);
}

/** A-law codes → µ-law codes. `dst` may be `src` (in place). */
export function pcmaToPcmu(
  src: Uint8Array,
  dst: Uint8Array,
  length = src.length,
  srcOffset = 0,
  dstOffset = 0,
): void {
  mapBytes(PCMA_TO_PCMU, src, dst, length, srcOffset, dstOffset);
}

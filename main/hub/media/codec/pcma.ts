/**
 * G.711 A-law (PCMA, RTP payload type 8) with precomputed tables.
 *
 * Reference formula after ITU-T G.711 (Sun `g711.c` `linear2alaw` / `alaw2linear`): 13-bit
 * magnitude, 8 segments (segments 0 and 1 share one step size), and "even bits inverted" on the
 * wire (G.711 Table 1a: the character signal is obtained by inverting the even bits, i.e. XOR 0x55).
 */

const SEG_AEND = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff] as const;

/** A-law code of digital silence (+0 decodes to +8). */
export const PCMA_SILENCE = 0xd5;

/** Reference encoder (slow): used to build the table and by tests. */
export function pcmaEncodeReference(sample: number): number {
  let pcm = sample >> 3; // A-law works on 13-bit samples
  let mask: number;
  if (pcm >= 0) {
    mask = 0xd5; // sign bit = 1 for positive values, then even-bit inversion
  } else {
    mask = 0x55;
    pcm = -pcm - 1;
  }
  let seg = 0;
  while (seg < 8 && pcm > (SEG_AEND[seg] as number)) seg++;
  if (seg >= 8) return 0x7f ^ mask;
  let aval = seg << 4;
  aval |= seg < 2 ? (pcm >> 1) & 0x0f : (pcm >> seg) & 0x0f;
  return aval ^ mask;
}

/** Reference decoder: returns a 16-bit linear sample (range ±32256, never 0). */
export function pcmaDecodeReference(code: number): number {
  const a = (code & 0xff) ^ 0x55;
  let t = (a & 0x0f) << 4;
  const seg = (a & 0x70) >> 4;
  if (seg === 0) t += 8;
  else if (seg === 1) t += 0x108;
  else t = (t + 0x108) << (seg - 1);
  return a & 0x80 ? t : -t;
}

/** 13-bit index (sample >> 3, masked) → code. */
const ENCODE_TABLE = new Uint8Array(1 << 13);
/** code → 16-bit linear. */
export const PCMA_DECODE_TABLE = new Int16Array(256);

for (let i = 0; i < 1 << 13; i++) {
  const s13 = i & 0x1000 ? i - 0x2000 : i;
  ENCODE_TABLE[i] = pcmaEncodeReference(s13 << 3);
}
for (let c = 0; c < 256; c++) PCMA_DECODE_TABLE[c] = pcmaDecodeReference(c);

/** Encode one 16-bit sample (values outside int16 are clamped). */
export function pcmaEncodeSample(sample: number): number {
  const s = sample > 32767 ? 32767 : sample < -32768 ? -32768 : sample;
  return ENCODE_TABLE[(s >> 3) & 0x1fff] as number;
}

/** Decode one A-law code. */
export function pcmaDecodeSample(code: number): number {
  return PCMA_DECODE_TABLE[code & 0xff] as number;
}

/** Encode `length` samples of `src` into `dst`; no allocation. */
export function encodePcma(
  src: Int16Array,
  dst: Uint8Array,
  length = src.length,
  srcOffset = 0,
  dstOffset = 0,
): void {
  const table = ENCODE_TABLE;
  for (let i = 0; i < length; i++) {
    dst[dstOffset + i] = table[((src[srcOffset + i] as number) >> 3) & 0x1fff] as number;
  }
}

/** Decode `length` codes of `src` into `dst`; no allocation. */
export function decodePcma(
  src: Uint8Array,
  dst: Int16Array,
  length = src.length,
  srcOffset = 0,
  dstOffset = 0,
): void {
  const table = PCMA_DECODE_TABLE;
  for (let i = 0; i < length; i++) {
    dst[dstOffset + i] = table[src[srcOffset + i] as number] as number;
  }
}

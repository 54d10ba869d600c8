/**
 * G.711 µ-law (PCMU, RTP payload type 0) with precomputed tables.
 *
 * The reference formula follows ITU-T G.711 as implemented in the public-domain Sun `g711.c`
 * (`linear2ulaw` / `ulaw2linear`): 14-bit magnitude, bias 33 (0x84 on the 16-bit scale), 8
 * segments of 16 steps, and "all bits inverted" on the wire (G.711 §3, Table 2a: the character
 * signal is the complement of the binary code so that idle lines carry many ones).
 *
 * The hot path (`encodePcmu`/`decodePcmu`) only reads tables: a 16384-entry encode table indexed by
 * the 14-bit sample and a 256-entry decode table. Callers supply the output buffers.
 */

const BIAS = 0x84;
const CLIP = 8159; // 14-bit magnitude limit: 8159 + 33 = 8192 tops segment 7
const SEG_UEND = [0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff, 0x1fff] as const;

/** µ-law code of digital silence (+0). */
export const PCMU_SILENCE = 0xff;

/** Reference encoder (slow, branchy): used to build the table and by tests. */
export function pcmuEncodeReference(sample: number): number {
  // "The 16-bit linear sample is first reduced to 14 bits" (µ-law works on 14-bit magnitudes).
  let pcm = sample >> 2;
  let mask: number;
  if (pcm < 0) {
    pcm = -pcm;
    mask = 0x7f;
  } else {
    mask = 0xff;
  }
  if (pcm > CLIP) pcm = CLIP;
  pcm += BIAS >> 2;
  let seg = 0;
  while (seg < 8 && pcm > (SEG_UEND[seg] as number)) seg++;
  if (seg >= 8) return 0x7f ^ mask;
  const uval = (seg << 4) | ((pcm >> (seg + 1)) & 0xf);
  return uval ^ mask;
}

/** Reference decoder: returns a 16-bit linear sample (range ±32124). */
export function pcmuDecodeReference(code: number): number {
  const u = ~code & 0xff;
  let t = ((u & 0x0f) << 3) + BIAS;
  t <<= (u & 0x70) >> 4;
  return u & 0x80 ? BIAS - t : t - BIAS;
}

/** 14-bit index (sample >> 2, two's complement masked) → code. */
const ENCODE_TABLE = new Uint8Array(1 << 14);
/** code → 16-bit linear. */
export const PCMU_DECODE_TABLE = new Int16Array(256);

for (let i = 0; i < 1 << 14; i++) {
  // Index i holds samples whose top 14 bits are i; sign-extend back to a 16-bit sample.
  const s14 = i & 0x2000 ? i - 0x4000 : i;
  ENCODE_TABLE[i] = pcmuEncodeReference(s14 << 2);
}
for (let c = 0; c < 256; c++) PCMU_DECODE_TABLE[c] = pcmuDecodeReference(c);

/** Encode one 16-bit sample (values outside int16 are clamped). */
export function pcmuEncodeSample(sample: number): number {
  const s = sample > 32767 ? 32767 : sample < -32768 ? -32768 : sample;
  return ENCODE_TABLE[(s >> 2) & 0x3fff] as number;
}

/** Decode one µ-law code. */
export function pcmuDecodeSample(code: number): number {
  return PCMU_DECODE_TABLE[code & 0xff] as number;
}

/**
 * Encode `length` samples of `src` (from `srcOffset`) into `dst` (from `dstOffset`).
 * Int16Array input needs no clamping, so the loop is a pure table lookup.
 */
export function encodePcmu(
  src: Int16Array,
  dst: Uint8Array,
  length = src.length,
  srcOffset = 0,
  dstOffset = 0,
): void {
  const table = ENCODE_TABLE;
  for (let i = 0; i < length; i++) {
    dst[dstOffset + i] = table[((src[srcOffset + i] as number) >> 2) & 0x3fff] as number;
  }
}

/** Decode `length` codes of `src` into `dst`. */
export function decodePcmu(
  src: Uint8Array,
  dst: Int16Array,
  length = src.length,
  srcOffset = 0,
  dstOffset = 0,
): void {
  const table = PCMU_DECODE_TABLE;
  for (let i = 0; i < length; i++) {
    dst[dstOffset + i] = table[src[srcOffset + i] as number] as number;
  }
}

/**
 * Frame level measurements. dBFS follows AES17: 0 dBFS is the RMS of a full-scale sine, so a
 * full-scale square wave reads +3.01 dBFS and digital silence reads −Infinity.
 */

const FULL_SCALE = 32768;
const SQRT2 = Math.SQRT2;

/** Root-mean-square of `length` samples from `offset`. */
export function frameRms(frame: Int16Array, offset = 0, length = frame.length - offset): number {
  if (length <= 0) return 0;
  let sum = 0;
  for (let i = offset, end = offset + length; i < end; i++) {
    const s = frame[i] as number;
    sum += s * s;
  }
  return Math.sqrt(sum / length);
}

/** Level in dBFS (AES17). */
export function frameDbfs(frame: Int16Array, offset = 0, length = frame.length - offset): number {
  return rmsToDbfs(frameRms(frame, offset, length));
}

export function rmsToDbfs(rms: number): number {
  return rms > 0 ? 20 * Math.log10((rms * SQRT2) / FULL_SCALE) : -Infinity;
}

/** Peak amplitude of a sine whose level is `dbfs` (AES17). */
export function dbfsToSineAmplitude(dbfs: number): number {
  return FULL_SCALE * 10 ** (dbfs / 20);
}

/** Largest absolute sample value. */
export function framePeak(frame: Int16Array, offset = 0, length = frame.length - offset): number {
  let peak = 0;
  for (let i = offset, end = offset + length; i < end; i++) {
    const s = frame[i] as number;
    const a = s < 0 ? -s : s;
    if (a > peak) peak = a;
  }
  return peak;
}

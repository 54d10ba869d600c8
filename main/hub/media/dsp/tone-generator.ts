/**
 * Sine and dual-tone (DTMF, call-progress) generation into caller buffers. The generator keeps its
 * phase between calls so a tone can be produced frame by frame without clicks at frame edges.
 */

/** ITU-T Q.23 DTMF frequency pairs: [low (row), high (column)] in Hz. */
export const DTMF_ROWS = [697, 770, 852, 941] as const;
export const DTMF_COLS = [1209, 1336, 1477, 1633] as const;
export const DTMF_KEYPAD = ['123A', '456B', '789C', '*0#D'] as const;

/** [row Hz, column Hz] for a DTMF key, or undefined. */
export function dtmfFrequencies(digit: string): readonly [number, number] | undefined {
  const d = digit.toUpperCase();
  for (let r = 0; r < 4; r++) {
    const c = (DTMF_KEYPAD[r] as string).indexOf(d);
    if (c >= 0 && d.length === 1) return [DTMF_ROWS[r] as number, DTMF_COLS[c] as number];
  }
  return undefined;
}

const TWO_PI = 2 * Math.PI;

export class ToneGenerator {
  private readonly sampleRate: number;
  private f1 = 0;
  private f2 = 0;
  private a1 = 0;
  private a2 = 0;
  private phase1 = 0;
  private phase2 = 0;

  constructor(sampleRate = 8000) {
    this.sampleRate = sampleRate;
  }

  /** Set one or two frequencies with peak amplitudes (int16 units). Phase is kept. */
  setTone(f1: number, amplitude1: number, f2 = 0, amplitude2 = 0): void {
    this.f1 = f1;
    this.a1 = amplitude1;
    this.f2 = f2;
    this.a2 = amplitude2;
  }

  /** DTMF key with per-tone amplitudes (twist = different amplitudes). */
  setDtmf(digit: string, lowAmplitude: number, highAmplitude = lowAmplitude): void {
    const f = dtmfFrequencies(digit);
    if (!f) throw new RangeError(`not a DTMF key: ${digit}`);
    this.setTone(f[0], lowAmplitude, f[1], highAmplitude);
  }

  /** Silence (phase reset so the next tone starts at zero crossing). */
  stop(): void {
    this.a1 = 0;
    this.a2 = 0;
    this.phase1 = 0;
    this.phase2 = 0;
  }

  /** Write `length` samples to `out`; `add` mixes into existing content instead of overwriting. */
  generate(out: Int16Array, offset = 0, length = out.length - offset, add = false): void {
    const w1 = (TWO_PI * this.f1) / this.sampleRate;
    const w2 = (TWO_PI * this.f2) / this.sampleRate;
    let p1 = this.phase1;
    let p2 = this.phase2;
    for (let i = 0; i < length; i++) {
      let v = this.a1 * Math.sin(p1) + this.a2 * Math.sin(p2);
      if (add) v += out[offset + i] as number;
      out[offset + i] = v > 32767 ? 32767 : v < -32768 ? -32768 : Math.round(v);
      p1 += w1;
      p2 += w2;
    }
    // Keep phases small so precision does not degrade on long tones.
    this.phase1 = p1 % TWO_PI;
    this.phase2 = p2 % TWO_PI;
  }
}

/** One-shot sine into `out`; returns the phase to continue with. */
export function generateSine(
  out: Int16Array,
  frequency: number,
  amplitude: number,
  sampleRate = 8000,
  offset = 0,
  length = out.length - offset,
  phase = 0,
): number {
  const w = (TWO_PI * frequency) / sampleRate;
  for (let i = 0; i < length; i++) {
    const v = amplitude * Math.sin(phase + w * i);
    out[offset + i] = v > 32767 ? 32767 : v < -32768 ? -32768 : Math.round(v);
  }
  return (phase + w * length) % TWO_PI;
}

/** One-shot DTMF key into `out` (same amplitude for both tones unless given). */
export function generateDtmf(
  out: Int16Array,
  digit: string,
  lowAmplitude: number,
  highAmplitude = lowAmplitude,
  sampleRate = 8000,
  offset = 0,
  length = out.length - offset,
): void {
  const g = new ToneGenerator(sampleRate);
  g.setDtmf(digit, lowAmplitude, highAmplitude);
  g.generate(out, offset, length);
}

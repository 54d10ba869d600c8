/**
 * In-band DTMF detection on 8 kHz linear PCM, fed in frames of any size (160 in the hub).
 *
 * Eight Goertzel filters at the Q.23 frequencies plus eight at their second harmonics, evaluated
 * over blocks of 102 samples (12.75 ms). 102 is the block size SpanDSP uses: its 78 Hz resolution
 * separates neighbouring row tones (697/770 Hz lands near the first null), and two full blocks fit
 * in any 40 ms tone, so the Q.24 minimum tone duration is always caught.
 *
 * A block is a hit for key K when all of these hold:
 *   - both tones above the level threshold;
 *   - twist: high tone ≤ `normalTwistDb` above the low one, low tone ≤ `reverseTwistDb` above high;
 *   - relative peak: each tone beats the other tones of its group by `relativePeakDb`;
 *   - second harmonic: each tone's 2nd harmonic is `harmonicDb` below it (speech is harmonic rich,
 *     DTMF is not), after allowing for the known leakage of the other tone into that filter;
 *   - the two tones carry at least `toTotalEnergy` of the block's energy (noise and speech spread
 *     their energy; a DTMF pair concentrates it).
 *
 *   block hits ─► two consecutive identical results change state:
 *     idle ──(K,K)──► in digit K (report K once) ──(other,other)──► idle / next digit
 *
 * A single block of dropout inside a digit does not end it, and the same key pressed twice needs
 * two non-K blocks (≈25 ms) in between, which is the inter-digit gap check.
 */
import { dbfsToSineAmplitude } from './energy';
import { DTMF_COLS, DTMF_KEYPAD, DTMF_ROWS } from './tone-generator';

export interface GoertzelDtmfDetectorOptions {
  sampleRate?: number;
  blockSize?: number;
  /** Weakest tone accepted, in dBFS (AES17 sine level). */
  minToneDbfs?: number;
  normalTwistDb?: number;
  reverseTwistDb?: number;
  relativePeakDb?: number;
  harmonicDb?: number;
  toTotalEnergy?: number;
}

const FREQS = [...DTMF_ROWS, ...DTMF_COLS];
const NO_DIGIT = 0;

export class GoertzelDtmfDetector {
  readonly blockSize: number;
  /** Key currently held ('' when none). */
  current = '';
  private readonly coef = new Float64Array(16);
  private readonly s1 = new Float64Array(16);
  private readonly s2 = new Float64Array(16);
  private readonly power = new Float64Array(16);
  /** leak[r*4+c]: amplitude leakage of column tone c into row r's 2nd-harmonic filter. */
  private readonly leakIntoRowHarm = new Float64Array(16);
  /** leak[c*4+r]: leakage of row tone r into column c's 2nd-harmonic filter. */
  private readonly leakIntoColHarm = new Float64Array(16);
  private readonly digits: string[] = [];
  private readonly threshold: number;
  private readonly normalTwist: number;
  private readonly reverseTwist: number;
  private readonly relativePeak: number;
  private readonly harmonicRatio: number;
  private readonly toTotal: number;
  private energy = 0;
  private filled = 0;
  private lastHit = NO_DIGIT;
  private state = NO_DIGIT;

  constructor(options: GoertzelDtmfDetectorOptions = {}) {
    const fs = options.sampleRate ?? 8000;
    const n = (this.blockSize = options.blockSize ?? 102);
    for (let k = 0; k < 8; k++) {
      const f = FREQS[k] as number;
      this.coef[k] = 2 * Math.cos((2 * Math.PI * f) / fs);
      this.coef[k + 8] = 2 * Math.cos((2 * Math.PI * 2 * f) / fs);
    }
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        const fr = DTMF_ROWS[r] as number;
        const fc = DTMF_COLS[c] as number;
        this.leakIntoRowHarm[r * 4 + c] = dirichlet(2 * fr - fc, n, fs) + dirichlet(fr, n, fs);
        this.leakIntoColHarm[c * 4 + r] = dirichlet(2 * fc - fr, n, fs) + dirichlet(fc, n, fs);
      }
    }
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) this.digits.push((DTMF_KEYPAD[r] as string)[c] as string);
    }
    // A sine of amplitude A exactly at a filter's frequency yields power (A·N/2)².
    const a = dbfsToSineAmplitude(options.minToneDbfs ?? -36);
    this.threshold = ((a * n) / 2) ** 2;
    this.normalTwist = 10 ** ((options.normalTwistDb ?? 8) / 10);
    this.reverseTwist = 10 ** ((options.reverseTwistDb ?? 6) / 10);
    this.relativePeak = 10 ** ((options.relativePeakDb ?? 8) / 10);
    this.harmonicRatio = 10 ** (-(options.harmonicDb ?? 10) / 20); // amplitude ratio
    this.toTotal = options.toTotalEnergy ?? 0.6;
  }

  /**
   * Feed samples; returns the key that started in them ('' if none). At most one key can start
   * within 160 samples because a key needs two agreeing 12.75 ms blocks.
   */
  process(frame: Int16Array, offset = 0, length = frame.length - offset): string {
    let found = '';
    let i = offset;
    const end = offset + length;
    const n = this.blockSize;
    while (i < end) {
      const take = Math.min(n - this.filled, end - i);
      this.feed(frame, i, take);
      i += take;
      this.filled += take;
      if (this.filled === n) {
        const d = this.evaluateBlock();
        if (d !== '') found = d;
        this.filled = 0;
      }
    }
    return found;
  }

  reset(): void {
    this.s1.fill(0);
    this.s2.fill(0);
    this.energy = 0;
    this.filled = 0;
    this.lastHit = NO_DIGIT;
    this.state = NO_DIGIT;
    this.current = '';
  }

  private feed(x: Int16Array, from: number, count: number): void {
    const end = from + count;
    let e = this.energy;
    for (let i = from; i < end; i++) {
      const v = x[i] as number;
      e += v * v;
    }
    this.energy = e;
    // Filter-major loops keep each filter's state in registers.
    for (let k = 0; k < 16; k++) {
      const c = this.coef[k] as number;
      let s1 = this.s1[k] as number;
      let s2 = this.s2[k] as number;
      for (let i = from; i < end; i++) {
        const s0 = c * s1 - s2 + (x[i] as number);
        s2 = s1;
        s1 = s0;
      }
      this.s1[k] = s1;
      this.s2[k] = s2;
    }
  }

  /** Returns a newly started key or ''. */
  private evaluateBlock(): string {
    const p = this.power;
    for (let k = 0; k < 16; k++) {
      const s1 = this.s1[k] as number;
      const s2 = this.s2[k] as number;
      p[k] = s1 * s1 + s2 * s2 - (this.coef[k] as number) * s1 * s2;
    }
    const hit = this.classify(this.energy);
    this.s1.fill(0);
    this.s2.fill(0);
    this.energy = 0;

    let started = '';
    if (hit === this.lastHit && hit !== this.state) {
      this.state = hit;
      if (hit !== NO_DIGIT) {
        started = this.digits[hit - 1] as string;
        this.current = started;
      } else {
        this.current = '';
      }
    }
    this.lastHit = hit;
    return started;
  }

  /** 1 + index into the keypad for a valid DTMF block, else NO_DIGIT. */
  private classify(energy: number): number {
    const p = this.power;
    let row = 0;
    let col = 4;
    for (let k = 1; k < 4; k++) if ((p[k] as number) > (p[row] as number)) row = k;
    for (let k = 5; k < 8; k++) if ((p[k] as number) > (p[col] as number)) col = k;
    const r = p[row] as number;
    const c = p[col] as number;
    if (r < this.threshold || c < this.threshold) return NO_DIGIT;
    // Twist: the high group may be louder (normal twist) more than it may be quieter.
    if (c > r * this.normalTwist || r > c * this.reverseTwist) return NO_DIGIT;
    for (let k = 0; k < 4; k++) {
      if (k !== row && (p[k] as number) * this.relativePeak > r) return NO_DIGIT;
      if (k + 4 !== col && (p[k + 4] as number) * this.relativePeak > c) return NO_DIGIT;
    }
    // Second harmonic, in amplitude: |H| ≤ ratio·|F| + known leakage of the pair into that filter.
    const ra = Math.sqrt(r);
    const ca = Math.sqrt(c);
    const ci = col - 4;
    const rowLeak = (this.leakIntoRowHarm[row * 4 + ci] as number) * (ca + ra);
    const colLeak = (this.leakIntoColHarm[ci * 4 + row] as number) * (ra + ca);
    if (Math.sqrt(p[row + 8] as number) > this.harmonicRatio * ra + rowLeak) return NO_DIGIT;
    if (Math.sqrt(p[col + 8] as number) > this.harmonicRatio * ca + colLeak) return NO_DIGIT;
    // Concentration: for a clean pair, r + c equals energy·N/2.
    if (r + c < this.toTotal * energy * (this.blockSize / 2)) return NO_DIGIT;
    return 1 + row * 4 + ci;
  }
}

/** Normalised amplitude response of an N-point rectangular window at offset `df` Hz. */
function dirichlet(df: number, n: number, fs: number): number {
  const x = (Math.PI * df) / fs;
  const s = Math.sin(x);
  return Math.abs(s) < 1e-12 ? 1 : Math.abs(Math.sin(n * x) / (n * s));
}

/**
 * N-party conference mix: every participant hears the sum of all the others (never themselves),
 * clipped to int16. The total is computed once per frame in 32-bit and each output is
 * `total − own`, so the cost is O(N·frame) rather than O(N²·frame).
 *
 * Saturation instead of wrap-around: an int16 overflow that wraps turns a loud moment into a
 * full-scale click, while clipping only flattens peaks.
 */

export class ConferenceMixer {
  readonly frameSize: number;
  readonly maxParticipants: number;
  private readonly total: Int32Array;

  constructor(maxParticipants: number, frameSize = 160) {
    this.maxParticipants = maxParticipants;
    this.frameSize = frameSize;
    this.total = new Int32Array(frameSize);
  }

  /**
   * `inputs[i]` is what participant i says this frame (null = muted/listen-only/no audio);
   * `outputs[i]` receives what participant i hears (null = nobody listens, e.g. a trunk on hold).
   * Every array must hold at least `frameSize` samples.
   */
  mix(
    inputs: ReadonlyArray<Int16Array | null>,
    outputs: ReadonlyArray<Int16Array | null>,
    count = inputs.length,
  ): void {
    if (count > this.maxParticipants) throw new RangeError('too many conference participants');
    const n = this.frameSize;
    const total = this.total;
    total.fill(0);
    for (let p = 0; p < count; p++) {
      const input = inputs[p];
      if (!input) continue;
      for (let i = 0; i < n; i++) total[i] = (total[i] as number) + (input[i] as number);
    }
    for (let p = 0; p < count; p++) {
      const out = outputs[p];
      if (!out) continue;
      const input = inputs[p];
      if (input) {
        for (let i = 0; i < n; i++) {
          const v = (total[i] as number) - (input[i] as number);
          out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const v = total[i] as number;
          out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
        }
      }
    }
  }

  /** The sum of everyone (for recording the conference), clipped. Valid after `mix()`. */
  mixTotal(out: Int16Array): void {
    const total = this.total;
    for (let i = 0; i < this.frameSize; i++) {
      const v = total[i] as number;
      out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
    }
  }
}

/** out = clip(a + b): two-party helper for whisper/barge taps. `out` may alias `a`. */
export function mixAdd(out: Int16Array, a: Int16Array, b: Int16Array, length = out.length): void {
  for (let i = 0; i < length; i++) {
    const v = (a[i] as number) + (b[i] as number);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
}

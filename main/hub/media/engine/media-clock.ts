/**
 * One 20 ms clock for every locally generated stream (prompts, hold music, tones). A single
 * drift-corrected timer: each tick is scheduled for `start + n × 20 ms`, so late ticks do not
 * accumulate (setInterval drifts by the callback time on every period). If the loop stalled for
 * several periods, the missed ticks run back to back so the far end's jitter buffer catches up
 * on timestamps rather than hearing a skip.
 */
export type ClockListener = (nowMs: number) => void;

export class MediaClock {
  private readonly listeners = new Set<ClockListener>();
  private timer: NodeJS.Timeout | undefined;
  private origin = 0;
  private ticks = 0;

  constructor(
    readonly periodMs = 20,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  get size(): number {
    return this.listeners.size;
  }

  add(listener: ClockListener): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.origin = this.now();
      this.ticks = 0;
      this.schedule();
    }
    return () => this.remove(listener);
  }

  remove(listener: ClockListener): void {
    this.listeners.delete(listener);
    if (this.listeners.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    const due = this.origin + (this.ticks + 1) * this.periodMs;
    this.timer = setTimeout(() => this.fire(), Math.max(0, due - this.now()));
  }

  private fire(): void {
    const now = this.now();
    // At most 5 catch-up ticks (100 ms); beyond that, re-anchor rather than burst.
    let due = Math.floor((now - this.origin) / this.periodMs) - this.ticks;
    if (due > 5) {
      this.ticks += due - 5;
      due = 5;
    }
    for (let i = 0; i < due; i++) {
      this.ticks++;
      for (const l of this.listeners) {
        try {
          l(now);
        } catch {
          // A broken source must not stop the others' audio.
        }
      }
    }
    if (this.listeners.size > 0) this.schedule();
    else this.timer = undefined;
  }
}

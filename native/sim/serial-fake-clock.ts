// A manual clock for serial tokenizer/session tests: time moves only when advance() is called,
// and promise chains started by one timer settle before the next timer fires.

import type { Clock, TimerHandle } from '../serial/serial-clock';

interface FakeTimer {
  id: number;
  at: number;
  fn: () => void;
}

export class SerialFakeClock implements Clock {
  private time = 0;
  private nextId = 1;
  private timers: FakeTimer[] = [];

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const t = { id: this.nextId++, at: this.time + Math.max(0, ms), fn };
    this.timers.push(t);
    return { id: t.id };
  }

  clearTimeout(handle: TimerHandle): void {
    const id = (handle as { id: number }).id;
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Runs every timer due within `ms`, in time order, settling promises between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await settle();
    for (;;) {
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.fn();
      await settle();
    }
    this.time = end;
  }
}

/** Lets queued microtasks and setImmediate callbacks (mock port deliveries) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Spins the real event loop (not fake time) until `cond` holds; throws after `rounds`. */
export async function settleUntil(cond: () => boolean, what = 'condition', rounds = 500): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    if (cond()) return;
    await new Promise<void>((r) => setImmediate(r));
  }
  throw new Error(`${what} not reached after ${rounds} event-loop rounds`);
}

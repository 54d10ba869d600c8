/**
 * Deadlines of the engine (ring timeouts, wrap-up ends, max call time, max wait, sticky expiry,
 * no-answer delays) in one min-heap. Entries carry the version of their owner when scheduled; a
 * changed deadline bumps the version, so stale entries are skipped instead of searched for.
 */
export type TimerKind = 'agent' | 'call-max-wait' | 'call-sticky';

export interface TimerEntry {
  at: number;
  kind: TimerKind;
  id: string;
  version: number;
}

export class TimerHeap {
  private readonly h: TimerEntry[] = [];

  get size(): number {
    return this.h.length;
  }

  push(entry: TimerEntry): void {
    const h = this.h;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]!.at <= entry.at) break;
      h[i] = h[p]!;
      i = p;
    }
    h[i] = entry;
  }

  peek(): TimerEntry | undefined {
    return this.h[0];
  }

  pop(): TimerEntry | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const c = r < h.length && h[r]!.at < h[l]!.at ? r : l;
      if (h[c]!.at >= last.at) break;
      h[i] = h[c]!;
      i = c;
    }
    h[i] = last;
    return top;
  }
}

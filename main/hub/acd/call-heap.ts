/**
 * Waiting callers of one queue, best first: priority descending, then virtual start ascending
 * (FIFO within a priority), then arrival order. An indexed binary heap: insert, remove and peek
 * are O(log n); `inOrder()` walks callers best-first lazily without disturbing the heap.
 */
import type { QueuedCall } from './types';

export function callBefore(a: QueuedCall, b: QueuedCall): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  if (a.virtualStart !== b.virtualStart) return a.virtualStart < b.virtualStart;
  return a.seq < b.seq;
}

export class CallHeap {
  private readonly items: QueuedCall[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): QueuedCall | undefined {
    return this.items[0];
  }

  has(call: QueuedCall): boolean {
    return this.items[call.heapIndex] === call;
  }

  push(call: QueuedCall): void {
    call.heapIndex = this.items.length;
    this.items.push(call);
    this.up(call.heapIndex);
  }

  remove(call: QueuedCall): boolean {
    const i = call.heapIndex;
    if (this.items[i] !== call) return false;
    const last = this.items.pop()!;
    call.heapIndex = -1;
    if (i < this.items.length) {
      this.items[i] = last;
      last.heapIndex = i;
      this.down(i);
      this.up(last.heapIndex);
    }
    return true;
  }

  values(): readonly QueuedCall[] {
    return this.items;
  }

  /** Best-first walk: O(k log k) for the first k callers. */
  *inOrder(): Generator<QueuedCall> {
    const items = this.items;
    if (items.length === 0) return;
    const frontier: number[] = [0];
    const less = (i: number, j: number) => callBefore(items[i]!, items[j]!);
    while (frontier.length > 0) {
      // frontier is a small binary heap of indices into items
      const top = frontier[0]!;
      const last = frontier.pop()!;
      if (frontier.length > 0) {
        frontier[0] = last;
        siftDown(frontier, 0, less);
      }
      yield items[top]!;
      for (const child of [2 * top + 1, 2 * top + 2]) {
        if (child < items.length) {
          frontier.push(child);
          siftUp(frontier, frontier.length - 1, less);
        }
      }
    }
  }

  private up(i: number): void {
    const items = this.items;
    const item = items[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = items[parent]!;
      if (!callBefore(item, p)) break;
      items[i] = p;
      p.heapIndex = i;
      i = parent;
    }
    items[i] = item;
    item.heapIndex = i;
  }

  private down(i: number): void {
    const items = this.items;
    const n = items.length;
    const item = items[i]!;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && callBefore(items[r]!, items[l]!) ? r : l;
      const child = items[c]!;
      if (!callBefore(child, item)) break;
      items[i] = child;
      child.heapIndex = i;
      i = c;
    }
    items[i] = item;
    item.heapIndex = i;
  }
}

function siftUp(h: number[], i: number, less: (a: number, b: number) => boolean): void {
  while (i > 0) {
    const p = (i - 1) >> 1;
    if (!less(h[i]!, h[p]!)) break;
    [h[i], h[p]] = [h[p]!, h[i]!];
    i = p;
  }
}

function siftDown(h: number[], i: number, less: (a: number, b: number) => boolean): void {
  for (;;) {
    const l = 2 * i + 1;
    if (l >= h.length) return;
    const r = l + 1;
    const c = r < h.length && less(h[r]!, h[l]!) ? r : l;
    if (!less(h[c]!, h[i]!)) return;
    [h[i], h[c]] = [h[c]!, h[i]!];
    i = c;
  }
}

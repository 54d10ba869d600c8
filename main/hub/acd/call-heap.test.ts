import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallHeap, callBefore } from './call-heap';
import type { QueuedCall } from './types';

const call = (seq: number, priority: number, virtualStart: number) => ({ callId: `c${seq}`, seq, priority, virtualStart, heapIndex: -1 }) as QueuedCall;

describe('call heap', () => {
  it('orders by priority desc, virtual start asc, arrival', () => {
    const h = new CallHeap();
    [call(1, 0, 10), call(2, 2, 30), call(3, 0, 5), call(4, 2, 30), call(5, 1, 0)].forEach((c) => h.push(c));
    expect([...h.inOrder()].map((c) => c.callId)).toEqual(['c2', 'c4', 'c5', 'c3', 'c1']);
  });

  it('stays a sorted multiset under random pushes and removals', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(3), fc.nat(20), fc.boolean()), { maxLength: 200 }), (ops) => {
        const h = new CallHeap();
        const live: QueuedCall[] = [];
        ops.forEach(([p, v, remove], i) => {
          if (remove && live.length > 0) {
            const victim = live.splice((p * 7 + v) % live.length, 1)[0]!;
            expect(h.remove(victim)).toBe(true);
            expect(h.remove(victim)).toBe(false);
          } else {
            const c = call(i, p, v);
            live.push(c);
            h.push(c);
          }
        });
        const expected = [...live].sort((a, b) => (callBefore(a, b) ? -1 : 1));
        expect([...h.inOrder()]).toEqual(expected);
        expect(h.peek()).toBe(expected[0]);
      }),
    );
  });
});

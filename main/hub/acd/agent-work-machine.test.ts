import { describe, expect, it } from 'vitest';
import { WorkState } from '../../../protocol/agent';
import { nextWork } from './agent-work-machine';
import type { WorkEvent } from './agent-work-machine';

const EVENTS: WorkEvent[] = ['reserve', 'alert', 'answer', 'release', 'hold', 'unhold', 'consult', 'endConsult', 'hangup', 'hangupNoWrap', 'wrapUpEnd', 'dialOut', 'stale'];

// The whole table, one transition per row: anything not listed must be refused.
const LEGAL: [WorkState, WorkEvent, WorkState][] = [
  ['IDLE', 'reserve', 'RESERVED'],
  ['IDLE', 'dialOut', 'OUTBOUND'],
  ['RESERVED', 'alert', 'ALERTING'],
  ['RESERVED', 'answer', 'TALKING'],
  ['RESERVED', 'release', 'IDLE'],
  ['ALERTING', 'answer', 'TALKING'],
  ['ALERTING', 'release', 'IDLE'],
  ['TALKING', 'hold', 'HOLD'],
  ['TALKING', 'consult', 'CONSULT'],
  ['TALKING', 'hangup', 'WRAPUP'],
  ['TALKING', 'hangupNoWrap', 'IDLE'],
  ['TALKING', 'stale', 'IDLE'],
  ['HOLD', 'unhold', 'TALKING'],
  ['HOLD', 'consult', 'CONSULT'],
  ['HOLD', 'hangup', 'WRAPUP'],
  ['HOLD', 'hangupNoWrap', 'IDLE'],
  ['HOLD', 'stale', 'IDLE'],
  ['CONSULT', 'endConsult', 'TALKING'],
  ['CONSULT', 'hangup', 'WRAPUP'],
  ['CONSULT', 'hangupNoWrap', 'IDLE'],
  ['CONSULT', 'stale', 'IDLE'],
  ['WRAPUP', 'wrapUpEnd', 'IDLE'],
  ['OUTBOUND', 'hangup', 'WRAPUP'],
  ['OUTBOUND', 'hangupNoWrap', 'IDLE'],
  ['OUTBOUND', 'stale', 'IDLE'],
];

describe('agent work machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, event, to) => {
    expect(nextWork(from, event)).toBe(to);
  });

  it('refuses every other move', () => {
    for (const from of WorkState.options) {
      for (const event of EVENTS) {
        if (LEGAL.some(([f, e]) => f === from && e === event)) continue;
        expect(nextWork(from, event), `${from} --${event}-->`).toBeUndefined();
      }
    }
  });

  it('IDLE is reachable from every state (no dead ends)', () => {
    for (const from of WorkState.options) {
      const seen = new Set<WorkState>([from]);
      const todo = [from];
      while (todo.length > 0) {
        const s = todo.pop()!;
        for (const e of EVENTS) {
          const to = nextWork(s, e);
          if (to && !seen.has(to)) {
            seen.add(to);
            todo.push(to);
          }
        }
      }
      expect(seen.has('IDLE'), from).toBe(true);
    }
  });
});

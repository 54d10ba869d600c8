import { describe, expect, it } from 'vitest';
import { harness, offers } from './testing/acd-test-kit';

describe('overflow', () => {
  it('max wait: a caller waiting too long leaves with the configured target', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxWaitS: 60, overflow: { maxWait: { kind: 'voicemail', mailbox: 'q' } } } }]);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q', priority: 2 });
    expect(h.advance(59_999)).toEqual([]);
    expect(h.advance(1)).toEqual([
      { type: 'overflow', callId: 'k1', queue: 'q', trigger: 'max-wait', target: { kind: 'voicemail', mailbox: 'q' }, virtualStart: h.clock.t - 60_000, priority: 2, waitedMs: 60_000, callback: null },
    ]);
    expect(h.engine.callView('k1')).toBeUndefined();
    expect(h.log('EXITWITHTIMEOUT')).toHaveLength(1);
  });

  it('max wait also ends a ring in progress', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxWaitS: 10, ringTimeoutS: 30, overflow: { maxWait: { kind: 'queue', queue: 'other' } } } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    const d = h.advance(10_000);
    expect(d.map((x) => x.type)).toEqual(['cancel-offer', 'overflow']);
    expect(h.engine.agentView('a')).toMatchObject({ work: 'IDLE', presence: 'READY' });
  });

  it('max length: a caller beyond the limit is refused at once (FULL)', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxLength: 2, overflow: { maxLength: { kind: 'announcement', prompt: 'busy' } } } }]);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    const d = h.engine.enqueue({ callId: 'k3', queue: 'q' });
    expect(d).toMatchObject([{ type: 'overflow', callId: 'k3', trigger: 'max-length', target: { kind: 'announcement', prompt: 'busy' } }]);
    expect(h.log('FULL')).toHaveLength(1);
    expect(h.engine.callView('k3')).toBeUndefined();
  });

  it('no agents logged in: a caller is refused at entry (JOINEMPTY)', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { overflow: { noAgents: { kind: 'callback' } } } }]);
    expect(h.engine.enqueue({ callId: 'k1', queue: 'q' })).toMatchObject([{ type: 'overflow', trigger: 'no-agents', target: { kind: 'callback' } }]);
  });

  it('no agents logged in: waiting callers leave when the last agent logs out (EXITEMPTY)', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { overflow: { noAgents: { kind: 'queue', queue: 'backup' } } } }]);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    expect(h.engine.logout('a')).toMatchObject([{ type: 'overflow', callId: 'k1', trigger: 'no-agents', target: { kind: 'queue', queue: 'backup' } }]);
    expect(h.log('EXITEMPTY')).toHaveLength(1);
  });

  it('without a no-agents target callers join and wait (Asterisk joinempty=yes)', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    expect(h.engine.enqueue({ callId: 'k1', queue: 'q' })).toEqual([]);
    expect(h.engine.callView('k1')?.state).toBe('waiting');
  });

  it('a caller overflowed to another queue keeps their place with the virtual start', () => {
    const h = harness([
      { name: 'A', members: ['a'], config: { maxWaitS: 30, overflow: { maxWait: { kind: 'queue', queue: 'B' } } } },
      { name: 'B', members: ['b'] },
    ]);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'old', queue: 'A' });
    h.advance(10_000);
    h.engine.enqueue({ callId: 'young', queue: 'B' });
    const [d] = h.advance(20_000);
    if (d?.type !== 'overflow') throw new Error('expected overflow');
    h.engine.enqueue({ callId: 'old', queue: 'B', virtualStart: d.virtualStart, priority: d.priority });
    expect(h.engine.waitingCallers('B').map((c) => c.callId)).toEqual(['old', 'young']);
  });
});

describe('callback in queue', () => {
  it('keeps the caller place and is offered with the number when its turn comes', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.advance(1000);
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    h.engine.requestCallback('k1', '13800138001');
    expect(h.engine.waitingCallers('q').map((c) => [c.callId, c.callback])).toEqual([
      ['k1', true],
      ['k2', false],
    ]);
    expect(h.ready('a')).toMatchObject([{ type: 'offer', callId: 'k1', agentIds: ['a'], callback: { number: '13800138001' } }]);
  });

  it('dials no more callbacks than there are free agents', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'] }]);
    h.engine.login('a');
    for (let i = 0; i < 5; i++) {
      h.engine.enqueue({ callId: `k${i}`, queue: 'q' });
      h.engine.requestCallback(`k${i}`, `1380013800${i}`);
    }
    expect(offers(h.ready('a', 'b'))).toHaveLength(2);
  });

  it('a callback request counts once, and the queued callback is not an abandon', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.engine.login('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.requestCallback('k1', '1');
    h.engine.requestCallback('k1', '1');
    expect(h.log().map((e) => e.event)).toEqual(['ENTERQUEUE', 'CALLBACKREQUEST']);
  });
});

describe('position and estimated wait', () => {
  it('gives position and an estimate from position, staffed agents and handle time', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { defaultAhtS: 120 } }]);
    h.ready('a', 'b');
    h.engine.setNotReady('a', 'BREAK');
    h.engine.setNotReady('b', 'BREAK');
    h.engine.setReady('a');
    h.engine.setReady('b');
    h.engine.enqueue({ callId: 'x1', queue: 'q' });
    h.engine.enqueue({ callId: 'x2', queue: 'q' });
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    expect(h.engine.announcement('k2')).toMatchObject({ position: 2, ewtS: 120 }); // 2 × 120 s / 2 agents
  });

  it('never announces a larger estimate than before (pitfall 13)', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { defaultAhtS: 60 } }]);
    h.ready('a', 'b');
    h.engine.enqueue({ callId: 'x1', queue: 'q' });
    h.engine.enqueue({ callId: 'x2', queue: 'q' });
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    expect(h.engine.announcement('k1')?.ewtS).toBe(30);
    h.engine.setNotReady('b', 'BREAK'); // staffing halves: the raw estimate would double
    h.advance(120_000);
    expect(h.engine.announcement('k1')?.ewtS).toBe(30);
  });

  it('has no estimate while nobody is staffed', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    expect(h.engine.announcement('k1')).toMatchObject({ position: 1, ewtS: null });
  });
});

import { describe, expect, it } from 'vitest';
import { harness, offeredAgents, offers } from './testing/acd-test-kit';

describe('caller order and fairness', () => {
  it('a higher priority (VIP tier) is offered first; FIFO within a priority', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.engine.enqueue({ callId: 'n1', queue: 'q', tier: 'NORMAL' });
    h.advance(1000);
    h.engine.enqueue({ callId: 'g1', queue: 'q', tier: 'GOLD' });
    h.advance(1000);
    h.engine.enqueue({ callId: 'd1', queue: 'q', tier: 'DIAMOND' });
    h.engine.enqueue({ callId: 'n2', queue: 'q', tier: 'NORMAL' });
    expect(h.engine.waitingCallers('q').map((c) => c.callId)).toEqual(['d1', 'g1', 'n1', 'n2']);
    expect(offers(h.ready('a'))).toEqual([{ callId: 'd1', agentIds: ['a'] }]);
  });

  it('an explicit priority overrides the tier', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.engine.enqueue({ callId: 'd1', queue: 'q', tier: 'DIAMOND' });
    h.engine.enqueue({ callId: 'p9', queue: 'q', tier: 'NORMAL', priority: 9 });
    expect(offers(h.ready('a'))[0]?.callId).toBe('p9');
  });

  it('an agent in several queues takes the oldest caller of all of them (agent-centric, pitfall 3)', () => {
    const h = harness([
      { name: 'A', members: ['x'] },
      { name: 'B', members: ['x'] },
    ]);
    h.engine.enqueue({ callId: 'b-old', queue: 'B' });
    h.advance(5000);
    h.engine.enqueue({ callId: 'a-new', queue: 'A' });
    expect(offers(h.ready('x'))).toEqual([{ callId: 'b-old', agentIds: ['x'] }]);
  });

  it('a lower-priority arrival does not take an agent owed to a higher-priority caller elsewhere', () => {
    // y serves A and B; the VIP in B waits for a skill only x has... then x leaves and y frees up.
    const h = harness([
      { name: 'A', members: ['y'] },
      { name: 'B', members: ['y'] },
    ]);
    h.engine.enqueue({ callId: 'vip', queue: 'B', priority: 5 });
    h.engine.enqueue({ callId: 'normal', queue: 'A', priority: 0 });
    expect(offers(h.ready('y'))).toEqual([{ callId: 'vip', agentIds: ['y'] }]);
  });
});

describe('sticky agent', () => {
  it('only the preferred agent is offered until the sticky wait ends', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { stickyMaxWaitS: 20 } }]);
    h.ready('b');
    h.ready('a');
    h.engine.setNotReady('a', 'BREAK');
    expect(offers(h.engine.enqueue({ callId: 'k1', queue: 'q', stickyAgent: 'a' }))).toEqual([]);
    expect(offers(h.advance(19_999))).toEqual([]);
    expect(offers(h.advance(1))).toEqual([{ callId: 'k1', agentIds: ['b'] }]);
  });

  it('the preferred agent gets the call as soon as they are ready', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'] }]);
    h.ready('b');
    h.ready('a');
    h.engine.setNotReady('a', 'BREAK');
    h.engine.enqueue({ callId: 'k1', queue: 'q', stickyAgent: 'a', stickyMaxWaitS: 60 });
    h.advance(5000);
    expect(offers(h.engine.setReady('a'))).toEqual([{ callId: 'k1', agentIds: ['a'] }]);
  });

  it('a sticky agent who is not logged in does not hold the call', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'] }]);
    h.ready('b');
    expect(offeredAgents(h.engine.enqueue({ callId: 'k1', queue: 'q', stickyAgent: 'a' }))).toEqual(['b']);
  });
});

describe('offers', () => {
  it('a no-answer puts the call back at the head with its original enqueue time (pitfall 4)', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { maxNoAnswer: 1 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'first', queue: 'q' });
    h.advance(1000);
    h.engine.enqueue({ callId: 'second', queue: 'q' });
    h.engine.noAnswer('first', 'a', 'timeout'); // a goes NOT_READY(RONA): nobody can take either call now
    const waiting = h.engine.waitingCallers('q');
    expect(waiting.map((c) => c.callId)).toEqual(['first', 'second']);
    expect(h.engine.callView('first')?.virtualStart).toBe(h.engine.callView('first')?.enqueuedAt);
  });

  it('the ring timeout is a deadline: the offer is cancelled and the call requeued', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { ringTimeoutS: 15, maxNoAnswer: 0 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.alerting('k1', 'a');
    expect(h.advance(14_999)).toEqual([]);
    const d = h.advance(1);
    expect(d[0]).toEqual({ type: 'cancel-offer', callId: 'k1', agentId: 'a', reason: 'timeout' });
    expect(h.log('RINGNOANSWER')).toHaveLength(1);
  });

  it('the silent agent is skipped for that call while someone else can take it (pitfall 8)', () => {
    const h = harness([{ name: 'q', strategy: 'linear', members: ['a', 'b'], config: { maxNoAnswer: 0 } }], {});
    h.ready('a', 'b');
    h.engine.enqueue({ callId: 'k1', queue: 'q' }); // a
    h.engine.enqueue({ callId: 'k2', queue: 'q' }); // b
    h.engine.answered('k2', 'b');
    const d = h.engine.noAnswer('k1', 'a');
    expect(offers(d)).toEqual([]); // a is routable again, but not for k1
    h.engine.enqueue({ callId: 'k3', queue: 'q' });
    expect(h.engine.callView('k3')?.offeredTo).toEqual(['a']);
    expect(offers(h.engine.callEnded('k2'))).toEqual([{ callId: 'k1', agentIds: ['b'] }]);
  });

  it('when every logged-in member let the call ring out, it is offered again', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxNoAnswer: 0 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    expect(offers(h.engine.noAnswer('k1', 'a'))).toEqual([{ callId: 'k1', agentIds: ['a'] }]);
  });

  it('an agent is never given two calls: a second answer is rejected (pitfall 9)', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    expect(h.engine.callView('k2')?.state).toBe('waiting');
    expect(h.engine.answered('k2', 'a')).toEqual([{ type: 'reject-answer', callId: 'k2', agentId: 'a' }]);
    expect(h.engine.agentView('a')?.callId).toBe('k1');
  });

  it('ring-all: the first answer wins, the others are released without a miss (pitfall 10)', () => {
    const h = harness([{ name: 'q', strategy: 'ring-all', members: ['a', 'b', 'c'], config: { maxNoAnswer: 1 } }]);
    h.ready('a', 'b', 'c');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    const d = h.engine.answered('k1', 'b');
    expect(d.filter((x) => x.type === 'cancel-offer')).toEqual([
      { type: 'cancel-offer', callId: 'k1', agentId: 'a', reason: 'answered-elsewhere' },
      { type: 'cancel-offer', callId: 'k1', agentId: 'c', reason: 'answered-elsewhere' },
    ]);
    expect(h.engine.answered('k1', 'a')).toEqual([{ type: 'reject-answer', callId: 'k1', agentId: 'a' }]);
    expect(['a', 'c'].map((id) => h.engine.agentView(id)?.presence)).toEqual(['READY', 'READY']);
  });

  it('answers are idempotent per call id', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.answered('k1', 'a');
    expect(h.engine.answered('k1', 'a')).toEqual([]);
    expect(h.engine.enqueue({ callId: 'k1', queue: 'q' })).toEqual([]);
    expect(h.log('CONNECT')).toHaveLength(1);
  });

  it('a disconnected agent goes OFFLINE and the call ringing there returns to the head', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'] }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.advance(1000);
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    const d = h.engine.agentDisconnected('a');
    expect(d).toEqual([{ type: 'cancel-offer', callId: 'k1', agentId: 'a', reason: 'agent-offline' }]);
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'OFFLINE', work: 'IDLE' });
    expect(h.engine.waitingCallers('q').map((c) => c.callId)).toEqual(['k1', 'k2']);
    expect(offers(h.ready('b'))).toEqual([{ callId: 'k1', agentIds: ['b'] }]);
  });

  it('a caller who hangs up while ringing cancels the offer without a miss', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxNoAnswer: 1 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    const d = h.engine.callEnded('k1', 'caller');
    expect(d).toEqual([{ type: 'cancel-offer', callId: 'k1', agentId: 'a', reason: 'caller-gone' }]);
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'READY', work: 'IDLE' });
    expect(h.log('ABANDON')).toHaveLength(1);
  });
});

describe('membership', () => {
  it('an agent paused in one queue still takes calls from their other queues', () => {
    const h = harness([
      { name: 'A', members: ['a'] },
      { name: 'B', members: ['a'] },
    ]);
    h.ready('a');
    h.engine.setMemberPaused('a', 'A', true);
    expect(offers(h.engine.enqueue({ callId: 'k1', queue: 'A' }))).toEqual([]);
    expect(offers(h.engine.enqueue({ callId: 'k2', queue: 'B' }))).toEqual([{ callId: 'k2', agentIds: ['a'] }]);
  });
});

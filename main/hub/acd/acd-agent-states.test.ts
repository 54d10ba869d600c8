import { describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../protocol/errors';
import { harness, offers } from './testing/acd-test-kit';

function talk(h: ReturnType<typeof harness>, callId: string, queue: string, agent: string): void {
  h.engine.enqueue({ callId, queue });
  h.engine.answered(callId, agent);
}

describe('wrap-up', () => {
  it('follows the queue timer, then the agent is offered again', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { wrapUpS: 30 } }]);
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.engine.callEnded('k1', 'agent');
    expect(h.engine.agentView('a')).toMatchObject({ work: 'WRAPUP', deadline: h.clock.t + 30_000 });
    expect(h.engine.enqueue({ callId: 'k2', queue: 'q' })).toEqual([]);
    expect(h.advance(29_999)).toEqual([]);
    expect(offers(h.advance(1))).toEqual([{ callId: 'k2', agentIds: ['a'] }]);
  });

  it('can be ended early by the agent', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { wrapUpS: 300 } }]);
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.engine.callEnded('k1');
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    expect(offers(h.engine.endWrapUp('a'))).toEqual([{ callId: 'k2', agentIds: ['a'] }]);
  });

  it('is agent-level: wrap-up after a call of one queue blocks every queue (pitfall 5)', () => {
    const h = harness([
      { name: 'A', members: ['a'], config: { wrapUpS: 20 } },
      { name: 'B', members: ['a'], config: { wrapUpS: 0 } },
    ]);
    h.ready('a');
    talk(h, 'k1', 'A', 'a');
    h.engine.callEnded('k1');
    expect(h.engine.enqueue({ callId: 'k2', queue: 'B' })).toEqual([]);
    expect(h.engine.agentView('a')?.work).toBe('WRAPUP');
  });

  it('a queue without wrap-up sends the agent straight back to IDLE', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { wrapUpS: 0 } }]);
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.engine.callEnded('k1');
    expect(h.engine.agentView('a')).toMatchObject({ work: 'IDLE', routable: true, deadline: null });
  });
});

describe('presence while working', () => {
  it('a not-ready request during a call is pending and applied when work returns to IDLE', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { wrapUpS: 10 } }]);
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.engine.setNotReady('a', 'MEAL');
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'READY', pending: { presence: 'NOT_READY', reason: 'MEAL' } });
    h.engine.callEnded('k1');
    h.advance(10_000);
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'NOT_READY', reason: 'MEAL', pending: null, work: 'IDLE' });
  });

  it('READY requested in wrap-up after a break keeps the agent READY (Finesse WORK_READY)', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { wrapUpS: 10 } }]);
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.engine.setNotReady('a', 'BREAK');
    h.engine.setReady('a'); // the last request wins
    h.engine.callEnded('k1');
    h.advance(10_000);
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'READY', routable: true });
  });

  it('refuses illegal presence moves with a documented code', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    expect(() => h.engine.setReady('a')).toThrow(BranchlineError);
    expect(() => h.engine.setReady('nobody')).toThrowError(expect.objectContaining({ code: 'BL_ERR_ACD_UNKNOWN_AGENT' }));
  });

  it('a reconnecting agent comes back NOT_READY(DESKTOP_LOST)', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.ready('a');
    h.engine.agentDisconnected('a');
    h.engine.agentReconnected('a');
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'NOT_READY', reason: 'DESKTOP_LOST' });
  });

  it('dial-out is compare-and-set on IDLE', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    expect(() => h.engine.dialOut('a', 'o1')).toThrowError(expect.objectContaining({ code: 'BL_ERR_ACD_AGENT_BUSY' }));
  });
});

describe('no-answer policy (RONA)', () => {
  it('by default one miss sets the agent NOT_READY(RONA)', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.noAnswer('k1', 'a');
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'NOT_READY', reason: 'RONA' });
  });

  it('with maxNoAnswer 2 only the second consecutive miss does', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxNoAnswer: 2 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.noAnswer('k1', 'a'); // re-offered at once: a is the only member
    expect(h.engine.agentView('a')?.presence).toBe('READY');
    h.engine.noAnswer('k1', 'a');
    expect(h.engine.agentView('a')).toMatchObject({ presence: 'NOT_READY', reason: 'RONA' });
  });

  it('an answer resets the consecutive miss count', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxNoAnswer: 2 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.noAnswer('k1', 'a');
    h.engine.answered('k1', 'a');
    h.engine.callEnded('k1');
    h.engine.enqueue({ callId: 'k2', queue: 'q' });
    h.engine.noAnswer('k2', 'a');
    expect(h.engine.agentView('a')?.presence).toBe('READY');
  });

  it('maxNoAnswer 0 never sets RONA', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { maxNoAnswer: 0 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    for (let i = 0; i < 5; i++) h.engine.noAnswer('k1', 'a');
    expect(h.engine.agentView('a')?.presence).toBe('READY');
  });

  it('a ring-all group ring-out never sets RONA (pitfall 7)', () => {
    const h = harness([{ name: 'q', strategy: 'ring-all', members: ['a', 'b'], config: { ringTimeoutS: 15 } }]);
    h.ready('a', 'b');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.advance(15_000);
    expect(['a', 'b'].map((id) => h.engine.agentView(id)?.presence)).toEqual(['READY', 'READY']);
  });

  it('the no-answer delay keeps the agent out of routing for a while', () => {
    const h = harness([{ name: 'q', members: ['a', 'b'], config: { maxNoAnswer: 0, noAnswerDelayS: 5 } }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    h.engine.noAnswer('k1', 'a'); // b is logged out: a is the only one, but must wait 5 s
    expect(h.engine.agentView('a')?.routable).toBe(false);
    expect(offers(h.advance(5000))).toEqual([{ callId: 'k1', agentIds: ['a'] }]);
  });
});

describe('deadlines', () => {
  it('a call with no sign of life past the max call time releases the agent (pitfall 1)', () => {
    const h = harness([{ name: 'q', members: ['a'], config: { wrapUpS: 10 } }], { maxCallMs: 3_600_000 });
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    expect(h.engine.nextDeadline()).toBe(h.clock.t + 3_600_000);
    const d = h.advance(3_600_000);
    expect(d).toEqual([{ type: 'release-stale', callId: 'k1', agentId: 'a' }]);
    expect(h.engine.agentView('a')).toMatchObject({ work: 'IDLE', routable: true });
    expect(h.log('STALE')).toHaveLength(1);
  });

  it('keepAlive pushes the stale deadline out', () => {
    const h = harness([{ name: 'q', members: ['a'] }], { maxCallMs: 60_000 });
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.advance(50_000);
    h.engine.keepAlive('k1');
    expect(h.advance(50_000)).toEqual([]);
    expect(h.engine.agentView('a')?.work).toBe('TALKING');
  });

  it('hold and consult follow the call and keep a deadline', () => {
    const h = harness([{ name: 'q', members: ['a'] }]);
    h.ready('a');
    talk(h, 'k1', 'q', 'a');
    h.engine.hold('k1');
    expect(h.engine.agentView('a')?.work).toBe('HOLD');
    h.engine.consult('k1');
    expect(h.engine.agentView('a')?.work).toBe('CONSULT');
    h.engine.endConsult('k1');
    expect(h.engine.agentView('a')).toMatchObject({ work: 'TALKING' });
    expect(h.engine.agentView('a')?.deadline).not.toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { harness, offeredAgents, offers } from './testing/acd-test-kit';

/** Answers and hangs up a call at once (wrap-up 0 in these queues). */
function handle(h: ReturnType<typeof harness>, callId: string, agentId: string, talkMs = 0): void {
  h.engine.answered(callId, agentId);
  h.advance(talkMs);
  h.engine.callEnded(callId, 'caller');
}

describe('queue strategies', () => {
  it('longest-idle offers the agent idle longest', () => {
    const h = harness([{ name: 'q', strategy: 'longest-idle', members: ['a', 'b', 'c'] }]);
    h.ready('b');
    h.advance(1000);
    h.ready('c');
    h.advance(1000);
    h.ready('a');
    expect(offeredAgents(h.engine.enqueue({ callId: 'k1', queue: 'q' }))).toEqual(['b']);
  });

  it('longest-idle counts idle from max(wrap-up end, last READY), not from the last call (pitfall 18)', () => {
    const h = harness([{ name: 'q', strategy: 'longest-idle', members: ['a', 'c'] }]);
    h.ready('a', 'c');
    h.engine.setNotReady('c', 'BREAK'); // c on a long break
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    handle(h, 'k1', 'a', 60_000); // a works until T0+60s
    h.advance(60_000);
    h.engine.setReady('c'); // c back from break at T0+120s: idle since then, not since login
    expect(offeredAgents(h.engine.enqueue({ callId: 'k2', queue: 'q' }))).toEqual(['a']);
  });

  it('round-robin resumes after the member offered last', () => {
    const h = harness([{ name: 'q', strategy: 'round-robin', members: ['a', 'b', 'c'] }]);
    h.ready('a', 'b', 'c');
    const picked: string[] = [];
    for (let i = 1; i <= 4; i++) {
      const d = h.engine.enqueue({ callId: `k${i}`, queue: 'q' });
      const agent = offeredAgents(d)[0]!;
      picked.push(agent);
      handle(h, `k${i}`, agent);
    }
    expect(picked).toEqual(['a', 'b', 'c', 'a']);
  });

  it('linear always hunts from the top of the configured order', () => {
    const h = harness([{ name: 'q', strategy: 'linear', members: ['c', 'a', 'b'] }]);
    h.ready('a', 'b', 'c');
    const first = offeredAgents(h.engine.enqueue({ callId: 'k1', queue: 'q' }));
    handle(h, 'k1', 'c');
    const second = offeredAgents(h.engine.enqueue({ callId: 'k2', queue: 'q' }));
    const third = offeredAgents(h.engine.enqueue({ callId: 'k3', queue: 'q' }));
    expect([first, second, third]).toEqual([['c'], ['c'], ['a']]);
  });

  it('fewest-calls offers the agent with the fewest calls answered today', () => {
    const h = harness([{ name: 'q', strategy: 'fewest-calls', members: ['a', 'b'] }]);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' });
    handle(h, 'k1', 'a');
    h.ready('b');
    h.advance(1000);
    // a is idle longer now, but has one call today and b has none
    expect(offeredAgents(h.engine.enqueue({ callId: 'k2', queue: 'q' }))).toEqual(['b']);
  });

  it('fewest-calls counters restart at the branch-local midnight', () => {
    const h = harness([{ name: 'q', strategy: 'fewest-calls', members: ['a', 'b'] }]);
    h.ready('b');
    h.advance(1000);
    h.ready('a');
    h.engine.enqueue({ callId: 'k1', queue: 'q' }); // b (longest idle)
    handle(h, 'k1', 'b');
    h.advance(24 * 3_600_000); // next day: both at 0, a idle longer
    expect(offeredAgents(h.engine.enqueue({ callId: 'k2', queue: 'q' }))).toEqual(['a']);
  });

  it('least-talk-time offers the agent with the least talk time today, even if idle shorter', () => {
    const h = harness([{ name: 'q', strategy: 'least-talk-time', members: ['a', 'b'], config: { ringTimeoutS: 300 } }]);
    h.ready('a', 'b');
    h.engine.enqueue({ callId: 'k1', queue: 'q' }); // a
    h.engine.enqueue({ callId: 'k2', queue: 'q' }); // b
    h.engine.answered('k2', 'b');
    h.advance(100_000);
    h.engine.callEnded('k2'); // b: 100 s talk, idle since T0+100s
    h.advance(100_000);
    h.engine.answered('k1', 'a');
    h.advance(50_000);
    h.engine.callEnded('k1'); // a: 50 s talk, idle since T0+250s
    expect(offeredAgents(h.engine.enqueue({ callId: 'k3', queue: 'q' }))).toEqual(['a']);
  });

  it('random is reproducible for a seed and spreads calls', () => {
    const run = (seed: number) => {
      const h = harness([{ name: 'q', strategy: 'random', members: ['a', 'b', 'c', 'd'] }], { seed });
      h.ready('a', 'b', 'c', 'd');
      const picked: string[] = [];
      for (let i = 0; i < 12; i++) {
        const agent = offeredAgents(h.engine.enqueue({ callId: `k${i}`, queue: 'q' }))[0]!;
        picked.push(agent);
        handle(h, `k${i}`, agent);
      }
      return picked;
    };
    expect(run(42)).toEqual(run(42));
    expect(new Set(run(42)).size).toBeGreaterThan(1);
  });

  it('skills offers the most skilled agent meeting the minimum level', () => {
    const h = harness(
      [{ name: 'q', strategy: 'skills', members: ['a', 'b', 'c'], config: { requiredSkills: [{ skill: 'complaint', minLevel: 5 }] } }],
      { skills: { a: { complaint: 3 }, b: { complaint: 6 }, c: { complaint: 9 } } },
    );
    h.ready('a', 'b', 'c');
    expect(offeredAgents(h.engine.enqueue({ callId: 'k1', queue: 'q' }))).toEqual(['c']);
    expect(offeredAgents(h.engine.enqueue({ callId: 'k2', queue: 'q' }))).toEqual(['b']);
    expect(offeredAgents(h.engine.enqueue({ callId: 'k3', queue: 'q' }))).toEqual([]); // a is under level 5
  });

  it('skills breaks a tie by longest idle', () => {
    const h = harness([{ name: 'q', strategy: 'skills', members: ['a', 'b'], config: { requiredSkills: [{ skill: 'vip', minLevel: 1 }] } }], {
      skills: { a: { vip: 5 }, b: { vip: 5 } },
    });
    h.ready('b');
    h.advance(1000);
    h.ready('a');
    expect(offeredAgents(h.engine.enqueue({ callId: 'k1', queue: 'q' }))).toEqual(['b']);
  });

  it('a call can require skills of its own on top of the queue', () => {
    const h = harness([{ name: 'q', strategy: 'longest-idle', members: ['a', 'b'] }], { skills: { b: { cantonese: 4 } } });
    h.ready('a', 'b');
    const d = h.engine.enqueue({ callId: 'k1', queue: 'q', requiredSkills: [{ skill: 'cantonese', minLevel: 2 }] });
    expect(offeredAgents(d)).toEqual(['b']);
  });

  it('ring-all rings every routable member of the best penalty together', () => {
    const h = harness([{ name: 'q', strategy: 'ring-all', members: ['a', 'b', { agentId: 'c', penalty: 1 }] }]);
    h.ready('a', 'b', 'c');
    expect(offers(h.engine.enqueue({ callId: 'k1', queue: 'q' }))).toEqual([{ callId: 'k1', agentIds: ['a', 'b'] }]);
  });

  it('penalty is a tier: a higher penalty is offered only when no lower one is routable', () => {
    const h = harness([{ name: 'q', strategy: 'linear', members: [{ agentId: 'a', penalty: 2 }, { agentId: 'b', penalty: 0 }] }]);
    h.ready('a', 'b');
    expect(offeredAgents(h.engine.enqueue({ callId: 'k1', queue: 'q' }))).toEqual(['b']);
    expect(offeredAgents(h.engine.enqueue({ callId: 'k2', queue: 'q' }))).toEqual(['a']);
  });
});

/**
 * Property tests over random arrivals, answers, no-answers, hangups, callbacks, hold, dial-outs,
 * agent disconnects and presence changes, with the clock moving in random steps. After every
 * command the invariants below must hold; fast-check shrinks any failure to a minimal script.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../protocol/errors';
import { isInCall, isOffered } from './agent-work-machine';
import type { AcdEngine } from './acd-engine';
import { harness } from './testing/acd-test-kit';
import type { QueueSpec } from './testing/acd-test-kit';
import type { AcdDecision, CallView } from './types';

const AGENTS = ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
const QUEUES: QueueSpec[] = [
  { name: 'Q0', strategy: 'longest-idle', members: ['a0', 'a1', 'a2', 'a3'], config: { wrapUpS: 5, maxNoAnswer: 1, ringTimeoutS: 10 } },
  { name: 'Q1', strategy: 'ring-all', members: ['a2', 'a3', 'a4', 'a5'], config: { wrapUpS: 0, maxWaitS: 60, overflow: { maxWait: { kind: 'voicemail' } } } },
  {
    name: 'Q2',
    strategy: 'round-robin',
    members: ['a0', 'a4', { agentId: 'a5', penalty: 1 }],
    config: { wrapUpS: 3, maxNoAnswer: 2, maxLength: 3, noAnswerDelayS: 2, overflow: { maxLength: { kind: 'queue', queue: 'Q0' }, noAgents: { kind: 'callback' } } },
  },
  { name: 'Q3', strategy: 'skills', members: ['a1', 'a3', 'a5'], config: { requiredSkills: [{ skill: 'vip', minLevel: 3 }], wrapUpS: 2 } },
];
const SKILLS = { a1: { vip: 2 }, a3: { vip: 7 }, a5: { vip: 4 } };
const MEMBERS = new Map(QUEUES.map((q) => [q.name, new Set(q.members.map((m) => (typeof m === 'string' ? m : m.agentId)))]));

type Op =
  | { kind: 'arrive'; q: number; prio: number; sticky: number | null }
  | { kind: 'answer' | 'noAnswer' | 'hangup' | 'callback' | 'hold' | 'alert'; pick: number; alt: number }
  | { kind: 'presence'; agent: number; cmd: number }
  | { kind: 'dialOut' | 'endWrap'; agent: number }
  | { kind: 'advance'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('arrive' as const), q: fc.nat(3), prio: fc.nat(3), sticky: fc.option(fc.nat(5), { freq: 4 }) }) },
  ...(['answer', 'noAnswer', 'hangup', 'callback', 'hold', 'alert'] as const).map((kind) => ({
    weight: kind === 'answer' || kind === 'hangup' ? 4 : 2,
    arbitrary: fc.record({ kind: fc.constant(kind), pick: fc.nat(50), alt: fc.nat(3) }),
  })),
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('presence' as const), agent: fc.nat(5), cmd: fc.nat(6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dialOut' as const), agent: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endWrap' as const), agent: fc.nat(5) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.oneof(fc.nat(3000), fc.nat(40_000), fc.constant(200_000)) }) },
);

function pickOf<T>(items: readonly T[], i: number): T | undefined {
  return items.length === 0 ? undefined : items[i % items.length];
}

function eligible(engine: AcdEngine, agentId: string, c: CallView, now: number): boolean {
  if (!MEMBERS.get(c.queue)!.has(agentId) || c.skipped.includes(agentId)) return false;
  if (c.queue === 'Q3' && ((SKILLS as Record<string, { vip: number }>)[agentId]?.vip ?? 0) < 3) return false;
  if (c.stickyAgent && c.stickyAgent !== agentId && now < c.stickyUntil && MEMBERS.get(c.queue)!.has(c.stickyAgent)) {
    const p = engine.agentView(c.stickyAgent)?.presence;
    if (p === 'READY' || p === 'NOT_READY') return false;
  }
  return true;
}

/** Strictly ahead in line: higher priority, or older virtual start at the same priority. */
const better = (x: CallView, y: CallView) => x.priority > y.priority || (x.priority === y.priority && x.virtualStart < y.virtualStart);

const STATS = { ops: 0, connected: 0 };
function run(initiallyReady: string[], ops: Op[]): void {
  const h = harness(QUEUES, { skills: SKILLS, maxCallMs: 120_000 });
  const { engine, clock } = h;
  h.ready(...initiallyReady);
  const present = new Set<string>();
  const outbound = new Map<string, string>();
  let n = 0;

  const apply = (decisions: AcdDecision[]) => {
    for (const d of decisions) {
      if (d.type === 'overflow') present.delete(d.callId);
      if (d.type === 'release-stale') {
        present.delete(d.callId);
        outbound.delete(d.callId);
      }
    }
    return decisions;
  };

  const guard = (fn: () => AcdDecision[]): AcdDecision[] => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof BranchlineError) return [];
      throw e;
    }
  };

  for (const op of ops) {
    const calls = engine.callViews();
    const offered = calls.flatMap((c) => c.offeredTo.map((agentId) => ({ c, agentId })));
    let decisions: AcdDecision[] = [];
    switch (op.kind) {
      case 'arrive': {
        const callId = `c${++n}`;
        present.add(callId);
        const sticky = op.sticky === null ? undefined : AGENTS[op.sticky];
        decisions = apply(engine.enqueue({ callId, queue: `Q${op.q}`, priority: op.prio, stickyAgent: sticky, stickyMaxWaitS: 15 }));
        break;
      }
      case 'answer': {
        const o = pickOf(offered, op.pick);
        if (o) decisions = apply(engine.answered(o.c.callId, o.agentId));
        else {
          const any = pickOf(calls, op.pick);
          if (any) decisions = apply(engine.answered(any.callId, pickOf(AGENTS, op.alt)!));
        }
        break;
      }
      case 'noAnswer': {
        const o = pickOf(offered, op.pick);
        if (o) decisions = apply(engine.noAnswer(o.c.callId, o.agentId, (['timeout', 'rejected', 'busy', 'unreachable'] as const)[op.alt]));
        break;
      }
      case 'alert': {
        const o = pickOf(offered, op.pick);
        if (o) decisions = apply(engine.alerting(o.c.callId, o.agentId));
        break;
      }
      case 'hangup': {
        const ids = [...calls.map((c) => c.callId), ...outbound.keys()];
        const id = pickOf(ids, op.pick);
        if (id) {
          decisions = apply(engine.callEnded(id, (['agent', 'caller', 'transfer', 'caller'] as const)[op.alt]));
          present.delete(id);
          outbound.delete(id);
        }
        break;
      }
      case 'callback': {
        const c = pickOf(calls, op.pick);
        if (c) decisions = apply(engine.requestCallback(c.callId, '13800138000'));
        break;
      }
      case 'hold': {
        const c = pickOf(calls.filter((x) => x.state === 'connected'), op.pick);
        if (c) decisions = apply([engine.hold, engine.resume, engine.consult, engine.endConsult][op.alt]!.call(engine, c.callId));
        break;
      }
      case 'presence': {
        const id = AGENTS[op.agent]!;
        const cmds = [
          () => engine.login(id),
          () => engine.setReady(id),
          () => engine.setReady(id),
          () => engine.setNotReady(id, 'BREAK'),
          () => engine.logout(id),
          () => engine.agentDisconnected(id),
          () => engine.agentReconnected(id),
        ];
        decisions = apply(guard(cmds[op.cmd]!));
        break;
      }
      case 'dialOut': {
        const id = AGENTS[op.agent]!;
        const callId = `o${++n}`;
        decisions = apply(guard(() => engine.dialOut(id, callId)));
        if (engine.agentView(id)?.callId === callId) outbound.set(callId, id);
        break;
      }
      case 'endWrap':
        decisions = apply(engine.endWrapUp(AGENTS[op.agent]!));
        break;
      case 'advance':
        clock.t += op.ms;
        decisions = apply(engine.tick());
        break;
    }
    check(engine, clock.t, present, outbound, decisions, op);
    STATS.ops++;
    STATS.connected += engine.callViews().filter((c) => c.state === 'connected').length;
  }
}

function check(engine: AcdEngine, now: number, present: Set<string>, outbound: Map<string, string>, decisions: AcdDecision[], op: Op): void {
  const ctx = JSON.stringify(op);
  const calls = engine.callViews();
  // 1. no caller lost or duplicated
  expect(calls.map((c) => c.callId).sort(), ctx).toEqual([...present].sort());
  for (const q of engine.queueNames()) {
    const waiting = engine.waitingCallers(q).map((w) => w.callId);
    expect(new Set(waiting).size).toBe(waiting.length);
    expect(waiting.sort()).toEqual(calls.filter((c) => c.queue === q && c.state === 'waiting').map((c) => c.callId).sort());
  }
  const agents = engine.agentViews();
  const byAgent = new Map(agents.map((a) => [a.agentId, a]));
  // 2. no agent given two calls; every ringing/connected agent points back at its call
  const holders = new Map<string, string>();
  for (const c of calls) {
    const held = c.state === 'offering' ? c.offeredTo : c.state === 'connected' ? [c.agent!] : [];
    if (c.state === 'offering') expect(c.offeredTo.length, ctx).toBeGreaterThan(0);
    for (const a of held) {
      expect(holders.has(a), `${a} holds ${holders.get(a)} and ${c.callId}`).toBe(false);
      holders.set(a, c.callId);
      expect(byAgent.get(a)?.callId, ctx).toBe(c.callId);
    }
  }
  // 4. no agent left RESERVED/ALERTING/TALKING after its call ended; 5. deadlines ahead
  for (const a of agents) {
    if (isOffered(a.work)) expect(holders.get(a.agentId), `${a.agentId} ${a.work} ${ctx}`).toBe(a.callId);
    if (isInCall(a.work)) expect(holders.get(a.agentId) === a.callId || outbound.get(a.callId!) === a.agentId, `${a.agentId} ${a.work} ${ctx}`).toBe(true);
    if (a.work === 'IDLE') expect(a.deadline).toBeNull();
    else {
      expect(a.deadline, `${a.agentId} ${a.work}`).not.toBeNull();
      expect(a.deadline!, `${a.agentId} ${a.work} past deadline`).toBeGreaterThan(now);
      expect(engine.nextDeadline()!).toBeLessThanOrEqual(a.deadline!);
    }
    if (a.presence === 'OFFLINE' || a.presence === 'LOGGED_OUT') expect(isOffered(a.work)).toBe(false);
  }
  // 3. priorities: nobody routable is left eligible for a waiting caller, and a fresh offer never
  //    passes over a better waiting caller the same agent could take
  const waiting = calls.filter((c) => c.state === 'waiting');
  for (const a of agents.filter((x) => x.routable)) {
    for (const c of waiting) expect(eligible(engine, a.agentId, c, now), `${a.agentId} idle while ${c.callId} waits ${ctx}`).toBe(false);
  }
  for (const d of decisions) {
    if (d.type !== 'offer') continue;
    const offeredCall = calls.find((c) => c.callId === d.callId);
    if (!offeredCall || offeredCall.state !== 'offering') continue;
    for (const agentId of d.agentIds) {
      for (const c of waiting) {
        if (better(c, offeredCall)) expect(eligible(engine, agentId, c, now), `${agentId} got ${d.callId} over ${c.callId}`).toBe(false);
      }
    }
  }
}

describe('ACD engine properties', () => {
  it('keeps every invariant over random call-center days', () => {
    fc.assert(
      fc.property(fc.tuple(fc.subarray(AGENTS), fc.array(opArb, { minLength: 1, maxLength: 150, size: 'max' })), ([ready, ops]) => run(ready, ops)),
      { numRuns: 400 },
    );
    // the scripts really exercise connected calls, not just arrivals
    expect(STATS.connected).toBeGreaterThan(100);
  }, 120_000);

  it('releases every agent once all calls end and time passes', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 60, size: 'max' }), (ops) => {
        const h = harness(QUEUES, { skills: SKILLS, maxCallMs: 120_000 });
        for (const id of AGENTS) h.ready(id);
        for (const [i, op] of ops.entries()) {
          if (op.kind === 'arrive') h.engine.enqueue({ callId: `c${i}`, queue: `Q${op.q}`, priority: op.prio });
          if (op.kind === 'advance') h.advance(op.ms);
        }
        for (const c of h.engine.callViews()) h.engine.callEnded(c.callId);
        h.advance(200_000);
        for (const a of h.engine.agentViews()) expect(a.work).toBe('IDLE');
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

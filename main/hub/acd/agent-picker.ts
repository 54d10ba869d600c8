/**
 * Queue strategies: which of the eligible, routable agents gets an offer. Candidates are already
 * filtered (READY, IDLE, member, skills, not skipped, this call is their best). Penalty is a tier
 * first, as in Asterisk `calc_metric`; then the strategy's own metric (CALLCENTER-SEMANTICS.md §1):
 *
 * | strategy        | order within the best penalty                                           |
 * |-----------------|--------------------------------------------------------------------------|
 * | ring-all        | everyone rings; first answer wins                                         |
 * | linear          | configuration order from the top, per caller (hunt group)                 |
 * | round-robin     | configuration order after the member offered last (queue memory)         |
 * | longest-idle    | idle since max(last wrap-up end, last →READY) (pitfall 18), then last offer |
 * | fewest-calls    | fewest calls answered today (branch-local day), then longest idle        |
 * | least-talk-time | least talk time today, then longest idle                                  |
 * | random          | seeded PRNG                                                               |
 * | skills          | highest sum of levels over the required skills, then longest idle         |
 */
import type { AgentRuntime, QueueRuntime, QueuedCall } from './types';

export interface PickContext {
  today: string;
  random: () => number;
}

export function idleSince(agent: AgentRuntime): number {
  return Math.max(agent.lastWorkEndedAt, agent.lastReadyAt);
}

function penaltyOf(queue: QueueRuntime, agent: AgentRuntime): number {
  return agent.memberships.get(queue.def.name)?.penalty ?? 0;
}

export function skillScore(agent: AgentRuntime, queue: QueueRuntime, call: QueuedCall): number {
  let score = 0;
  for (const r of queue.def.config.requiredSkills) score += agent.skills.get(r.skill) ?? 0;
  for (const r of call.requiredSkills) score += agent.skills.get(r.skill) ?? 0;
  return score;
}

type Compare = (a: AgentRuntime, b: AgentRuntime) => number;

function byIdle(a: AgentRuntime, b: AgentRuntime): number {
  return idleSince(a) - idleSince(b) || a.lastOfferedAt - b.lastOfferedAt;
}

function metricFor(queue: QueueRuntime, call: QueuedCall, ctx: PickContext): Compare {
  const order = (a: AgentRuntime) => queue.order.get(a.id) ?? Number.MAX_SAFE_INTEGER;
  const n = Math.max(1, queue.def.members.length);
  switch (queue.def.strategy) {
    case 'linear':
    case 'ring-all':
      return (a, b) => order(a) - order(b);
    case 'round-robin':
      return (a, b) => ((order(a) - queue.rrLast - 1 + n) % n) - ((order(b) - queue.rrLast - 1 + n) % n);
    case 'longest-idle':
      return (a, b) => byIdle(a, b) || order(a) - order(b);
    case 'fewest-calls': {
      const calls = (a: AgentRuntime) => (a.dayKey === ctx.today ? a.callsToday : 0);
      return (a, b) => calls(a) - calls(b) || byIdle(a, b) || order(a) - order(b);
    }
    case 'least-talk-time': {
      const talk = (a: AgentRuntime) => (a.dayKey === ctx.today ? a.talkMsToday : 0);
      return (a, b) => talk(a) - talk(b) || byIdle(a, b) || order(a) - order(b);
    }
    case 'skills':
      return (a, b) => skillScore(b, queue, call) - skillScore(a, queue, call) || byIdle(a, b) || order(a) - order(b);
    case 'random':
      return (a, b) => order(a) - order(b);
  }
}

/** The agents to ring for this call: one, or the whole best-penalty tier for ring-all. */
export function pickAgents(queue: QueueRuntime, call: QueuedCall, candidates: readonly AgentRuntime[], ctx: PickContext): AgentRuntime[] {
  if (candidates.length === 0) return [];
  let best = Number.POSITIVE_INFINITY;
  for (const a of candidates) best = Math.min(best, penaltyOf(queue, a));
  const tier = candidates.filter((a) => penaltyOf(queue, a) === best);
  if (queue.def.strategy === 'ring-all') return tier;
  if (queue.def.strategy === 'random') {
    const sorted = [...tier].sort(metricFor(queue, call, ctx));
    return [sorted[Math.floor(ctx.random() * sorted.length)]!];
  }
  const cmp = metricFor(queue, call, ctx);
  let pick = tier[0]!;
  for (const a of tier) if (cmp(a, pick) < 0) pick = a;
  return [pick];
}

/** A controllable clock and a small builder for ACD engine tests. */
import { AcdQueueConfig } from '../../../../protocol/queue';
import type { QueueStrategy } from '../../../../protocol/queue';
import { AcdEngine } from '../acd-engine';
import type { AcdDecision, AcdEvent, QueueDefinition } from '../types';

export const T0 = Date.UTC(2026, 10, 23, 2, 0, 0); // 10:00 in Asia/Shanghai

export class FakeClock {
  t = T0;
  readonly now = (): number => this.t;
}

export interface QueueSpec {
  name: string;
  strategy?: QueueStrategy;
  members: (string | { agentId: string; penalty?: number })[];
  config?: Partial<AcdQueueConfig>;
}

export interface Harness {
  engine: AcdEngine;
  clock: FakeClock;
  events: AcdEvent[];
  /** Moves the clock and fires due deadlines. */
  advance(ms: number): AcdDecision[];
  ready(...agentIds: string[]): AcdDecision[];
  log(event?: string): { event: string; callId: string; agent: string | null; data: Record<string, number | string> }[];
}

export function queueDef(spec: QueueSpec): QueueDefinition {
  return {
    name: spec.name,
    strategy: spec.strategy ?? 'longest-idle',
    config: AcdQueueConfig.parse({ wrapUpS: 0, ...spec.config }),
    members: spec.members.map((m) => (typeof m === 'string' ? { agentId: m, penalty: 0 } : { agentId: m.agentId, penalty: m.penalty ?? 0 })),
  };
}

export function harness(queues: QueueSpec[], options: { skills?: Record<string, Record<string, number>>; seed?: number; maxCallMs?: number } = {}): Harness {
  const clock = new FakeClock();
  const engine = new AcdEngine({ now: clock.now, seed: options.seed ?? 7, maxCallMs: options.maxCallMs, offerSetupMs: 0 });
  const events: AcdEvent[] = [];
  engine.onEvent((e) => events.push(e));
  const agentIds = new Set(queues.flatMap((q) => q.members.map((m) => (typeof m === 'string' ? m : m.agentId))));
  engine.configure(
    queues.map(queueDef),
    [...agentIds].map((agentId) => ({ agentId, skills: options.skills?.[agentId] ?? {} })),
  );
  return {
    engine,
    clock,
    events,
    advance(ms) {
      clock.t += ms;
      return engine.tick();
    },
    ready(...ids) {
      const out: AcdDecision[] = [];
      for (const id of ids) {
        out.push(...engine.login(id));
        out.push(...engine.setReady(id));
      }
      return out;
    },
    log(event) {
      return events
        .flatMap((e) => (e.kind === 'queue-log' ? [e.entry] : []))
        .filter((e) => !event || e.event === event)
        .map((e) => ({ event: e.event, callId: e.callId, agent: e.agent, data: e.data }));
    },
  };
}

export function offers(decisions: AcdDecision[]): { callId: string; agentIds: string[] }[] {
  return decisions.flatMap((d) => (d.type === 'offer' ? [{ callId: d.callId, agentIds: d.agentIds }] : []));
}

/** Agent ids offered, in order. */
export function offeredAgents(decisions: AcdDecision[]): string[] {
  return offers(decisions).flatMap((o) => o.agentIds);
}

/**
 * State of the ACD engine and its primitive moves: the one guarded work transition, presence
 * changes, routable sets per queue, deadlines, and the event/decision outputs. Routing sits on
 * top in acd-router.ts, the public commands in acd-engine.ts.
 */
import type { Presence } from '../../../protocol/agent';
import { nextWork } from './agent-work-machine';
import type { WorkEvent } from './agent-work-machine';
import { LocalDay } from './local-day';
import { seededRandom } from '../../common/seeded-random';
import { TimerHeap } from './timer-heap';
import type { TimerKind } from './timer-heap';
import type {
  AcdDecision,
  AcdEngineOptions,
  AcdEvent,
  AgentRuntime,
  QueueLogEntry,
  QueueLogEventName,
  QueueRuntime,
  QueuedCall,
} from './types';

export const DEFAULT_TIER_PRIORITY: Record<string, number> = { NORMAL: 0, GOLD: 1, PLATINUM: 2, DIAMOND: 3 };

export class AcdCore {
  protected readonly agents = new Map<string, AgentRuntime>();
  protected readonly queues = new Map<string, QueueRuntime>();
  protected readonly calls = new Map<string, QueuedCall>();
  /** Outbound (non-queue) calls: call id → agent. */
  protected readonly outbound = new Map<string, string>();
  protected readonly timers = new TimerHeap();
  protected readonly dirtyAgents = new Set<AgentRuntime>();
  protected readonly dirtyCalls = new Set<QueuedCall>();
  protected readonly random: () => number;
  protected readonly localDay: LocalDay;
  protected readonly maxCallMs: number;
  protected readonly offerSetupMs: number;
  protected readonly tierPriority: Record<string, number>;
  protected readonly clock: () => number;
  /** Logical time of the command being handled (a timer's own time while it fires). */
  protected t = 0;
  protected seq = 0;
  private out: AcdDecision[] = [];
  private readonly listeners = new Set<(event: AcdEvent) => void>();

  constructor(options: AcdEngineOptions) {
    this.clock = options.now;
    this.random = seededRandom(options.seed ?? 1);
    this.localDay = new LocalDay(options.timeZone ?? 'Asia/Shanghai');
    this.maxCallMs = options.maxCallMs ?? 4 * 3_600_000;
    this.offerSetupMs = options.offerSetupMs ?? 5_000;
    this.tierPriority = options.tierPriority ?? DEFAULT_TIER_PRIORITY;
  }

  /** Queue-log lines and agent changes, for the store adapter, statistics and the CTI layer. */
  onEvent(listener: (event: AcdEvent) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  protected begin(): void {
    this.t = this.clock();
  }

  protected decide(decision: AcdDecision): void {
    this.out.push(decision);
  }

  protected flush(): AcdDecision[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  protected emit(event: AcdEvent): void {
    for (const l of this.listeners) l(event);
  }

  protected log(call: QueuedCall, event: QueueLogEventName, agent: string | null, data: QueueLogEntry['data'] = {}): void {
    this.emit({ kind: 'queue-log', entry: { at: this.t, callId: call.callId, conversationId: call.conversationId, queue: call.queue, agent, event, data } });
  }

  protected emitAgent(agent: AgentRuntime, cause: string): void {
    this.emit({
      kind: 'agent',
      change: {
        at: this.t,
        agentId: agent.id,
        presence: agent.presence,
        reason: agent.reason,
        pending: agent.pending,
        work: agent.work,
        callId: agent.callId,
        deadline: agent.deadline,
        cause,
      },
    });
  }

  protected queueOf(name: string): QueueRuntime | undefined {
    return this.queues.get(name);
  }

  protected isRoutable(agent: AgentRuntime): boolean {
    return agent.presence === 'READY' && agent.work === 'IDLE' && agent.readyAt <= this.t;
  }

  protected isLoggedIn(agent: AgentRuntime): boolean {
    return agent.presence === 'READY' || agent.presence === 'NOT_READY';
  }

  /** Keeps every queue's routable set in step with the agent; a newly routable agent is dispatched. */
  protected refreshRoutable(agent: AgentRuntime): void {
    const routable = this.isRoutable(agent);
    for (const m of agent.memberships.values()) {
      const q = this.queues.get(m.queue);
      if (!q) continue;
      if (routable && !m.paused) q.routable.add(agent.id);
      else q.routable.delete(agent.id);
    }
    if (routable) this.dirtyAgents.add(agent);
  }

  /** Today's per-agent fairness counters start at 0 at the branch's local midnight. */
  protected rollDay(agent: AgentRuntime): void {
    const today = this.localDay.key(this.t);
    if (agent.dayKey !== today) {
      agent.dayKey = today;
      agent.callsToday = 0;
      agent.talkMsToday = 0;
    }
  }

  /**
   * The one guarded work transition. Illegal moves are bugs of the engine (every command checks
   * the state first), so they throw. Entering IDLE applies the pending presence (pitfall 15).
   */
  protected transition(
    agent: AgentRuntime,
    event: WorkEvent,
    next: { callId: string | null; queue: string | null; deadline: number | null },
    cause: string,
  ): void {
    const to = nextWork(agent.work, event);
    if (!to) throw new Error(`acd: illegal work transition ${agent.work} --${event}--> (agent ${agent.id})`);
    if (to !== 'IDLE' && next.deadline === null) throw new Error(`acd: ${to} needs a deadline (agent ${agent.id})`);
    agent.work = to;
    agent.workSince = this.t;
    agent.callId = to === 'IDLE' ? null : next.callId;
    agent.queue = to === 'IDLE' ? null : next.queue;
    agent.deadline = to === 'IDLE' ? null : next.deadline;
    if (event === 'wrapUpEnd' || event === 'hangupNoWrap' || event === 'stale') agent.lastWorkEndedAt = this.t;
    this.scheduleAgent(agent);
    if (to === 'IDLE' && agent.pending) {
      const p = agent.pending;
      agent.pending = null;
      this.setPresence(agent, p.presence, p.reason, 'pending');
    }
    this.emitAgent(agent, cause);
    this.refreshRoutable(agent);
  }

  protected setPresence(agent: AgentRuntime, presence: Presence, reason: string | null, cause: string): void {
    if (agent.presence === presence && agent.reason === reason) return;
    const wasLoggedIn = this.isLoggedIn(agent);
    agent.presence = presence;
    agent.reason = presence === 'NOT_READY' ? reason : null;
    agent.presenceSince = this.t;
    if (presence === 'READY') agent.lastReadyAt = this.t;
    if (presence !== 'READY' && presence !== 'NOT_READY') agent.pending = null;
    this.emitAgent(agent, cause);
    this.refreshRoutable(agent);
    if (wasLoggedIn && !this.isLoggedIn(agent)) this.onAgentLeft(agent);
  }

  /** Hook: an agent logged out or went offline (queues may now be empty). */
  protected onAgentLeft(_agent: AgentRuntime): void {}

  protected scheduleAgent(agent: AgentRuntime): void {
    agent.timerVersion++;
    const at = agent.work === 'IDLE' ? (agent.readyAt > this.t ? agent.readyAt : null) : agent.deadline;
    if (at !== null) this.timers.push({ at, kind: 'agent', id: agent.id, version: agent.timerVersion });
  }

  protected scheduleCall(call: QueuedCall, kind: TimerKind, at: number): void {
    this.timers.push({ at, kind, id: call.callId, version: call.timerVersion });
  }

  /** Earliest pending deadline (epoch ms), or null: the driver sets one timer and calls `tick()`. */
  nextDeadline(): number | null {
    for (;;) {
      const top = this.timers.peek();
      if (!top) return null;
      if (this.isCurrent(top.kind, top.id, top.version)) return top.at;
      this.timers.pop();
    }
  }

  protected isCurrent(kind: TimerKind, id: string, version: number): boolean {
    if (kind === 'agent') return this.agents.get(id)?.timerVersion === version;
    return this.calls.get(id)?.timerVersion === version;
  }

  protected liveMembersLoggedIn(queue: QueueRuntime): number {
    let n = 0;
    for (const m of queue.def.members) {
      const a = this.agents.get(m.agentId);
      if (a && this.isLoggedIn(a)) n++;
    }
    return n;
  }
}

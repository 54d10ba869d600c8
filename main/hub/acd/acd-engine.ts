/**
 * The ACD routing engine: pure, deterministic, in memory, with an injected clock. The call layer
 * drives it with commands and executes the decisions each command returns; `tick()` fires due
 * deadlines (ring timeouts, wrap-up ends, max wait, sticky expiry, stale calls), and
 * `nextDeadline()` says when to call it next. Queue-log lines and agent changes go to `onEvent`
 * listeners (store adapter, statistics, CTI).
 */
import type { Presence } from '../../../protocol/agent';
import { BranchlineError } from '../../../protocol/errors';
import { nextPresence } from './agent-presence-machine';
import type { PresenceCommand } from './agent-presence-machine';
import { AcdCallCommands } from './acd-call-commands';
import { isInCall, isOffered } from './agent-work-machine';
import { CallHeap } from './call-heap';
import type { WaitingCaller } from '../../../protocol/queue';
import { callBefore } from './call-heap';
import { averageHandleMs, estimateWaitS } from './ewt-estimator';
import type {
  AcdDecision,
  AgentDefinition,
  AgentRuntime,
  AgentView,
  CallView,
  PresenceSnapshot,
  QueueDefinition,
  QueueRealtime,
  QueuedCall,
} from './types';

export class AcdEngine extends AcdCallCommands {
  /** Adds or replaces queues and agents (skills, memberships). Existing calls and agent states stay. */
  configure(queues: readonly QueueDefinition[], agents: readonly AgentDefinition[] = []): AcdDecision[] {
    this.begin();
    for (const a of agents) this.agent(a.agentId).skills = new Map(Object.entries(a.skills));
    for (const def of queues) {
      const existing = this.queues.get(def.name);
      const order = new Map(def.members.map((m, i) => [m.agentId, i] as const));
      if (existing) {
        existing.def = def;
        existing.order = order;
        existing.routable.clear();
      } else {
        this.queues.set(def.name, { def, order, waiting: new CallHeap(), live: 0, routable: new Set(), rrLast: -1, recentHandleMs: [] });
      }
      for (const agent of this.agents.values()) if (!order.has(agent.id)) agent.memberships.delete(def.name);
      for (const m of def.members) {
        this.agent(m.agentId).memberships.set(def.name, { queue: def.name, penalty: m.penalty, paused: m.paused ?? false });
      }
    }
    for (const agent of this.agents.values()) this.refreshRoutable(agent);
    for (const q of this.queues.values()) for (const c of q.waiting.values()) this.dirtyCalls.add(c);
    this.dispatch();
    return this.flush();
  }

  /** Recovery after a hub restart: stored presence comes back; work starts IDLE (no dialog survived). */
  restorePresence(snapshots: readonly PresenceSnapshot[]): AcdDecision[] {
    this.begin();
    for (const s of snapshots) {
      const agent = this.agent(s.agentId);
      agent.presence = s.presence;
      agent.reason = s.presence === 'NOT_READY' ? s.reason : null;
      agent.presenceSince = s.since;
      if (s.presence === 'READY') agent.lastReadyAt = s.since;
      this.refreshRoutable(agent);
    }
    this.dispatch();
    return this.flush();
  }

  login(agentId: string): AcdDecision[] {
    return this.presenceCommand(agentId, 'login', 'LOGIN', 'login');
  }

  setReady(agentId: string, cause = 'agent'): AcdDecision[] {
    return this.presenceCommand(agentId, 'setReady', null, cause);
  }

  setNotReady(agentId: string, reason: string, cause = 'agent'): AcdDecision[] {
    return this.presenceCommand(agentId, 'setNotReady', reason, cause);
  }

  logout(agentId: string): AcdDecision[] {
    return this.presenceCommand(agentId, 'logout', null, 'logout');
  }

  /** The seat's connection is gone: OFFLINE now; a call ringing there goes back to the head of its queue. */
  agentDisconnected(agentId: string): AcdDecision[] {
    this.begin();
    const agent = this.requireAgent(agentId);
    if (agent.presence === 'LOGGED_OUT' || agent.presence === 'OFFLINE') return [];
    if (isOffered(agent.work) && agent.callId) {
      const call = this.calls.get(agent.callId);
      if (call) {
        this.cancelOffer(call, agent, 'agent-offline');
        this.requeueIfUnrung(call);
      }
    }
    this.setPresence(agent, 'OFFLINE', null, 'offline');
    this.dispatch();
    return this.flush();
  }

  agentReconnected(agentId: string): AcdDecision[] {
    this.begin();
    const agent = this.requireAgent(agentId);
    if (agent.presence === 'OFFLINE') this.setPresence(agent, 'NOT_READY', 'DESKTOP_LOST', 'reconnect');
    this.dispatch();
    return this.flush();
  }

  /** Pauses or resumes the agent in one queue only (pausedInQueue); other queues are unaffected. */
  setMemberPaused(agentId: string, queue: string, paused: boolean): AcdDecision[] {
    this.begin();
    const m = this.requireAgent(agentId).memberships.get(queue);
    if (!m) throw new BranchlineError('BL_ERR_ACD_UNKNOWN_QUEUE', `Agent ${agentId} is not in ${queue}`);
    m.paused = paused;
    this.refreshRoutable(this.requireAgent(agentId));
    this.dispatch();
    return this.flush();
  }

  /** The agent places an outbound (non-queue) call. Compare-and-set: refused unless IDLE. */
  dialOut(agentId: string, callId: string): AcdDecision[] {
    this.begin();
    const agent = this.requireAgent(agentId);
    if (agent.work !== 'IDLE') throw new BranchlineError('BL_ERR_ACD_AGENT_BUSY', `Agent ${agentId} is ${agent.work}`);
    this.outbound.set(callId, agentId);
    this.transition(agent, 'dialOut', { callId, queue: null, deadline: this.t + this.maxCallMs }, 'dial-out');
    return this.flush();
  }

  /** Fires every deadline due by now, in time order, then settles routing once. */
  tick(): AcdDecision[] {
    const now = this.clock();
    for (;;) {
      const top = this.timers.peek();
      if (!top || top.at > now) break;
      this.timers.pop();
      if (!this.isCurrent(top.kind, top.id, top.version)) continue;
      this.t = top.at;
      if (top.kind === 'agent') this.agentDeadline(this.agents.get(top.id)!);
      else {
        const call = this.calls.get(top.id)!;
        if (top.kind === 'call-max-wait' && call.state !== 'connected' && !call.callback) this.overflowWaiting(call, 'max-wait');
        else if (top.kind === 'call-sticky' && call.state === 'waiting') this.dirtyCalls.add(call);
      }
    }
    this.t = now;
    this.dispatch();
    return this.flush();
  }

  private agentDeadline(agent: AgentRuntime): void {
    if (agent.work === 'IDLE') {
      this.refreshRoutable(agent); // no-answer delay over
    } else if (isOffered(agent.work)) {
      const callId = agent.callId!;
      this.decide({ type: 'cancel-offer', callId, agentId: agent.id, reason: 'timeout' });
      this.handleNoAnswer(callId, agent.id, 'timeout');
      // An orphan reservation (its call is gone) must not outlive its deadline either.
      if (isOffered(agent.work) && agent.callId === callId) this.transition(agent, 'release', { callId: null, queue: null, deadline: null }, 'timeout');
    } else if (agent.work === 'WRAPUP') {
      this.wrapUpEnd(agent);
    } else if (isInCall(agent.work)) {
      const callId = agent.callId!;
      this.decide({ type: 'release-stale', callId, agentId: agent.id });
      const call = this.calls.get(callId);
      if (call) {
        this.log(call, 'STALE', agent.id, { talkMs: this.t - (call.answeredAt ?? this.t) });
        this.dropCall(call);
      }
      this.outbound.delete(callId);
      this.transition(agent, 'stale', { callId: null, queue: null, deadline: null }, 'stale');
    }
  }

  protected override onAgentLeft(agent: AgentRuntime): void {
    for (const m of agent.memberships.values()) {
      const queue = this.queues.get(m.queue);
      if (!queue) continue;
      const empty = this.liveMembersLoggedIn(queue) === 0;
      for (const call of [...queue.waiting.values()]) {
        if (empty && queue.def.config.overflow.noAgents && !call.callback) {
          this.overflowWaiting(call, 'no-agents');
        } else if (call.skipped.size > 0 || call.stickyAgent === agent.id) {
          // Fewer members to try, or the preferred agent no longer holds the call: route it again.
          this.clearSkipsIfEveryoneTried(call);
          this.dirtyCalls.add(call);
        }
      }
    }
  }

  private presenceCommand(agentId: string, command: PresenceCommand, reason: string | null, cause: string): AcdDecision[] {
    this.begin();
    const agent = this.requireAgent(agentId);
    const target = nextPresence(agent.presence, command);
    if (!target) throw new BranchlineError('BL_ERR_AGENT_ILLEGAL_TRANSITION', `Cannot ${command} while ${agent.presence}`);
    const keep = command === 'login' && (agent.presence === 'READY' || agent.presence === 'NOT_READY');
    if (!keep) {
      if (agent.work !== 'IDLE' && command !== 'login') {
        // Applied when work returns to IDLE (Finesse pendingState; pitfall 15).
        agent.pending = { presence: target, reason: target === 'NOT_READY' ? reason : null };
        this.emitAgent(agent, `pending:${cause}`);
      } else {
        agent.pending = null;
        this.setPresence(agent, target, target === 'NOT_READY' ? reason : null, cause);
      }
    }
    this.dispatch();
    return this.flush();
  }

  // ---- read-only views ------------------------------------------------------------------------

  agentView(agentId: string): AgentView | undefined {
    const a = this.agents.get(agentId);
    if (!a) return undefined;
    const t = this.clock();
    const routable = a.presence === 'READY' && a.work === 'IDLE' && a.readyAt <= t;
    return { agentId: a.id, presence: a.presence, reason: a.reason, pending: a.pending, work: a.work, callId: a.callId, queue: a.queue, deadline: a.deadline, routable };
  }

  agentViews(): AgentView[] {
    return [...this.agents.keys()].map((id) => this.agentView(id)!);
  }

  callView(callId: string): CallView | undefined {
    const c = this.calls.get(callId);
    if (!c) return undefined;
    return {
      callId: c.callId,
      queue: c.queue,
      state: c.state,
      priority: c.priority,
      virtualStart: c.virtualStart,
      enqueuedAt: c.enqueuedAt,
      offeredTo: [...c.offeredTo],
      agent: c.agent,
      callback: c.callback !== null,
      stickyAgent: c.stickyAgent,
      stickyUntil: c.stickyUntil,
      skipped: [...c.skipped],
    };
  }

  callViews(): CallView[] {
    return [...this.calls.keys()].map((id) => this.callView(id)!);
  }

  queueNames(): string[] {
    return [...this.queues.keys()];
  }

  /** Waiting callers of a queue, best first, with position and estimate (not recorded as announced). */
  waitingCallers(queue: string): WaitingCaller[] {
    const q = this.queues.get(queue);
    if (!q) return [];
    return [...q.waiting.values()].sort((a, b) => (callBefore(a, b) ? -1 : 1)).map((c) => this.describeWaiting(c, false)!);
  }

  /** Position and estimated wait to announce to this caller now; the estimate is remembered so it never grows. */
  announcement(callId: string): WaitingCaller | undefined {
    const c = this.calls.get(callId);
    return c && c.state !== 'connected' ? this.describeWaiting(c, true) : undefined;
  }

  queueRealtime(queue: string): QueueRealtime | undefined {
    const q = this.queues.get(queue);
    if (!q) return undefined;
    const now = this.clock();
    const agents: Record<string, number> = {};
    let staffed = 0;
    for (const m of q.def.members) {
      const a = this.agents.get(m.agentId);
      if (!a) continue;
      const key = a.presence === 'READY' ? (a.work === 'IDLE' ? 'READY' : a.work) : a.work !== 'IDLE' ? a.work : a.presence;
      agents[key] = (agents[key] ?? 0) + 1;
      if (a.presence === 'READY') staffed++;
    }
    let waiting = 0;
    let callbacksWaiting = 0;
    let oldest = now;
    for (const c of this.calls.values()) {
      if (c.queue !== queue || c.state === 'connected') continue;
      if (c.callback) callbacksWaiting++;
      else {
        waiting++;
        oldest = Math.min(oldest, c.enqueuedAt);
      }
    }
    return { queue, waiting, callbacksWaiting, longestWaitMs: now - oldest, agents, staffed, ahtMs: averageHandleMs(q.recentHandleMs, q.def.config.defaultAhtS * 1000) };
  }

  private describeWaiting(c: QueuedCall, record: boolean): WaitingCaller | undefined {
    const q = this.queues.get(c.queue);
    if (!q) return undefined;
    let position = 1;
    for (const other of q.waiting.values()) if (other !== c && callBefore(other, c)) position++;
    let staffed = 0;
    for (const m of q.def.members) if (this.agents.get(m.agentId)?.presence === 'READY') staffed++;
    const ewtS = estimateWaitS(position, staffed, averageHandleMs(q.recentHandleMs, q.def.config.defaultAhtS * 1000), c.announcedEwtS);
    if (record && ewtS !== null) c.announcedEwtS = ewtS;
    return {
      callId: c.callId,
      queue: c.queue,
      position,
      priority: c.priority,
      waitedMs: this.clock() - c.enqueuedAt,
      ewtS,
      callback: c.callback !== null,
      stickyAgent: c.stickyAgent,
    };
  }

  protected requireAgent(agentId: string): AgentRuntime {
    const agent = this.agents.get(agentId);
    if (!agent) throw new BranchlineError('BL_ERR_ACD_UNKNOWN_AGENT', `No agent ${agentId}`);
    return agent;
  }

  private agent(agentId: string): AgentRuntime {
    let agent = this.agents.get(agentId);
    if (!agent) {
      agent = {
        id: agentId,
        presence: 'LOGGED_OUT' as Presence,
        reason: null,
        presenceSince: this.t,
        pending: null,
        work: 'IDLE',
        callId: null,
        queue: null,
        deadline: null,
        workSince: this.t,
        handleMsBeforeWrap: 0,
        readyAt: 0,
        skills: new Map(),
        memberships: new Map(),
        misses: new Map(),
        lastWorkEndedAt: 0,
        lastReadyAt: 0,
        lastOfferedAt: 0,
        dayKey: '',
        callsToday: 0,
        talkMsToday: 0,
        timerVersion: 0,
      };
      this.agents.set(agentId, agent);
    }
    return agent;
  }
}

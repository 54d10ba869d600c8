/**
 * Routing: who gets which caller. Two rules hold after every command:
 *  - no routable agent is eligible for a waiting caller (nothing is left waiting that could ring);
 *  - every offer pairs an agent with the best (priority, virtual age) caller of ALL the agent's
 *    queues that the agent may take (agent-centric fairness, pitfall 3), so a lower-priority caller
 *    is never offered while an eligible higher-priority one waits for the same agent.
 * Changed agents and callers are marked dirty; `dispatch()` settles them best caller first.
 * Reservation is compare-and-set on the hub's own work state (pitfall 9): only an IDLE agent can
 * be reserved, and reserving moves it out of every queue's routable set at once.
 */
import { AcdCore } from './acd-core';
import { pickAgents } from './agent-picker';
import { callBefore } from './call-heap';
import type { AgentRuntime, CancelReason, QueuedCall } from './types';

export class AcdRouter extends AcdCore {
  /** May this agent take this call, apart from being routable? */
  protected eligible(agent: AgentRuntime, call: QueuedCall): boolean {
    if (call.skipped.has(agent.id)) return false;
    if (call.stickyAgent !== null && call.stickyAgent !== agent.id && this.t < call.stickyUntil && this.stickyHolds(call)) return false;
    const queue = this.queues.get(call.queue);
    if (!queue) return false;
    for (const r of queue.def.config.requiredSkills) if ((agent.skills.get(r.skill) ?? 0) < r.minLevel) return false;
    for (const r of call.requiredSkills) if ((agent.skills.get(r.skill) ?? 0) < r.minLevel) return false;
    return true;
  }

  /** A preferred agent only holds the call while they are a logged-in member of its queue. */
  private stickyHolds(call: QueuedCall): boolean {
    const sticky = this.agents.get(call.stickyAgent!);
    return !!sticky && sticky.memberships.has(call.queue) && this.isLoggedIn(sticky);
  }

  /** The best waiting caller over all of the agent's queues that the agent may take. */
  protected bestCallFor(agent: AgentRuntime): QueuedCall | undefined {
    let best: QueuedCall | undefined;
    for (const m of agent.memberships.values()) {
      if (m.paused) continue;
      const q = this.queues.get(m.queue);
      if (!q || q.waiting.size === 0) continue;
      for (const c of q.waiting.inOrder()) {
        if (best && !callBefore(c, best)) break;
        if (this.eligible(agent, c)) {
          best = c;
          break;
        }
      }
    }
    return best;
  }

  protected dispatch(): void {
    for (let guard = 0; ; guard++) {
      if (guard > 1_000_000) throw new Error('acd: dispatch does not settle');
      if (this.dirtyAgents.size > 0) {
        for (const a of this.dirtyAgents) {
          if (!this.isRoutable(a)) continue;
          const c = this.bestCallFor(a);
          if (c) this.dirtyCalls.add(c);
        }
        this.dirtyAgents.clear();
      }
      if (this.dirtyCalls.size === 0) return;
      let call: QueuedCall | undefined;
      for (const c of this.dirtyCalls) if (!call || callBefore(c, call)) call = c;
      this.dirtyCalls.delete(call!);
      if (call!.state === 'waiting' && this.calls.get(call!.callId) === call) this.route(call!);
    }
  }

  private route(call: QueuedCall): void {
    const queue = this.queues.get(call.queue)!;
    const fair: AgentRuntime[] = [];
    const better: QueuedCall[] = [];
    for (const id of queue.routable) {
      const a = this.agents.get(id)!;
      if (!this.eligible(a, call)) continue;
      const best = this.bestCallFor(a);
      if (best === call) fair.push(a);
      else if (best) better.push(best);
    }
    if (fair.length === 0) {
      // Every agent who could take it owes a better caller first: settle those, then try again.
      if (better.length > 0) {
        for (const b of better) this.dirtyCalls.add(b);
        this.dirtyCalls.add(call);
      }
      return;
    }
    const picked = pickAgents(queue, call, fair, { today: this.localDay.key(this.t), random: this.random });
    this.offer(call, picked);
    // Those passed over were counting on this caller: let them look for their next best one.
    for (const a of fair) if (a.work === 'IDLE') this.dirtyAgents.add(a);
  }

  private offer(call: QueuedCall, agents: AgentRuntime[]): void {
    const queue = this.queues.get(call.queue)!;
    const ringTimeoutMs = queue.def.config.ringTimeoutS * 1000;
    const deadline = this.t + this.offerSetupMs + ringTimeoutMs;
    queue.waiting.remove(call);
    call.state = 'offering';
    call.offeredAt = this.t;
    call.offerSize = agents.length;
    for (const a of agents) {
      if (a.work !== 'IDLE') throw new Error(`acd: offering ${call.callId} to busy agent ${a.id}`);
      call.offeredTo.add(a.id);
      a.lastOfferedAt = this.t;
      this.transition(a, 'reserve', { callId: call.callId, queue: call.queue, deadline }, 'offer');
    }
    const first = agents[0];
    if (first) queue.rrLast = queue.order.get(first.id) ?? queue.rrLast;
    this.decide({
      type: 'offer',
      callId: call.callId,
      queue: call.queue,
      agentIds: agents.map((a) => a.id),
      ringTimeoutMs,
      deadline,
      callback: call.callback,
    });
  }

  /** Frees an offered agent without any penalty (lost race, caller gone, agent offline). */
  protected cancelOffer(call: QueuedCall, agent: AgentRuntime, reason: CancelReason, tellCallLayer = true): void {
    call.offeredTo.delete(agent.id);
    if (agent.callId === call.callId && (agent.work === 'RESERVED' || agent.work === 'ALERTING')) {
      this.transition(agent, 'release', { callId: null, queue: null, deadline: null }, reason);
    }
    this.log(call, 'RINGCANCELED', agent.id, { ringMs: this.t - call.offeredAt, reason });
    if (tellCallLayer) this.decide({ type: 'cancel-offer', callId: call.callId, agentId: agent.id, reason });
  }

  /** Puts an offered call back in line at its old place (head of its priority, pitfall 4). */
  protected requeueIfUnrung(call: QueuedCall): void {
    if (call.state !== 'offering' || call.offeredTo.size > 0) return;
    call.state = 'waiting';
    const queue = this.queues.get(call.queue)!;
    this.clearSkipsIfEveryoneTried(call);
    queue.waiting.push(call);
    this.dirtyCalls.add(call);
  }

  /** Skipping silent agents must not strand a call: once every logged-in member has been tried, start over. */
  protected clearSkipsIfEveryoneTried(call: QueuedCall): void {
    const queue = this.queues.get(call.queue)!;
    for (const m of queue.def.members) {
      const a = this.agents.get(m.agentId);
      if (a && this.isLoggedIn(a) && !call.skipped.has(a.id)) return;
    }
    call.skipped.clear();
  }

  /** Removes a call for good (answered call ended, abandoned, overflowed). */
  protected dropCall(call: QueuedCall): void {
    const queue = this.queues.get(call.queue);
    if (queue) {
      queue.waiting.remove(call);
      if (!call.callback && call.state !== 'connected') queue.live--;
    }
    call.timerVersion++;
    this.calls.delete(call.callId);
    this.dirtyCalls.delete(call);
  }
}

/**
 * What the call layer (the B2BUA) reports about queue calls: a caller enters, an agent's phone
 * alerts, answers, does not answer, a leg ends, a caller asks for a callback, hold/consult. Each
 * command is idempotent per call id: a late or repeated report changes nothing.
 */
import { BranchlineError } from '../../../protocol/errors';
import type { OverflowTrigger } from '../../../protocol/queue';
import { AcdRouter } from './acd-router';
import { isInCall, isOffered } from './agent-work-machine';
import type { AcdDecision, AgentRuntime, CallEndCause, EnqueueRequest, QueuedCall, QueueRuntime } from './types';

export type NoAnswerCause = 'timeout' | 'rejected' | 'busy' | 'unreachable';

export class AcdCallCommands extends AcdRouter {
  /** A caller (or a queued callback) enters a queue. */
  enqueue(req: EnqueueRequest): AcdDecision[] {
    this.begin();
    const queue = this.queues.get(req.queue);
    if (!queue) throw new BranchlineError('BL_ERR_ACD_UNKNOWN_QUEUE', `No queue ${req.queue}`);
    if (this.calls.has(req.callId)) return [];
    const cfg = queue.def.config;
    const priority = req.priority ?? this.tierPriority[req.tier ?? ''] ?? 0;
    const stickyMs = (req.stickyMaxWaitS ?? cfg.stickyMaxWaitS) * 1000;
    const call: QueuedCall = {
      callId: req.callId,
      conversationId: req.conversationId ?? req.callId,
      queue: req.queue,
      priority,
      virtualStart: req.virtualStart ?? this.t,
      enqueuedAt: this.t,
      seq: ++this.seq,
      state: 'waiting',
      stickyAgent: req.stickyAgent ?? null,
      stickyUntil: req.stickyAgent ? this.t + stickyMs : 0,
      requiredSkills: req.requiredSkills ?? [],
      skipped: new Set(),
      offeredTo: new Set(),
      offerSize: 0,
      offeredAt: 0,
      agent: null,
      answeredAt: null,
      holdStartedAt: null,
      holdMs: 0,
      callback: req.callback ?? null,
      announcedEwtS: null,
      heapIndex: -1,
      timerVersion: 0,
    };
    if (!call.callback) {
      if (cfg.overflow.noAgents && this.liveMembersLoggedIn(queue) === 0) return this.refuse(call, 'no-agents', 'JOINEMPTY');
      if (cfg.maxLength > 0 && queue.live >= cfg.maxLength) return this.refuse(call, 'max-length', 'FULL');
    }
    this.calls.set(call.callId, call);
    queue.waiting.push(call);
    if (!call.callback) queue.live++;
    this.log(call, 'ENTERQUEUE', null, { priority, virtualStart: call.virtualStart, callback: call.callback ? 1 : 0, live: queue.live });
    if (!call.callback && cfg.maxWaitS > 0) this.scheduleCall(call, 'call-max-wait', this.t + cfg.maxWaitS * 1000);
    if (call.stickyAgent) this.scheduleCall(call, 'call-sticky', call.stickyUntil);
    this.dirtyCalls.add(call);
    this.dispatch();
    return this.flush();
  }

  /** The agent's phone is ringing (180/183): ring time counts from here. */
  alerting(callId: string, agentId: string): AcdDecision[] {
    this.begin();
    const agent = this.agents.get(agentId);
    const call = this.calls.get(callId);
    if (!agent || !call || agent.work !== 'RESERVED' || agent.callId !== callId) return [];
    const ringMs = this.queues.get(call.queue)!.def.config.ringTimeoutS * 1000;
    this.transition(agent, 'alert', { callId, queue: call.queue, deadline: this.t + ringMs }, 'alerting');
    return this.flush();
  }

  /** An offered agent answered. The first answer wins atomically; other ringing agents are released without a miss. */
  answered(callId: string, agentId: string): AcdDecision[] {
    this.begin();
    const call = this.calls.get(callId);
    const agent = this.agents.get(agentId);
    if (call?.state === 'connected' && call.agent === agentId) return [];
    if (!call || !agent || call.state !== 'offering' || !call.offeredTo.has(agentId) || agent.callId !== callId || !isOffered(agent.work)) {
      this.decide({ type: 'reject-answer', callId, agentId });
      return this.flush();
    }
    call.offeredTo.delete(agentId);
    for (const otherId of [...call.offeredTo]) this.cancelOffer(call, this.agents.get(otherId)!, 'answered-elsewhere');
    const queue = this.queues.get(call.queue)!;
    if (!call.callback) queue.live--;
    call.state = 'connected';
    call.agent = agentId;
    call.answeredAt = this.t;
    call.timerVersion++; // max wait and sticky no longer apply
    agent.misses.set(call.queue, 0);
    this.rollDay(agent);
    agent.callsToday++;
    this.transition(agent, 'answer', { callId, queue: call.queue, deadline: this.t + this.maxCallMs }, 'answer');
    this.log(call, 'CONNECT', agentId, { waitMs: this.t - call.enqueuedAt, ringMs: this.t - call.offeredAt, callback: call.callback ? 1 : 0 });
    this.dispatch();
    return this.flush();
  }

  /** The offer to this agent failed: ring timeout, reject, busy or unreachable. The call goes back to the head. */
  noAnswer(callId: string, agentId: string, cause: NoAnswerCause = 'timeout'): AcdDecision[] {
    this.begin();
    this.handleNoAnswer(callId, agentId, cause);
    this.dispatch();
    return this.flush();
  }

  protected handleNoAnswer(callId: string, agentId: string, cause: NoAnswerCause): void {
    const call = this.calls.get(callId);
    const agent = this.agents.get(agentId);
    if (!call || !agent || call.state !== 'offering' || !call.offeredTo.has(agentId)) return;
    const queue = this.queues.get(call.queue)!;
    const groupRing = call.offerSize > 1;
    call.offeredTo.delete(agentId);
    call.skipped.add(agentId);
    this.log(call, 'RINGNOANSWER', agentId, { ringMs: this.t - call.offeredAt, cause });
    agent.readyAt = this.t + queue.def.config.noAnswerDelayS * 1000;
    if (agent.callId === callId && isOffered(agent.work)) {
      this.transition(agent, 'release', { callId: null, queue: null, deadline: null }, `no-answer:${cause}`);
    }
    // RONA only for the agent's own offers, after N consecutive misses (pitfall 7).
    const max = queue.def.config.maxNoAnswer;
    if (!groupRing && max > 0) {
      const misses = (agent.misses.get(call.queue) ?? 0) + 1;
      agent.misses.set(call.queue, misses);
      if (misses >= max && agent.presence === 'READY') {
        agent.misses.set(call.queue, 0);
        this.setPresence(agent, 'NOT_READY', 'RONA', 'rona');
      }
    }
    this.requeueIfUnrung(call);
  }

  /**
   * A leg ended. Waiting or ringing: the caller abandoned. Connected: the agent's leg is over
   * (`cause` says who hung up, or that it was transferred away); the agent goes to wrap-up.
   */
  callEnded(callId: string, cause: CallEndCause = 'caller'): AcdDecision[] {
    this.begin();
    const outboundAgent = this.outbound.get(callId);
    if (outboundAgent) {
      this.outbound.delete(callId);
      const agent = this.agents.get(outboundAgent)!;
      if (agent.work === 'OUTBOUND' && agent.callId === callId) this.finishAgentLeg(agent, null, 0);
    }
    const call = this.calls.get(callId);
    if (call) this.endQueueCall(call, cause);
    this.dispatch();
    return this.flush();
  }

  private endQueueCall(call: QueuedCall, cause: CallEndCause): void {
    if (call.state !== 'connected') {
      for (const id of [...call.offeredTo]) this.cancelOffer(call, this.agents.get(id)!, 'caller-gone');
      this.log(call, call.callback ? 'WITHDRAW' : 'ABANDON', null, { waitMs: this.t - call.enqueuedAt });
      this.dropCall(call);
      return;
    }
    const agent = this.agents.get(call.agent!)!;
    if (call.holdStartedAt !== null) call.holdMs += this.t - call.holdStartedAt;
    const talkMs = this.t - call.answeredAt!;
    const event = cause === 'transfer' ? 'TRANSFER' : cause === 'agent' ? 'COMPLETEAGENT' : 'COMPLETECALLER';
    this.log(call, event, agent.id, { waitMs: call.answeredAt! - call.enqueuedAt, talkMs, holdMs: call.holdMs });
    this.rollDay(agent);
    agent.talkMsToday += talkMs;
    this.dropCall(call);
    if (agent.callId === call.callId && isInCall(agent.work)) this.finishAgentLeg(agent, this.queues.get(call.queue) ?? null, talkMs);
  }

  /** Agent-level wrap-up from the end of the agent's own leg (pitfall 5), or straight to IDLE. */
  protected finishAgentLeg(agent: AgentRuntime, queue: QueueRuntime | null, handleMs: number): void {
    const wrapMs = (queue?.def.config.wrapUpS ?? 0) * 1000;
    agent.handleMsBeforeWrap = handleMs;
    if (wrapMs > 0) {
      this.transition(agent, 'hangup', { callId: agent.callId, queue: agent.queue, deadline: this.t + wrapMs }, 'hangup');
    } else {
      this.recordHandle(queue, handleMs);
      this.transition(agent, 'hangupNoWrap', { callId: null, queue: null, deadline: null }, 'hangup');
    }
  }

  protected recordHandle(queue: QueueRuntime | null, handleMs: number): void {
    if (!queue) return;
    queue.recentHandleMs.push(handleMs);
    if (queue.recentHandleMs.length > 20) queue.recentHandleMs.shift();
  }

  /** The agent ends wrap-up early (or the timer does). */
  endWrapUp(agentId: string): AcdDecision[] {
    this.begin();
    const agent = this.agents.get(agentId);
    if (agent?.work === 'WRAPUP') this.wrapUpEnd(agent);
    this.dispatch();
    return this.flush();
  }

  protected wrapUpEnd(agent: AgentRuntime): void {
    const queue = agent.queue ? (this.queues.get(agent.queue) ?? null) : null;
    const wrapMs = this.t - agent.workSince;
    this.recordHandle(queue, agent.handleMsBeforeWrap + wrapMs);
    if (queue && agent.callId) {
      this.emit({
        kind: 'queue-log',
        entry: { at: this.t, callId: agent.callId, conversationId: agent.callId, queue: queue.def.name, agent: agent.id, event: 'WRAPUPEND', data: { wrapMs } },
      });
    }
    this.transition(agent, 'wrapUpEnd', { callId: null, queue: null, deadline: null }, 'wrap-up end');
  }

  /**
   * The caller leaves a number and hangs up but keeps their place (virtual age, priority). The
   * callback is offered like a call when its turn comes: only ever to a reserved free agent, so no
   * more callbacks are dialled than agents are free (pitfall 4).
   */
  requestCallback(callId: string, number: string): AcdDecision[] {
    this.begin();
    const call = this.calls.get(callId);
    if (!call || call.state === 'connected' || call.callback) return [];
    for (const id of [...call.offeredTo]) this.cancelOffer(call, this.agents.get(id)!, 'caller-gone');
    this.log(call, 'CALLBACKREQUEST', null, { waitMs: this.t - call.enqueuedAt });
    this.queues.get(call.queue)!.live--;
    call.callback = { number };
    call.timerVersion++; // max wait is for live callers
    if (call.stickyAgent && call.stickyUntil > this.t) this.scheduleCall(call, 'call-sticky', call.stickyUntil);
    this.requeueIfUnrung(call);
    this.dispatch();
    return this.flush();
  }

  /** Hold, resume, consult, end consult: the connected agent's work follows the call. */
  hold(callId: string): AcdDecision[] {
    return this.inCall(callId, 'hold', (c) => void (c.holdStartedAt ??= this.t));
  }

  resume(callId: string): AcdDecision[] {
    return this.inCall(callId, 'unhold', (c) => this.stopHold(c));
  }

  consult(callId: string): AcdDecision[] {
    return this.inCall(callId, 'consult', () => {});
  }

  endConsult(callId: string): AcdDecision[] {
    return this.inCall(callId, 'endConsult', (c) => this.stopHold(c));
  }

  /** The call layer confirms the dialog is alive (session refresh): pushes the stale deadline out. */
  keepAlive(callId: string): AcdDecision[] {
    this.begin();
    const agentId = this.calls.get(callId)?.agent ?? this.outbound.get(callId);
    const agent = agentId ? this.agents.get(agentId) : undefined;
    if (agent && agent.callId === callId && isInCall(agent.work)) {
      agent.deadline = this.t + this.maxCallMs;
      this.scheduleAgent(agent);
    }
    return this.flush();
  }

  private stopHold(call: QueuedCall): void {
    if (call.holdStartedAt !== null) call.holdMs += this.t - call.holdStartedAt;
    call.holdStartedAt = null;
  }

  private inCall(callId: string, event: 'hold' | 'unhold' | 'consult' | 'endConsult', effect: (c: QueuedCall) => void): AcdDecision[] {
    this.begin();
    const call = this.calls.get(callId);
    const agent = call?.agent ? this.agents.get(call.agent) : undefined;
    const legal: Record<typeof event, string[]> = { hold: ['TALKING'], unhold: ['HOLD'], consult: ['TALKING', 'HOLD'], endConsult: ['CONSULT'] };
    if (!call || !agent || agent.callId !== callId || !legal[event].includes(agent.work)) return [];
    effect(call);
    this.transition(agent, event, { callId, queue: call.queue, deadline: this.t + this.maxCallMs }, event);
    return this.flush();
  }

  /** Overflow before joining (max length, nobody logged in): logged, never enqueued. */
  private refuse(call: QueuedCall, trigger: OverflowTrigger, event: 'FULL' | 'JOINEMPTY'): AcdDecision[] {
    this.log(call, event, null, { waitMs: 0 });
    this.overflowDecision(call, trigger);
    return this.flush();
  }

  protected overflowDecision(call: QueuedCall, trigger: OverflowTrigger): void {
    const cfg = this.queues.get(call.queue)!.def.config;
    const target = trigger === 'max-wait' ? cfg.overflow.maxWait : trigger === 'max-length' ? cfg.overflow.maxLength : cfg.overflow.noAgents;
    this.decide({
      type: 'overflow',
      callId: call.callId,
      queue: call.queue,
      trigger,
      target,
      virtualStart: call.virtualStart,
      priority: call.priority,
      waitedMs: this.t - call.enqueuedAt,
      callback: call.callback,
    });
  }

  /** A live caller leaves the queue by overflow (max wait, or the last agent left). */
  protected overflowWaiting(call: QueuedCall, trigger: OverflowTrigger): void {
    for (const id of [...call.offeredTo]) this.cancelOffer(call, this.agents.get(id)!, 'caller-gone');
    this.log(call, trigger === 'max-wait' ? 'EXITWITHTIMEOUT' : 'EXITEMPTY', null, { waitMs: this.t - call.enqueuedAt });
    this.overflowDecision(call, trigger);
    this.dropCall(call);
  }
}

/**
 * Private types of the ACD routing engine. They leave the module only through `index.ts`; wire
 * types (queue configuration, waiting callers, statistics) are zod schemas in protocol/queue.ts.
 */
import type { Presence, WorkState } from '../../../protocol/agent';
import type { AcdQueueConfig, OverflowTarget, OverflowTrigger, QueueStrategy, SkillRequirement } from '../../../protocol/queue';
import type { CallHeap } from './call-heap';

// ---- configuration -------------------------------------------------------------------------

export interface QueueDefinition {
  name: string;
  strategy: QueueStrategy;
  config: AcdQueueConfig;
  /** Members in configuration order (linear and round-robin follow it). */
  members: MemberDefinition[];
}

export interface MemberDefinition {
  agentId: string;
  /** Lower penalty is tried first (a tier, as in Asterisk); default 0. */
  penalty: number;
  paused?: boolean;
}

export interface AgentDefinition {
  agentId: string;
  /** Skill name → level 1–10. */
  skills: Record<string, number>;
}

export interface PresenceSnapshot {
  agentId: string;
  presence: Presence;
  reason: string | null;
  since: number;
}

export interface AcdEngineOptions {
  now: () => number;
  /** Seed of the `random` strategy; same seed, same choices. */
  seed?: number;
  /** IANA zone of the branch: per-day fairness counters restart at its local midnight. */
  timeZone?: string;
  /** Longest a call may sit in TALKING/HOLD/CONSULT/OUTBOUND without `keepAlive` (pitfall 1). */
  maxCallMs?: number;
  /** Extra time an offer may stay RESERVED before the agent's phone alerts (SIP setup). */
  offerSetupMs?: number;
  /** Priority given to each customer tier at enqueue when no explicit priority is given. */
  tierPriority?: Record<string, number>;
}

// ---- runtime state ---------------------------------------------------------------------------

export interface PendingPresence {
  presence: Presence;
  reason: string | null;
}

export interface Membership {
  queue: string;
  penalty: number;
  paused: boolean;
}

export interface AgentRuntime {
  id: string;
  presence: Presence;
  reason: string | null;
  presenceSince: number;
  pending: PendingPresence | null;
  work: WorkState;
  /** Call and queue of the current work; null when IDLE (and for OUTBOUND without a queue). */
  callId: string | null;
  queue: string | null;
  /** When the current non-idle state expires; null only when IDLE. */
  deadline: number | null;
  /** When the current work state began. */
  workSince: number;
  /** Talk + hold of the call in wrap-up, added to the queue's handle times at wrap-up end. */
  handleMsBeforeWrap: number;
  /** Not offered before this time (no-answer delay). */
  readyAt: number;
  skills: Map<string, number>;
  memberships: Map<string, Membership>;
  /** Consecutive no-answers per queue. */
  misses: Map<string, number>;
  /** idleSince = max(last wrap-up end, last →READY) (pitfall 18). */
  lastWorkEndedAt: number;
  lastReadyAt: number;
  lastOfferedAt: number;
  /** Per-day fairness counters (fewest-calls, least-talk-time). */
  dayKey: string;
  callsToday: number;
  talkMsToday: number;
  /** Bumped on each deadline change so stale timers are ignored. */
  timerVersion: number;
}

export type CallState = 'waiting' | 'offering' | 'connected';

export interface QueuedCall {
  callId: string;
  conversationId: string;
  queue: string;
  priority: number;
  /** Ordering age: kept on no-answer requeue, callbacks and overflow (pitfall 4). */
  virtualStart: number;
  /** Real time the call entered this queue (waits, SL, max wait). */
  enqueuedAt: number;
  seq: number;
  state: CallState;
  stickyAgent: string | null;
  stickyUntil: number;
  requiredSkills: SkillRequirement[];
  /** Agents that let this call ring out: not offered it again (pitfall 8). */
  skipped: Set<string>;
  /** Agents ringing now (several for ring-all). */
  offeredTo: Set<string>;
  /** How many agents the current offer rang: > 1 is a group ring, whose ring-out never counts as a miss. */
  offerSize: number;
  offeredAt: number;
  agent: string | null;
  answeredAt: number | null;
  holdStartedAt: number | null;
  holdMs: number;
  callback: { number: string } | null;
  /** Smallest wait estimate announced so far (pitfall 13). */
  announcedEwtS: number | null;
  heapIndex: number;
  timerVersion: number;
}

export interface QueueRuntime {
  def: QueueDefinition;
  /** Callers not being offered, best first (live callers and callbacks). */
  waiting: CallHeap;
  /** Live (not callback) callers in the queue, waiting or ringing; for max length. */
  live: number;
  /** Member id → index in configuration order. */
  order: Map<string, number>;
  /** Members that are routable now (READY, IDLE, not paused, delay over). */
  routable: Set<string>;
  /** Round-robin memory: index of the member offered last. */
  rrLast: number;
  /** Recent handle times (talk + hold + wrap-up), newest last. */
  recentHandleMs: number[];
}

// ---- output ------------------------------------------------------------------------------------

export type CancelReason = 'answered-elsewhere' | 'caller-gone' | 'timeout' | 'agent-offline' | 'rejected';

/** What the call layer must do. Every engine command returns the decisions it caused. */
export type AcdDecision =
  | {
      type: 'offer';
      callId: string;
      queue: string;
      /** One agent, or all agents at the best penalty for ring-all. */
      agentIds: string[];
      ringTimeoutMs: number;
      deadline: number;
      /** Set when this is a queued callback: ring the agent, then dial this number. */
      callback: { number: string } | null;
    }
  | { type: 'cancel-offer'; callId: string; agentId: string; reason: CancelReason }
  /** An answer arrived from an agent who is not (or no longer) offered this call: hang that leg up. */
  | { type: 'reject-answer'; callId: string; agentId: string }
  | {
      type: 'overflow';
      callId: string;
      queue: string;
      trigger: OverflowTrigger;
      /** undefined = no target configured: the call layer plays its default "busy" message. */
      target: OverflowTarget | undefined;
      /** Keep this when re-enqueueing (another queue, callback) so the caller keeps their place. */
      virtualStart: number;
      priority: number;
      waitedMs: number;
      callback: { number: string } | null;
    }
  /** The agent's leg showed no sign of life past its deadline: tear it down; the agent is free again. */
  | { type: 'release-stale'; callId: string; agentId: string };

export type QueueLogEventName =
  | 'ENTERQUEUE'
  | 'FULL'
  | 'JOINEMPTY'
  | 'EXITEMPTY'
  | 'EXITWITHTIMEOUT'
  | 'ABANDON'
  | 'CALLBACKREQUEST'
  | 'WITHDRAW'
  | 'RINGNOANSWER'
  | 'RINGCANCELED'
  | 'CONNECT'
  | 'COMPLETEAGENT'
  | 'COMPLETECALLER'
  | 'TRANSFER'
  | 'STALE'
  | 'WRAPUPEND';

/** One queue_log line (epoch|callid|queue|agent|event|data), UTC epoch ms. */
export interface QueueLogEntry {
  at: number;
  callId: string;
  conversationId: string;
  queue: string;
  agent: string | null;
  event: QueueLogEventName;
  data: Record<string, number | string>;
}

export interface AgentChange {
  at: number;
  agentId: string;
  presence: Presence;
  reason: string | null;
  pending: PendingPresence | null;
  work: WorkState;
  callId: string | null;
  deadline: number | null;
  /** What caused it: 'agent', 'rona', 'offline', 'pending', 'offer', 'answer', ... */
  cause: string;
}

export type AcdEvent = { kind: 'queue-log'; entry: QueueLogEntry } | { kind: 'agent'; change: AgentChange };

export interface EnqueueRequest {
  callId: string;
  queue: string;
  /** Several legs (transfers, overflows) of one customer call share it; default = callId. */
  conversationId?: string;
  /** Higher waits less; FIFO within a priority. Overrides `tier`. */
  priority?: number;
  /** Customer tier (NORMAL, GOLD, PLATINUM, DIAMOND) mapped to a priority. */
  tier?: string;
  /** Keep an earlier place in line (overflow from another queue, callback, transfer). */
  virtualStart?: number;
  /** Preferred agent and how long only they may take the call (default: the queue's stickyMaxWaitS). */
  stickyAgent?: string;
  stickyMaxWaitS?: number;
  requiredSkills?: SkillRequirement[];
  /** A queued callback rather than a live caller. */
  callback?: { number: string };
}

export type CallEndCause = 'agent' | 'caller' | 'transfer';

// ---- read-only views --------------------------------------------------------------------------

export interface AgentView {
  agentId: string;
  presence: Presence;
  reason: string | null;
  pending: PendingPresence | null;
  work: WorkState;
  callId: string | null;
  queue: string | null;
  deadline: number | null;
  routable: boolean;
}

export interface CallView {
  callId: string;
  queue: string;
  state: CallState;
  priority: number;
  virtualStart: number;
  enqueuedAt: number;
  offeredTo: string[];
  agent: string | null;
  callback: boolean;
  stickyAgent: string | null;
  stickyUntil: number;
  /** Agents that let this call ring out and are skipped for it. */
  skipped: string[];
}

export interface QueueRealtime {
  queue: string;
  waiting: number;
  callbacksWaiting: number;
  longestWaitMs: number;
  /** Members by state: READY (idle), each work state, NOT_READY, OFFLINE, LOGGED_OUT. */
  agents: Record<string, number>;
  staffed: number;
  ahtMs: number;
}

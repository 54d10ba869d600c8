import { z } from 'zod';

export const QueueStrategy = z.enum([
  'ring-all',
  'round-robin',
  'linear',
  'longest-idle',
  'fewest-calls',
  'least-talk-time',
  'random',
  'skills',
]);
export type QueueStrategy = z.infer<typeof QueueStrategy>;

export const QueueInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  strategy: QueueStrategy,
  members: z.array(z.string()),
});
export type QueueInfo = z.infer<typeof QueueInfo>;

// ---- ACD routing engine (issue 5): queue configuration, skills, waiting callers, statistics ----

/** Where a call goes when its queue overflows; the call layer executes it (CALLCENTER-SEMANTICS.md §1). */
export const OverflowTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queue: z.string().min(1) }),
  z.object({ kind: z.literal('voicemail'), mailbox: z.string().optional() }),
  /** Offer a callback: the caller leaves a number and keeps the virtual age given in the decision. */
  z.object({ kind: z.literal('callback') }),
  /** Play a prompt, then hang up. */
  z.object({ kind: z.literal('announcement'), prompt: z.string().min(1) }),
]);
export type OverflowTarget = z.infer<typeof OverflowTarget>;

export const OverflowTrigger = z.enum(['max-wait', 'max-length', 'no-agents']);
export type OverflowTrigger = z.infer<typeof OverflowTrigger>;

export const SkillRequirement = z.object({ skill: z.string().min(1).max(32), minLevel: z.number().int().min(1).max(10) });
export type SkillRequirement = z.infer<typeof SkillRequirement>;

export const AgentSkill = z.object({ skill: z.string().min(1).max(32), level: z.number().int().min(1).max(10) });
export type AgentSkill = z.infer<typeof AgentSkill>;

/** Stored as JSON in `queues.config`; every field has a default, so `{}` is a valid configuration. */
export const AcdQueueConfig = z.object({
  /** Ring time per offer before it counts as no answer. */
  ringTimeoutS: z.number().int().min(1).max(300).default(15),
  /** Agent-level wrap-up after a call from this queue; 0 = none. The agent may end it early. */
  wrapUpS: z.number().int().min(0).max(3600).default(10),
  /** Longest real wait before overflow; 0 = off. */
  maxWaitS: z.number().int().min(0).default(0),
  /** Most callers waiting (live, not callbacks); 0 = no limit. */
  maxLength: z.number().int().min(0).default(0),
  overflow: z
    .object({ maxWait: OverflowTarget.optional(), maxLength: OverflowTarget.optional(), noAgents: OverflowTarget.optional() })
    .default({}),
  /** Service-level threshold T. */
  serviceLevelS: z.number().int().min(1).default(20),
  /** Abandons at or under this wait are "short". */
  shortAbandonS: z.number().int().min(0).default(5),
  /** How far back the agent who last served a customer counts as their preferred (sticky) agent; 0 = off. */
  stickyDays: z.number().int().min(0).default(0),
  /** How long a call waits for its sticky agent before anyone else may take it. */
  stickyMaxWaitS: z.number().int().min(0).default(20),
  /** Consecutive no-answers in this queue before the agent is set NOT_READY(RONA); 0 = never. */
  maxNoAnswer: z.number().int().min(0).default(1),
  /** Pause after a no-answer before the agent is offered again. */
  noAnswerDelayS: z.number().int().min(0).default(0),
  requiredSkills: z.array(SkillRequirement).default([]),
  /** Handle time assumed for wait estimates until real calls have been measured. */
  defaultAhtS: z.number().int().min(1).default(180),
});
export type AcdQueueConfig = z.infer<typeof AcdQueueConfig>;

/** One waiting caller as announced or shown on a wallboard. */
export const WaitingCaller = z.object({
  callId: z.string(),
  queue: z.string(),
  /** 1 = next in line for this queue. */
  position: z.number().int().min(1),
  priority: z.number().int(),
  waitedMs: z.number().int(),
  /** Estimated wait; null when no agent is staffed. Never larger than an estimate already announced. */
  ewtS: z.number().int().nullable(),
  callback: z.boolean(),
  stickyAgent: z.string().nullable(),
});
export type WaitingCaller = z.infer<typeof WaitingCaller>;

export const ServiceLevels = z.object({
  /** Branchline default: answered ≤T ÷ (offered − short abandons − callbacks requested). */
  default: z.number().nullable(),
  /** Asterisk SL: answered ≤T ÷ answered. */
  answeredOnly: z.number().nullable(),
  /** Asterisk SL2: (answered ≤T + abandoned ≤T) ÷ (answered + abandoned). */
  asteriskSl2: z.number().nullable(),
  /** Cisco "ignore abandons": answered ≤T ÷ (offered − abandoned ≤T). */
  ciscoIgnoreAbandons: z.number().nullable(),
  /** Cisco "negative": answered ≤T ÷ offered. */
  ciscoNegative: z.number().nullable(),
  /** Cisco "positive": (answered ≤T + abandoned ≤T) ÷ offered. */
  ciscoPositive: z.number().nullable(),
  /** Talkdesk: answered ≤T ÷ (offered − short abandons). */
  excludeShortAbandons: z.number().nullable(),
});
export type ServiceLevels = z.infer<typeof ServiceLevels>;

/** Raw counts of one queue over an interval; a call counts in the interval in which it left the queue. */
export const QueueIntervalCounts = z.object({
  offered: z.number().int(),
  answeredWithin: z.number().int(),
  answeredAfter: z.number().int(),
  abandonedShort: z.number().int(),
  abandonedWithin: z.number().int(),
  abandonedAfter: z.number().int(),
  timedOut: z.number().int(),
  overflowed: z.number().int(),
  callbackRequested: z.number().int(),
  /** Sum of waits of answered calls (for ASA). */
  answeredWaitMs: z.number().int(),
  handled: z.number().int(),
  /** Talk + hold + wrap-up of handled legs. */
  handleMs: z.number().int(),
});
export type QueueIntervalCounts = z.infer<typeof QueueIntervalCounts>;

export const QueueStats = z.object({
  queue: z.string(),
  at: z.number().int(),
  waiting: z.number().int(),
  callbacksWaiting: z.number().int(),
  longestWaitMs: z.number().int(),
  /** Members by state: READY idle, each work state, NOT_READY, OFFLINE, LOGGED_OUT. */
  agents: z.record(z.string(), z.number().int()),
  interval: z.object({ from: z.number().int(), to: z.number().int() }),
  counts: QueueIntervalCounts,
  serviceLevel: ServiceLevels,
  asaMs: z.number().nullable(),
  abandonRate: z.number().nullable(),
  ahtMs: z.number().nullable(),
});
export type QueueStats = z.infer<typeof QueueStats>;

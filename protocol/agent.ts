import { z } from 'zod';

/**
 * Agent presence: what the agent (or a supervisor, or the system) chose. Work (ringing, talking,
 * wrap-up) is a separate axis owned by the hub; see CALLCENTER-SEMANTICS.md §2 "Branchline model".
 *
 *   LOGGED_OUT ──login──▶ NOT_READY(LOGIN) ──▶ READY ◀──▶ NOT_READY(reason)
 *        ▲                                       │              │
 *        └──────────────── logout ◀──────────────┴──────────────┘
 *   OFFLINE: the seat's connection was lost (system); login or reconnect leaves it.
 */
export const Presence = z.enum(['LOGGED_OUT', 'READY', 'NOT_READY', 'OFFLINE']);
export type Presence = z.infer<typeof Presence>;

export const WorkState = z.enum(['IDLE', 'RESERVED', 'ALERTING', 'TALKING', 'HOLD', 'CONSULT', 'WRAPUP', 'OUTBOUND']);
export type WorkState = z.infer<typeof WorkState>;

/** System reason codes; configured ones (break, meal, ...) come from the store. */
export const SYSTEM_REASONS = ['LOGIN', 'RONA', 'DEVICE_UNREACHABLE', 'DESKTOP_LOST', 'SUPERVISOR'] as const;

export const ReasonCode = z.object({
  code: z.string().min(1).max(32),
  label: z.string(),
  labelEn: z.string(),
  system: z.boolean(),
});
export type ReasonCode = z.infer<typeof ReasonCode>;

export const AgentStatus = z.object({
  userId: z.number().int(),
  extension: z.string(),
  displayName: z.string(),
  presence: Presence,
  reasonCode: z.string().nullable(),
  work: WorkState,
  /** Epoch ms of the last presence change. */
  since: z.number().int(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;

export const SetPresenceRequest = z.discriminatedUnion('presence', [
  z.object({ presence: z.literal('READY') }),
  z.object({ presence: z.literal('NOT_READY'), reasonCode: z.string().min(1).max(32) }),
]);
export type SetPresenceRequest = z.infer<typeof SetPresenceRequest>;

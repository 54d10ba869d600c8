/**
 * Calls as the hub reports them: the events published on the hub bus (and later pushed over CTI)
 * and the call detail record written when a call ends. One record per call, with every leg.
 */
import { z } from 'zod';

export const CallLegRole = z.enum(['caller', 'callee', 'transfer-target', 'service']);
export type CallLegRole = z.infer<typeof CallLegRole>;

export const HangupParty = z.enum(['caller', 'callee', 'hub', 'transferor']);
export type HangupParty = z.infer<typeof HangupParty>;

export const CallLegRecord = z.object({
  legId: z.string(),
  role: CallLegRole,
  /** Extension, phone account or trunk id; the service number for 9196/9197. */
  party: z.string(),
  /** Contact or source address the leg ran over. */
  address: z.string(),
  codec: z.enum(['PCMU', 'PCMA']).nullable(),
  offeredAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  /** Final SIP status of the leg (200 for answered legs; 487, 486, 480 … for the others). */
  status: z.number().int().nullable(),
  reason: z.string().nullable(),
});
export type CallLegRecord = z.infer<typeof CallLegRecord>;

export const CallDetailRecord = z.object({
  callId: z.string(),
  /** Caller ID presented (sip_accounts.caller_id of the calling account). */
  callerId: z.string(),
  caller: z.string(),
  /** Dialled number (Request-URI user). */
  dialled: z.string(),
  /** Extension that answered (the last one, after transfers). */
  agent: z.string().nullable(),
  offeredAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int(),
  endedBy: HangupParty,
  /** SIP status summarising the outcome: 200 answered, 486 busy, 480 no answer, 404 unknown … */
  status: z.number().int(),
  cause: z.string(),
  legs: z.array(CallLegRecord),
  recordingPath: z.string().nullable(),
});
export type CallDetailRecord = z.infer<typeof CallDetailRecord>;

export const CallIncoming = z.object({ callId: z.string(), caller: z.string(), callerId: z.string(), dialled: z.string(), at: z.number().int() });
export const CallRinging = z.object({ callId: z.string(), legId: z.string(), party: z.string(), at: z.number().int() });
export const CallAnswered = z.object({ callId: z.string(), legId: z.string(), party: z.string(), codec: z.enum(['PCMU', 'PCMA']), at: z.number().int() });
export const CallHeld = z.object({ callId: z.string(), legId: z.string(), held: z.boolean(), at: z.number().int() });
export const CallTransferred = z.object({
  callId: z.string(),
  from: z.string(),
  to: z.string(),
  outcome: z.enum(['started', 'completed', 'failed']),
  status: z.number().int().nullable(),
  at: z.number().int(),
});
export const CallDtmf = z.object({
  callId: z.string(),
  legId: z.string(),
  digit: z.string().regex(/^[0-9*#A-D]$/),
  source: z.enum(['rfc4733', 'inband', 'info']),
  at: z.number().int(),
});
export const CallEnded = z.object({ callId: z.string(), cdr: CallDetailRecord });
export type CallIncoming = z.infer<typeof CallIncoming>;
export type CallRinging = z.infer<typeof CallRinging>;
export type CallAnswered = z.infer<typeof CallAnswered>;
export type CallHeld = z.infer<typeof CallHeld>;
export type CallTransferred = z.infer<typeof CallTransferred>;
export type CallDtmf = z.infer<typeof CallDtmf>;
export type CallEnded = z.infer<typeof CallEnded>;

export const RecordingInfo = z.object({
  callId: z.string(),
  path: z.string(),
  agent: z.string().nullable(),
  legs: z.array(z.string()),
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
});
export type RecordingInfo = z.infer<typeof RecordingInfo>;

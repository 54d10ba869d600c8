/**
 * CTI wire protocol between the hub and seats: JSON frames over the hub's `/cti` WebSocket.
 * The first frame a client sends is `auth` with its session token (never in the URL, where logs keep it).
 */
import { z } from 'zod';
import { AgentStatus } from './agent';
import { CallAnswered, CallEnded, CallHeld, CallIncoming, CallRinging, CallTransferred } from './call';
import type { WireError } from './errors';

export const CtiClientFrame = z.discriminatedUnion('type', [
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(256) }),
  z.object({ type: z.literal('ping'), at: z.number() }),
]);
export type CtiClientFrame = z.infer<typeof CtiClientFrame>;

export const CtiEvent = z.discriminatedUnion('name', [
  z.object({ name: z.literal('agent.status'), data: AgentStatus }),
  z.object({ name: z.literal('session.ended'), data: z.object({ reason: z.enum(['logout', 'expired', 'replaced']) }) }),
  // Calls, for the agents on them (leads and admins: all). `call.dtmf` is not pushed on purpose:
  // callers key card numbers and PINs into the IVR, and no seat needs those digits.
  z.object({ name: z.literal('call.incoming'), data: CallIncoming }),
  z.object({ name: z.literal('call.ringing'), data: CallRinging }),
  z.object({ name: z.literal('call.answered'), data: CallAnswered }),
  z.object({ name: z.literal('call.held'), data: CallHeld }),
  z.object({ name: z.literal('call.transferred'), data: CallTransferred }),
  z.object({ name: z.literal('call.ended'), data: CallEnded }),
]);
export type CtiEvent = z.infer<typeof CtiEvent>;

export type CtiServerFrame =
  | { type: 'ready'; userId: number }
  | { type: 'pong'; at: number }
  | { type: 'event'; event: CtiEvent }
  | { type: 'error'; error: WireError };

export const CTI_AUTH_TIMEOUT_MS = 5_000;

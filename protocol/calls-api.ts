/**
 * The `calls` service of the seat contract: the hub's call events for this seat's user (pushed
 * over CTI) and the commands on those calls (hub routes `/api/calls/:callId/...`). Agents hear
 * and control the calls their extension is on; leads and admins every call.
 */
import { z } from 'zod';
import { CallAnswered, CallEnded, CallHeld, CallIncoming, CallTransferred } from './call';
import { event, method } from './rpc';

/** `forMe`: someone is calling this user's extension (not this user calling out): screen-pop it. */
export const CallIncomingEvent = CallIncoming.extend({ forMe: z.boolean() });
export type CallIncomingEvent = z.infer<typeof CallIncomingEvent>;

const CallRef = z.object({ callId: z.string().min(1).max(64) });

export const callsService = {
  hangup: method(CallRef, z.void()),
  hold: method(CallRef.extend({ held: z.boolean() }), z.void()),
  /** Blind transfer; the outcome arrives as `onTransferred` ('completed' or 'failed'). */
  transfer: method(CallRef.extend({ target: z.string().regex(/^[0-9*#]{1,32}$/) }), z.void()),
  onIncoming: event(CallIncomingEvent),
  onAnswered: event(CallAnswered),
  onHeld: event(CallHeld),
  onTransferred: event(CallTransferred),
  /** With the call detail record. */
  onEnded: event(CallEnded),
};

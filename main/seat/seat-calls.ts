/**
 * The seat side of the contract's `calls` service: CTI call events become `calls.on*` events, and
 * the commands go to the hub's `/api/calls` routes with the session's token.
 */
import { z } from 'zod';
import type { UserInfo } from '../../protocol/auth';
import type { CtiEvent } from '../../protocol/cti';
import { BranchlineError } from '../../protocol/errors';
import type { ImplOf } from '../../protocol/rpc';
import type { SeatApi } from '../../protocol/seat-api';
import type { EmitFn, SeatSession } from './seat-session';

/** Forwards one CTI call event; returns false for events that are not about calls. */
export function forwardCallEvent(event: CtiEvent, user: UserInfo | null, emit: EmitFn): boolean {
  switch (event.name) {
    case 'call.incoming': {
      const ext = user?.extension ?? null;
      const d = event.data;
      // An agent only hears calls they are on; a lead hears all, so only a call to their own extension is theirs.
      const forMe = ext !== null && d.caller !== ext && (user?.role === 'agent' || d.dialled === ext);
      emit('calls.onIncoming', { ...d, forMe });
      return true;
    }
    case 'call.answered':
      emit('calls.onAnswered', event.data);
      return true;
    case 'call.held':
      emit('calls.onHeld', event.data);
      return true;
    case 'call.transferred':
      emit('calls.onTransferred', event.data);
      return true;
    case 'call.ended':
      emit('calls.onEnded', event.data);
      return true;
    case 'call.ringing':
      return true; // Not in the contract: the renderer's softphone rings itself.
    default:
      return false;
  }
}

const Ok = z.object({ ok: z.literal(true) });

function signedIn(s: SeatSession): SeatSession {
  if (!s.currentUser) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
  return s;
}

export const callsServiceImpl: Pick<ImplOf<SeatApi, SeatSession>, 'calls'> = {
  calls: {
    hangup: async ({ callId }, s) => void (await signedIn(s).hubRequest('POST', `/api/calls/${encodeURIComponent(callId)}/hangup`, {}, Ok)),
    hold: async ({ callId, held }, s) => void (await signedIn(s).hubRequest('POST', `/api/calls/${encodeURIComponent(callId)}/hold`, { held }, Ok)),
    transfer: async ({ callId, target }, s) => void (await signedIn(s).hubRequest('POST', `/api/calls/${encodeURIComponent(callId)}/transfer`, { target }, Ok)),
  },
};

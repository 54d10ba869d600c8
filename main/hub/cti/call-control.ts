/**
 * Call commands a seat sends over CTI (hang up, hold, blind transfer), carried out on the
 * CallEngine's public call objects. Hold and transfer mirror what the B2BUA does for a phone's
 * re-INVITE and REFER (main/hub/calls/in-dialog.ts, call-transfer.ts) without the SIP request:
 * the hub plays music to the other party and stops sending to the agent's phone, which is not
 * told (no re-INVITE). TODO(calls owner): move these into CallEngine (`hold(callId, held)`,
 * `transfer(callId, target)`) so there is one implementation; this file then only delegates.
 */
import type { HangupParty } from '../../../protocol/call';
import { BranchlineError } from '../../../protocol/errors';
import type { Call, CallEngine, SipLeg } from '../calls';
import { CallState, LegState } from '../calls';
import type { HubEventBus } from '../events/hub-event-bus';

/** How long the transferor's phone may keep its leg after the target answered (as for REFER). */
const TRANSFEROR_GRACE_MS = 4000;

export function findCall(engine: CallEngine, callId: string): Call {
  const call = engine.calls().find((c) => c.id === callId && !c.isEnding);
  if (!call) throw new BranchlineError('BL_ERR_NOT_FOUND', 'No call in progress with this id');
  return call;
}

/** The live leg of `extension` on the call (undefined when the extension is not on it). */
export function legOf(call: Call, extension: string | null): SipLeg | undefined {
  if (extension === null) return undefined;
  return call.legs.find((l) => l.live && l.party === extension);
}

/** The leg a command acts for: the agent's own, or for a lead/admin the agent side (b). */
function actingLeg(call: Call, own: SipLeg | undefined): SipLeg {
  const leg = own ?? (call.b?.live ? call.b : undefined);
  // a/b are set once the answered call is bridged (after the recording opens), not at the 200.
  if (!leg || !call.a || !call.b || (call.state !== CallState.Answered && call.state !== CallState.Held)) {
    throw new BranchlineError('BL_ERR_CALL_NOT_CONNECTED');
  }
  return leg;
}

export async function hangupCall(call: Call, own: SipLeg | undefined): Promise<void> {
  // The CDR says who hung up: the agent's side when an agent did, the hub when a lead did.
  const endedBy: HangupParty = own ? (own.role === 'caller' ? 'caller' : 'callee') : 'hub';
  await call.end(endedBy, 200, 'Hung up over CTI');
}

export async function holdCall(bus: HubEventBus, call: Call, own: SipLeg | undefined, held: boolean): Promise<void> {
  const leg = actingLeg(call, own);
  const other = call.a === leg ? call.b : call.a;
  if (held && leg.state === LegState.Connected) {
    leg.fsm.transition(LegState.Held);
    if (leg.media) leg.media.sending = false;
    call.fsm.tryTransition(CallState.Held);
    if (other?.media && other.live) await call.playHoldMusic(other.media);
  } else if (!held && leg.state === LegState.Held) {
    leg.fsm.transition(LegState.Connected);
    if (leg.media) leg.media.sending = true;
    call.fsm.tryTransition(CallState.Answered);
    if (other?.live && call.a && call.b) call.connect(call.a, call.b);
  } else return; // Already in the asked state: idempotent, no event.
  bus.publish('call.held', { callId: call.id, legId: leg.id, held, at: Date.now() });
}

/**
 * Blind transfer: the other party hears music while `target` rings; on answer they are bridged
 * and the transferor released, on failure the other party goes back to the transferor. Resolves
 * once the transfer has started; progress arrives as `call.transferred` events.
 */
export function transferCall(engine: CallEngine, bus: HubEventBus, call: Call, own: SipLeg | undefined, target: string): void {
  const x = actingLeg(call, own);
  const y = call.a === x ? call.b : call.a;
  if (!y?.live || !y.media) throw new BranchlineError('BL_ERR_CALL_NOT_CONNECTED');
  x.transferor = true;
  call.fsm.transition(CallState.Transferring);
  bus.publish('call.transferred', { callId: call.id, from: x.party, to: target, outcome: 'started', status: null, at: Date.now() });
  void (async () => {
    await call.playHoldMusic(y.media!);
    const outcome = await engine.ring(call, target, 'transfer-target');
    if (call.isEnding) return;
    if (outcome.kind === 'answered') {
      const t = outcome.leg;
      if (x.role === 'caller') t.role = 'caller';
      call.fsm.transition(CallState.Answered);
      call.connect(y.role === 'caller' ? y : t, y.role === 'caller' ? t : y);
      bus.publish('call.transferred', { callId: call.id, from: x.party, to: target, outcome: 'completed', status: 200, at: Date.now() });
      setTimeout(() => {
        if (!x.live) return;
        x.dialog?.request('BYE', [['Reason', 'SIP;cause=200;text="Call transferred"']]);
        x.terminate(200, 'Transferred');
      }, TRANSFEROR_GRACE_MS).unref();
      return;
    }
    bus.publish('call.transferred', { callId: call.id, from: x.party, to: target, outcome: 'failed', status: outcome.status, at: Date.now() });
    x.transferor = false;
    if (x.live) {
      call.fsm.transition(CallState.Answered);
      call.connect(y.role === 'caller' ? y : x, y.role === 'caller' ? x : y);
    } else await call.end('transferor', outcome.status, `Transfer failed: ${outcome.reason}`);
  })().catch((err: unknown) => call.log.error({ err: (err as Error).message }, 'CTI transfer failed'));
}

/**
 * Blind transfer by REFER (RFC 3515). The transferor X asks the hub to connect the other party Y
 * to the Refer-To target T. The hub accepts (202), plays hold music to Y, rings T, and reports
 * progress to X in NOTIFYs carrying message/sipfrag (RFC 3515 §2.4.5: "Each NOTIFY MUST contain a
 * body of type "message/sipfrag"" whose status line is the progress of the new call). When T
 * answers, Y and T are bridged (the recording goes on in the same file) and X is released; if T
 * fails, Y goes back to X.
 */
import type { CallLegRole } from '../../../protocol/call';
import type { SipServerRequest } from '../sip';
import type { Call } from './call';
import type { CallContext } from './call-context';
import { CallState } from './call-state';
import type { DialOutcome } from './outbound-dialer';
import { userOf } from './sip-dialog';
import type { SipLeg } from './sip-leg';

export type Ring = (call: Call, aor: string, role: 'callee' | 'transfer-target') => Promise<DialOutcome>;

/** How long the transferor may keep its leg after the final NOTIFY before the hub hangs it up. */
const TRANSFEROR_GRACE_MS = 4000;

export async function handleRefer(ctx: CallContext, call: Call, x: SipLeg, req: SipServerRequest, ring: Ring): Promise<void> {
  const referTo = req.message.getHeader('refer-to');
  const target = referTo ? userOf(referTo) : '';
  // RFC 3515 §2.4.2: "An agent responding to a REFER method MUST return a 400 (Bad Request) if the
  // request contained zero or more than one Refer-To header field values."
  if (!target) return void req.respond(400, { reason: 'Missing Refer-To' });
  if (call.state !== CallState.Answered && call.state !== CallState.Held) return void req.respond(403, { reason: 'Call not established' });
  const y = call.a === x ? call.b : call.a;
  if (!y?.live || !y.media) return void req.respond(481);

  req.respond(202);
  x.transferor = true;
  call.fsm.transition(CallState.Transferring);
  ctx.bus.publish('call.transferred', { callId: call.id, from: x.party, to: target, outcome: 'started', status: null, at: Date.now() });
  notify(x, 'SIP/2.0 100 Trying', 'active;expires=60');
  await call.playHoldMusic(y.media);

  const role: CallLegRole = 'transfer-target';
  const outcome = await ring(call, target, role as 'transfer-target');
  if (call.isEnding) return;
  if (outcome.kind === 'answered') {
    const t = outcome.leg;
    // The target takes the transferor's recording channel (Call.channelOf maps by role).
    if (x.role === 'caller') t.role = 'caller';
    call.fsm.transition(CallState.Answered);
    call.connect(y.role === 'caller' ? y : t, y.role === 'caller' ? t : y);
    notify(x, 'SIP/2.0 200 OK', 'terminated;reason=noresource');
    ctx.bus.publish('call.transferred', { callId: call.id, from: x.party, to: target, outcome: 'completed', status: 200, at: Date.now() });
    // RFC 5589 §6.1: the transferor normally sends BYE on the final NOTIFY; release it if it does not.
    setTimeout(() => {
      if (x.live) {
        x.dialog?.request('BYE', [['Reason', 'SIP;cause=200;text="Call transferred"']]);
        x.terminate(200, 'Transferred');
      }
    }, TRANSFEROR_GRACE_MS).unref();
    return;
  }
  notify(x, `SIP/2.0 ${outcome.status} ${outcome.reason}`, 'terminated;reason=noresource');
  ctx.bus.publish('call.transferred', { callId: call.id, from: x.party, to: target, outcome: 'failed', status: outcome.status, at: Date.now() });
  x.transferor = false;
  if (x.live) {
    call.fsm.transition(CallState.Answered);
    call.connect(y.role === 'caller' ? y : x, y.role === 'caller' ? x : y);
  } else {
    await call.end('transferor', outcome.status, `Transfer failed: ${outcome.reason}`);
  }
}

function notify(x: SipLeg, sipfrag: string, state: string): void {
  if (!x.live) return;
  x.dialog?.request('NOTIFY', [['Event', 'refer'], ['Subscription-State', state]], `${sipfrag}\r\n`, 'message/sipfrag;version=2.0');
}

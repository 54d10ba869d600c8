/**
 * Requests inside an established dialog: ACK (stops 2xx retransmission), BYE, re-INVITE
 * (hold/resume), INFO (DTMF relay) and REFER (blind transfer, in call-transfer.ts).
 */
import { answerDirection, buildLocalSdp, negotiate, parseRemoteSdp } from '../media/engine';
import type { SipServerRequest } from '../sip';
import type { Call } from './call';
import type { CallContext } from './call-context';
import { CallState } from './call-state';
import { handleRefer } from './call-transfer';
import type { Ring } from './call-transfer';
import { parseDtmfInfo } from './dtmf-info';
import { LegState } from './leg-state';
import type { SipLeg } from './sip-leg';

export async function handleInDialog(ctx: CallContext, call: Call, leg: SipLeg, req: SipServerRequest, ring: Ring): Promise<void> {
  const dialog = leg.dialog;
  if (!dialog) return void req.respond(481);
  const cseq = req.message.cseq;
  if (req.method === 'ACK') {
    leg.stopRetransmit();
    return;
  }
  // RFC 3261 §12.2.2: "If the remote sequence number was not empty, but the sequence number of the
  // request is lower than the remote sequence number, the request is out of order and MUST be
  // rejected with a 500 (Server Internal Error) response."
  if (dialog.remoteCseq && cseq < dialog.remoteCseq) return void req.respond(500, { reason: 'Out of order CSeq' });
  dialog.remoteCseq = cseq;

  switch (req.method) {
    case 'BYE':
      req.respond(200);
      onBye(call, leg);
      return;
    case 'INVITE':
      return reInvite(ctx, call, leg, req);
    case 'INFO':
      return info(call, leg, req);
    case 'REFER':
      return handleRefer(ctx, call, leg, req, ring);
    case 'NOTIFY':
    case 'OPTIONS':
      req.respond(200);
      return;
    default:
      req.respond(501);
  }
}

function onBye(call: Call, leg: SipLeg): void {
  leg.terminate(200, 'BYE');
  if (leg.transferor) {
    // The transferor leaves after a (possibly still ringing) blind transfer: the call goes on.
    if (leg.key) call.ctx.unindex(leg.key);
    return;
  }
  const by = leg.role === 'caller' ? 'caller' : 'callee';
  void call.end(by, 200, 'Normal call clearing', leg);
}

/**
 * Hold and resume. RFC 3264 §8.4: "If the stream to be placed on hold was previously a sendrecv
 * media stream, it is placed on hold by marking it sendonly." The hub does not forward the hold
 * to the other party: it answers it locally and plays music to the held side.
 */
async function reInvite(ctx: CallContext, call: Call, leg: SipLeg, req: SipServerRequest): Promise<void> {
  const media = leg.media;
  if (!media) return void req.respond(488);
  let direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' = 'sendrecv';
  let answerTo;
  if (req.body.length > 0) {
    try {
      const offer = parseRemoteSdp(req.body.toString('utf8'));
      // Keep our codec if the peer still offers it: switching would make every packet transcode.
      const fmt = negotiate(offer, media.format.codec);
      media.update?.(fmt, { address: offer.address, port: offer.port });
      direction = answerDirection(offer.direction);
      answerTo = offer;
    } catch (err) {
      return void req.respond(488, { headers: [['Warning', `399 branchline "${(err as Error).message.replace(/"/g, "'").slice(0, 80)}"`]] });
    }
  }
  leg.localSdpVersion++;
  const f = media.format;
  const sdp = buildLocalSdp({
    sessionId: String(leg.offeredAt),
    version: leg.localSdpVersion,
    address: ctx.media.advertisedAddress,
    port: media.localPort ?? 0,
    codecs: [{ codec: f.codec, payloadType: f.payloadType }],
    telephoneEventPt: f.telephoneEventPt,
    direction,
    answerTo,
  });
  const contact = leg.dialog?.contact ?? '';
  const send = (): boolean => req.respond(200, { headers: [['Contact', contact]], body: sdp, contentType: 'application/sdp' });
  send();
  if (!req.flow.reliable) leg.retransmit2xx(send, () => void call.end('hub', 408, 'ACK timeout'));

  const holding = direction === 'recvonly' || direction === 'inactive';
  const other = call.a === leg ? call.b : call.a;
  if (holding && leg.state === LegState.Connected) {
    leg.fsm.transition(LegState.Held);
    // We must not send to a party that put the call on hold ("recvonly" in our answer).
    media.sending = false;
    call.fsm.tryTransition(CallState.Held);
    if (other?.media && other.live) await call.playHoldMusic(other.media);
    ctx.bus.publish('call.held', { callId: call.id, legId: leg.id, held: true, at: Date.now() });
  } else if (!holding && leg.state === LegState.Held) {
    leg.fsm.transition(LegState.Connected);
    media.sending = true;
    call.fsm.tryTransition(CallState.Answered);
    if (other?.live && call.a && call.b) call.connect(call.a, call.b);
    ctx.bus.publish('call.held', { callId: call.id, legId: leg.id, held: false, at: Date.now() });
  }
}

/** SIP INFO DTMF (application/dtmf-relay, the Cisco form most phones send when RFC 4733 is off). */
function info(call: Call, leg: SipLeg, req: SipServerRequest): void {
  const type = (req.message.getHeader('content-type') ?? '').toLowerCase();
  if (type.startsWith('application/dtmf-relay') || type.startsWith('application/dtmf')) {
    const digit = parseDtmfInfo(req.body.toString('utf8'), type);
    if (!digit) return void req.respond(400, { reason: 'Bad DTMF body' });
    req.respond(200);
    leg.media?.injectDtmf(digit, 'info');
    return;
  }
  req.respond(200);
}

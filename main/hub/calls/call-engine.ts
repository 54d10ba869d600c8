/**
 * The hub's call control (a B2BUA): takes INVITEs from extensions (digest-authenticated) and
 * trunks, routes them by Request-URI, anchors media on RTP legs and bridges them, and keeps the
 * dialogs (tags, route sets, CSeq, 2xx retransmission, BYE both ways, CANCEL, hold, REFER).
 *
 * Routing: 9196 → echo, 9197 → 1 kHz tone, an account with registered contacts → ring them all,
 * an account without contacts → 480, anything else → 404. The ACD will plug in through
 * `options.route` (a queue number resolves to an agent AOR) and through `dial()` for callbacks.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { BranchlineError, ERRORS } from '../../../protocol/errors';
import type { Logger } from '../../common/logger';
import type { HubEventBus } from '../events/hub-event-bus';
import { MediaEngine, ToneSource, Player, buildLocalSdp, negotiate, parseRemoteSdp, startEcho } from '../media/engine';
import type { RtpPortRange } from '../media/engine';
import type { SipServerRequest, SipStack } from '../sip';
import type { HubStore } from '../store/hub-store';
import { Call } from './call';
import type { CallContext } from './call-context';
import { CallState } from './call-state';
import { handleInDialog } from './in-dialog';
import { LegState } from './leg-state';
import { OutboundDialer } from './outbound-dialer';
import { SipDialog, userOf } from './sip-dialog';
import { SipLeg } from './sip-leg';

export const ECHO_SERVICE = '9196';
export const TONE_SERVICE = '9197';

/** Where a dialled number goes. The ACD/IVR extend this. */
export type RouteDecision = { kind: 'echo' } | { kind: 'tone' } | { kind: 'extension'; aor: string } | { kind: 'reject'; status: number; reason: string };

export interface CallEngineOptions {
  readonly sip: SipStack;
  readonly store: HubStore;
  readonly bus: HubEventBus;
  readonly logger: Logger;
  readonly rtpPorts: RtpPortRange;
  /** IP put in SDP c= lines; default 127.0.0.1 when SIP listens on loopback. */
  readonly advertisedAddress: string;
  readonly rtpBindHost?: string;
  /** Data folder: recordings go to `<dataDir>/recordings`, hold music is `<dataDir>/moh.wav` if present. */
  readonly dataDir?: string;
  /** Maps an authenticated SIP user to the extension it calls as (seat per-login usernames). */
  readonly extensionOf?: (user: string) => string | undefined;
  /** Custom routing ahead of the built-in one (queues, IVR hotlines). */
  readonly route?: (dialled: string, call: Call) => RouteDecision | undefined;
  readonly ringTimeoutMs?: number;
  /** In-band DTMF detection for legs without RFC 4733 (default true). */
  readonly inbandDtmf?: boolean;
  /** Record agent calls (default true). */
  readonly record?: boolean;
}

export class CallEngine {
  readonly media: MediaEngine;
  private readonly ctx: CallContext;
  private readonly dialogs = new Map<string, { leg: SipLeg; call: Call }>();
  private readonly active = new Set<Call>();

  constructor(private readonly o: CallEngineOptions) {
    this.media = new MediaEngine({ ports: o.rtpPorts, bindHost: o.rtpBindHost, advertisedAddress: o.advertisedAddress, inbandDtmf: o.inbandDtmf });
    let recordingsDir: string | undefined;
    if (o.dataDir && o.record !== false) {
      recordingsDir = join(o.dataDir, 'recordings');
      mkdirSync(recordingsDir, { recursive: true });
    }
    this.ctx = {
      sip: o.sip,
      media: this.media,
      bus: o.bus,
      calls: o.store.calls,
      log: o.logger.child({ mod: 'hub.calls' }),
      recordingsDir,
      mohPath: o.dataDir ? join(o.dataDir, 'moh.wav') : undefined,
      index: (key, leg, call) => void this.dialogs.set(key, { leg, call }),
      unindex: (key) => void this.dialogs.delete(key),
    };
  }

  /** Take over the SIP stack's TU hook. */
  start(): void {
    this.o.sip.onRequest = (req) => this.onRequest(req);
  }

  async stop(): Promise<void> {
    this.o.sip.onRequest = undefined;
    await Promise.all([...this.active].map((c) => c.end('hub', 503, 'Hub shutting down')));
    this.media.close();
  }

  get activeCalls(): number {
    return this.active.size;
  }

  /** Calls in progress (for CTI snapshots and tests). */
  calls(): readonly Call[] {
    return [...this.active];
  }

  private async onRequest(req: SipServerRequest): Promise<void> {
    const toTag = req.message.toTag;
    if (toTag) {
      const found = this.dialogs.get(`${req.message.callId}|${toTag}`);
      if (!found) {
        // RFC 3261 §12.2.2: "If the UAS wishes to reject the request because it does not wish to
        // recreate the dialog, it MUST respond to the request with a 481 (Call/Transaction Does Not Exist)".
        if (req.method !== 'ACK') req.respond(481);
        return;
      }
      await handleInDialog(this.ctx, found.call, found.leg, req, (call, aor, role) => this.ring(call, aor, role));
      return;
    }
    if (req.method === 'INVITE') return this.onInvite(req);
    if (req.method === 'ACK') return;
    req.respond(req.method === 'BYE' || req.method === 'INFO' || req.method === 'REFER' ? 481 : 405, {
      headers: [['Allow', 'INVITE, ACK, CANCEL, BYE, INFO, REFER, OPTIONS']],
    });
  }

  private async onInvite(req: SipServerRequest): Promise<void> {
    let caller: string;
    if (req.trunk) caller = req.trunk.id;
    else {
      const auth = await req.authenticate();
      if (!auth.ok) return; // 407 already sent
      caller = this.o.extensionOf?.(auth.user) ?? auth.user;
    }
    if (req.isCancelled) return;
    const account = req.trunk ? undefined : this.o.store.sipAccounts.find(caller);
    const callerId = req.trunk ? userOf(req.message.getHeader('from') ?? '') || caller : (account?.callerId ?? caller);
    const dialled = req.message.ruri?.user ?? '';
    const call = new Call(this.ctx, caller, callerId, dialled);
    call.onEnded = () => this.active.delete(call);
    const leg = new SipLeg(`${call.id.slice(0, 8)}-caller`, 'inbound', 'caller', caller, `${req.source.address}:${req.source.port}`, call.log);
    leg.invite = req;
    call.addLeg(leg);

    // Media first: an offer we cannot take is refused before anything rings.
    let offer;
    let format;
    try {
      if (req.body.length === 0) throw new BranchlineError('BL_ERR_CALL_NO_SDP');
      offer = parseRemoteSdp(req.body.toString('utf8'));
      format = negotiate(offer);
    } catch (err) {
      const code = err instanceof BranchlineError ? err.code : 'BL_ERR_MEDIA_SDP_INVALID';
      const status = ERRORS[code].sip;
      req.respond(status, { headers: [['Warning', `399 branchline "${code}: ${(err as Error).message.replace(/"/g, "'").slice(0, 100)}"`]] });
      leg.terminate(status, code);
      await call.end('hub', status, code);
      return;
    }
    const decision = this.o.route?.(dialled, call) ?? this.routeOf(dialled);
    if (decision.kind === 'reject') {
      req.respond(decision.status);
      leg.terminate(decision.status, decision.reason);
      await call.end('hub', decision.status, decision.reason);
      return;
    }
    this.active.add(call);
    this.o.bus.publish('call.incoming', { callId: call.id, caller, callerId, dialled, at: call.offeredAt });
    try {
      leg.media = await this.media.openRtpLeg(format, { address: offer.address, port: offer.port }, 'a');
    } catch (err) {
      this.active.delete(call);
      const status = err instanceof BranchlineError ? ERRORS[err.code].sip : 500;
      req.respond(status);
      leg.terminate(status, (err as Error).message);
      await call.end('hub', status, (err as Error).message);
      return;
    }
    const contact = `<${this.o.sip.contactUri(req.flow.protocol, 'hub', req.flow)}>`;
    leg.dialog = SipDialog.asUas(this.o.sip, req, contact);
    if (leg.key) this.ctx.index(leg.key, leg, call);
    const answerSdp = buildLocalSdp({
      sessionId: String(Date.now()),
      version: leg.localSdpVersion,
      address: this.media.advertisedAddress,
      port: leg.media.localPort ?? 0,
      codecs: [{ codec: format.codec, payloadType: format.payloadType }],
      telephoneEventPt: format.telephoneEventPt,
      direction: 'sendrecv',
      answerTo: offer,
    });
    const answer = (): void => this.answerInbound(call, leg, answerSdp, contact);

    req.onCancel(() => {
      // The stack answers 487 itself; we stop ringing the callees and close the call.
      leg.terminate(487, 'Caller cancelled');
      void call.end('caller', 487, 'Caller cancelled').then(() => this.active.delete(call));
    });
    if (decision.kind === 'echo' || decision.kind === 'tone') {
      call.fsm.transition(CallState.Answered);
      answer();
      const m = leg.media;
      call.watchDtmf(leg, undefined);
      if (decision.kind === 'echo') call.attachService(startEcho(m));
      else {
        const player = new Player(m, new ToneSource(1000, 8000), this.media.clock);
        player.start();
        call.attachService(() => player.stop());
      }
      return;
    }
    const outcome = await this.ring(call, decision.aor, 'callee', () => {
      if (req.hasFinalResponse) return;
      req.respond(180, { headers: [['Contact', contact]] });
      leg.fsm.tryTransition(LegState.Ringing);
      call.fsm.tryTransition(CallState.Ringing);
    });
    if (call.isEnding) return;
    if (outcome.kind === 'failed') {
      req.respond(outcome.status, { reason: outcome.reason });
      leg.terminate(outcome.status, outcome.reason);
      await call.end('callee', outcome.status, outcome.reason);
      this.active.delete(call);
      return;
    }
    call.fsm.tryTransition(CallState.Answered);
    answer();
    await call.startRecording();
    call.connect(leg, outcome.leg);
  }

  /** Ring an AOR for a call (first routing or a transfer target); resolves with the answering leg. */
  async ring(call: Call, aor: string, role: 'callee' | 'transfer-target', onRinging?: () => void) {
    const account = this.o.store.sipAccounts.find(call.caller);
    const dialer = new OutboundDialer(call, {
      aor,
      role,
      callerId: call.callerId,
      displayName: account?.displayName || call.callerId,
      preferCodec: call.a?.media?.format.codec ?? call.legs[0]?.media?.format.codec ?? 'PCMU',
      ringTimeoutMs: this.o.ringTimeoutMs,
      onRinging: (l) => {
        this.o.bus.publish('call.ringing', { callId: call.id, legId: l.id, party: aor, at: Date.now() });
        onRinging?.();
      },
    });
    // The caller may hang up (CANCEL, BYE during a transfer) while this rings: stop ringing then.
    const off = call.onEnding(() => dialer.cancel(487, 'Caller cancelled'));
    const outcome = await dialer.start().finally(off);
    if (outcome.kind === 'answered') {
      call.agent = aor;
      this.o.bus.publish('call.answered', { callId: call.id, legId: outcome.leg.id, party: aor, codec: outcome.leg.media?.format.codec ?? 'PCMU', at: Date.now() });
    }
    return outcome;
  }

  private answerInbound(call: Call, leg: SipLeg, sdp: string, contact: string): void {
    const req = leg.invite;
    if (!req) return;
    const send = (): boolean => req.respond(200, { headers: [['Contact', contact], ['Allow', 'INVITE, ACK, CANCEL, BYE, INFO, REFER, OPTIONS']], body: sdp, contentType: 'application/sdp' });
    if (!send()) return;
    leg.answeredAt = Date.now();
    leg.status = 200;
    call.answeredAt ??= leg.answeredAt;
    leg.fsm.tryTransition(LegState.Connected);
    if (!req.flow.reliable) {
      leg.retransmit2xx(send, () => {
        call.log.warn({ leg: leg.id }, 'no ACK for our 2xx within 64*T1: ending the call');
        void call.end('hub', 408, 'ACK timeout').then(() => this.active.delete(call));
      });
    }
  }

  private routeOf(dialled: string): RouteDecision {
    if (dialled === ECHO_SERVICE) return { kind: 'echo' };
    if (dialled === TONE_SERVICE) return { kind: 'tone' };
    if (this.o.store.sipAccounts.find(dialled)) return { kind: 'extension', aor: dialled };
    return { kind: 'reject', status: 404, reason: 'Not Found' };
  }
}

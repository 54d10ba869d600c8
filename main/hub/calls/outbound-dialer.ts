/**
 * Rings every registered contact of an address-of-record in parallel (one outbound leg per
 * contact, each with its own RTP port and Call-ID). The first 2xx wins; the others are cancelled
 * with RFC 3326 `Reason: SIP;cause=200;text="Call completed elsewhere"` so phones do not log a
 * missed call. A 2xx that loses the race is ACKed and hung up at once (RFC 3261 §13.2.2.4: the
 * UAC "MUST generate an ACK request for each 2xx", then it may send BYE).
 */
import type { CallLegRole } from '../../../protocol/call';
import { buildLocalSdp, negotiate, offerCodecs, parseRemoteSdp } from '../media/engine';
import type { G711Codec } from '../media/engine';
import { WebRtcLeg } from '../media/webrtc/webrtc-leg';
import { newCallId, newTag } from '../sip';
import type { ParsedResponse } from '../sip';
import type { Call } from './call';
import { LegState } from './leg-state';
import { SipDialog } from './sip-dialog';
import { SipLeg } from './sip-leg';

export type DialOutcome = { kind: 'answered'; leg: SipLeg } | { kind: 'failed'; status: number; reason: string };

export interface DialOptions {
  readonly aor: string;
  readonly role: CallLegRole;
  /** Caller ID to present (From user and display name). */
  readonly callerId: string;
  readonly displayName: string;
  readonly preferCodec: G711Codec;
  readonly ringTimeoutMs?: number;
  readonly onRinging?: (leg: SipLeg) => void;
}

const TELEPHONE_EVENT_PT = 101;
const ELSEWHERE: [string, string] = ['Reason', 'SIP;cause=200;text="Call completed elsewhere"'];

export class OutboundDialer {
  private readonly legs: SipLeg[] = [];
  private winner: SipLeg | undefined;
  private done = false;
  private rang = false;
  private resolve!: (o: DialOutcome) => void;
  readonly outcome: Promise<DialOutcome>;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly call: Call,
    private readonly o: DialOptions,
  ) {
    this.outcome = new Promise((r) => (this.resolve = r));
  }

  async start(): Promise<DialOutcome> {
    const { sip } = this.call.ctx;
    const contacts = await sip.lookupContacts(this.o.aor);
    if (contacts.length === 0) this.finish({ kind: 'failed', status: 480, reason: 'Not registered' });
    for (const c of contacts) {
      if (this.done) break;
      try {
        await this.invite(c.contact, c.target);
      } catch (err) {
        this.call.log.warn({ err: (err as Error).message, contact: c.contact }, 'could not ring contact');
      }
    }
    if (this.legs.length === 0) this.finish({ kind: 'failed', status: contacts.length === 0 ? 480 : 503, reason: 'No contact could be rung' });
    if (!this.done) this.timer = setTimeout(() => this.cancel(480, 'No answer'), this.o.ringTimeoutMs ?? 60_000);
    return this.outcome;
  }

  /** Stop ringing (caller hung up, or no answer): CANCEL every pending leg. */
  cancel(status = 487, reason = 'Request Terminated', headers: [string, string][] = []): void {
    for (const leg of this.legs) {
      if (leg.state === LegState.Trying || leg.state === LegState.Ringing) {
        leg.client?.cancel(headers);
        leg.terminate(487, reason);
      }
    }
    this.finish({ kind: 'failed', status, reason });
  }

  private async invite(contactValue: string, target: Parameters<typeof SipDialog.asUac>[1]['target']): Promise<void> {
    const { sip, media } = this.call.ctx;
    const callId = newCallId();
    const codecs = offerCodecs(this.o.preferCodec);
    const first = codecs[0] as { codec: G711Codec; payloadType: number };
    const host = media.advertisedAddress;
    // A browser seat (SIP over WS/WSS) gets WebRTC media (ICE + DTLS-SRTP); everything else plain RTP.
    const web = target?.protocol === 'WS' || target?.protocol === 'WSS';
    const rtp = web
      ? await WebRtcLeg.offer({ id: `b-web-${callId.slice(0, 8)}`, hostAddresses: [host], portRange: [media.ports.min, media.ports.max], preferCodec: first.codec })
      : await media.openRtpLeg({ ...first, telephoneEventPt: TELEPHONE_EVENT_PT }, undefined, 'b');
    const from = `"${this.o.displayName.replace(/"/g, '')}" <sip:${this.o.callerId}@${host}>;tag=${newTag()}`;
    const to = `<sip:${this.o.aor}@${host}>`;
    const uri = contactValue.replace(/^<|>.*$/g, '');
    const contact = `<${sip.contactUri(target?.protocol ?? 'UDP')}>`;
    const sdp = rtp instanceof WebRtcLeg ? rtp.localSdp : buildLocalSdp({ sessionId: String(Date.now()), version: 1, address: host, port: rtp.localPort, codecs, telephoneEventPt: TELEPHONE_EVENT_PT, direction: 'sendrecv' });
    const leg = new SipLeg(`${this.call.id.slice(0, 8)}-${this.o.role}-${this.call.legs.length}`, 'outbound', this.o.role, this.o.aor, target ? `${target.address}:${target.port}` : uri, this.call.log);
    leg.media = rtp;
    leg.dialog = SipDialog.asUac(sip, { callId, from, to, requestUri: uri, target, contact, cseq: 1 });
    leg.client = sip.sendRequest(
      {
        method: 'INVITE',
        uri,
        from,
        to,
        callId,
        cseq: 1,
        headers: [
          ['Contact', contact],
          ['P-Asserted-Identity', `<sip:${this.o.callerId}@${host}>`],
          ['Allow', 'INVITE, ACK, CANCEL, BYE, INFO, REFER, NOTIFY, OPTIONS'],
        ],
        body: sdp,
        contentType: 'application/sdp',
      },
      target,
    );
    this.call.addLeg(leg);
    this.legs.push(leg);
    if (leg.key) this.call.ctx.index(leg.key, leg, this.call);
    leg.client.onResponse((res) => this.onResponse(leg, res));
    void leg.client.final.then((out) => {
      if (out.kind !== 'response') this.failed(leg, out.status, out.kind);
    });
  }

  private onResponse(leg: SipLeg, res: ParsedResponse): void {
    const status = res.msg.statusCode ?? 0;
    if (status < 200) {
      if (status === 180 || status === 183) {
        leg.fsm.tryTransition(LegState.Ringing);
        if (!this.rang && !this.done) {
          this.rang = true;
          this.o.onRinging?.(leg);
        }
      }
      return;
    }
    if (status >= 300) {
      this.failed(leg, status, res.msg.reasonPhrase || 'Rejected');
      return;
    }
    const dialog = leg.dialog;
    if (!dialog) return;
    if (leg.answeredAt !== null) {
      void dialog.ack(leg.inviteCseq); // a retransmitted 2xx: our ACK was lost
      return;
    }
    dialog.confirm(res);
    void dialog.ack(leg.inviteCseq);
    leg.answeredAt = Date.now();
    leg.fsm.tryTransition(LegState.Connected);
    if (this.done || this.winner) {
      // Lost the race (or the caller gave up meanwhile): hang up this answer.
      dialog.request('BYE', [ELSEWHERE]);
      leg.terminate(200, 'Call completed elsewhere');
      return;
    }
    try {
      if (leg.media instanceof WebRtcLeg) {
        // ICE/DTLS start in the background; media flows once the browser's checks arrive.
        leg.media.applyAnswer(res.body.toString('utf8')).catch((err: Error) => this.call.log.warn({ err: err.message, leg: leg.id }, 'WebRTC answer not applied'));
      } else {
        const answer = parseRemoteSdp(res.body.toString('utf8'));
        leg.media?.update?.(negotiate(answer), { address: answer.address, port: answer.port });
      }
    } catch (err) {
      dialog.request('BYE', [['Reason', 'SIP;cause=488;text="Bad SDP answer"']]);
      leg.terminate(488, (err as Error).message);
      this.settleIfAllFailed();
      return;
    }
    this.winner = leg;
    leg.status = 200;
    for (const other of this.legs) {
      if (other !== leg && (other.state === LegState.Trying || other.state === LegState.Ringing)) {
        other.client?.cancel([ELSEWHERE]);
        other.terminate(487, 'Call completed elsewhere');
      }
    }
    this.finish({ kind: 'answered', leg });
  }

  private failed(leg: SipLeg, status: number, reason: string): void {
    if (!leg.live) return;
    leg.terminate(status, reason);
    this.settleIfAllFailed();
  }

  private settleIfAllFailed(): void {
    if (this.done || this.legs.some((l) => l.live)) return;
    const statuses = this.legs.map((l) => l.status ?? 480);
    // A busy phone says more than an unreachable one (RFC 3261 §16.7 lets us pick the "best").
    const status = statuses.find((s) => s === 486 || s === 600) ?? statuses.find((s) => s === 603) ?? (statuses.every((s) => s === 488) ? 488 : 480);
    this.finish({ kind: 'failed', status, reason: this.legs.find((l) => l.status === status)?.reason ?? 'Temporarily Unavailable' });
  }

  private finish(o: DialOutcome): void {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    this.resolve(o);
  }
}

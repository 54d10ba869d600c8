/**
 * One leg of a call: a SIP dialog (or the INVITE that may become one) plus its media leg, with
 * the leg state machine and what the CDR needs to know about it.
 */
import type { CallLegRecord, CallLegRole } from '../../../protocol/call';
import type { Logger } from '../../common/logger';
import type { MediaLeg } from '../media/engine';
import type { RtpLeg } from '../media/engine';
import type { SipClientRequest, SipServerRequest } from '../sip';
import { LegState, canMoveLeg } from './leg-state';
import type { SipDialog } from './sip-dialog';
import { StateMachine } from './state-machine';

export type LegDirection = 'inbound' | 'outbound';

export class SipLeg {
  readonly fsm: StateMachine<LegState>;
  readonly offeredAt = Date.now();
  answeredAt: number | null = null;
  endedAt: number | null = null;
  status: number | null = null;
  reason: string | null = null;
  dialog: SipDialog | undefined;
  /** The media leg; an RtpLeg today, any MediaLeg (WebRTC) tomorrow. */
  media: (MediaLeg & Partial<Pick<RtpLeg, 'update' | 'localPort'>>) | undefined;
  /** Inbound: the INVITE (for 1xx/2xx and its CANCEL). Outbound: our INVITE's client transaction. */
  invite: SipServerRequest | undefined;
  client: SipClientRequest | undefined;
  /** CSeq of our INVITE (outbound), to ACK its 2xx retransmissions. */
  inviteCseq = 1;
  /** SDP we last sent on this leg (session version bumps on every change, RFC 3264 §8). */
  localSdpVersion = 1;
  /** Set when this leg asked for a transfer: its BYE ends only itself. */
  transferor = false;
  private retransmit: NodeJS.Timeout | undefined;

  constructor(
    readonly id: string,
    readonly direction: LegDirection,
    public role: CallLegRole,
    readonly party: string,
    readonly address: string,
    log: Logger,
  ) {
    this.fsm = new StateMachine<LegState>(LegState.Trying, canMoveLeg, log.child({ leg: id }), `leg ${id}`);
  }

  get state(): LegState {
    return this.fsm.state;
  }

  get live(): boolean {
    return this.fsm.state !== LegState.Terminated;
  }

  /** Key under which in-dialog requests find this leg: Call-ID + our tag (their To tag). */
  get key(): string | undefined {
    return this.dialog ? `${this.dialog.callId}|${this.dialog.localTag}` : undefined;
  }

  /**
   * RFC 3261 §13.3.1.4: "The 2xx response is passed to the transport with an interval that starts
   * at T1 seconds and doubles for each retransmission until it reaches T2 seconds. Response
   * retransmissions cease when an ACK request for the response is received." `resend` re-sends;
   * `giveUp` runs after 64*T1 without an ACK ("the session SHOULD be terminated ... with a BYE").
   */
  retransmit2xx(resend: () => void, giveUp: () => void, t1 = 500, t2 = 4000): void {
    this.stopRetransmit();
    let interval = t1;
    let elapsed = 0;
    const step = (): void => {
      elapsed += interval;
      if (elapsed >= 64 * t1) {
        this.retransmit = undefined;
        giveUp();
        return;
      }
      resend();
      interval = Math.min(interval * 2, t2);
      this.retransmit = setTimeout(step, interval);
    };
    this.retransmit = setTimeout(step, interval);
  }

  stopRetransmit(): void {
    if (this.retransmit) clearTimeout(this.retransmit);
    this.retransmit = undefined;
  }

  /** Close media and timers; record the outcome (first one wins). */
  terminate(status: number, reason: string): void {
    this.stopRetransmit();
    if (this.status === null || this.fsm.state !== LegState.Terminated) {
      if (this.status === null || this.status === 200) this.status = this.status === 200 ? 200 : status;
      this.reason ??= reason;
    }
    this.endedAt ??= Date.now();
    this.fsm.tryTransition(LegState.Terminated);
    this.media?.close();
  }

  toRecord(): CallLegRecord {
    return {
      legId: this.id,
      role: this.role,
      party: this.party,
      address: this.address,
      codec: this.media?.format.codec ?? null,
      offeredAt: this.offeredAt,
      answeredAt: this.answeredAt,
      endedAt: this.endedAt,
      status: this.status,
      reason: this.reason,
    };
  }
}

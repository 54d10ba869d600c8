/**
 * One call as the B2BUA sees it: the caller's inbound leg, the callee legs (forked, then the one
 * that answered, then transfer targets), and the media between them: bridge, recorder, hold
 * music. The recording and the CDR belong to the call, so they survive transfers.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { CallDetailRecord, HangupParty } from '../../../protocol/call';
import type { Logger } from '../../common/logger';
import { Bridge, BufferSource, CallRecorder, MelodySource, Player } from '../media/engine';
import type { MediaLeg, PcmSource, RecordChannel } from '../media/engine';
import type { CallContext } from './call-context';
import { CallState, canMoveCall } from './call-state';
import { LegState } from './leg-state';
import type { SipLeg } from './sip-leg';
import { StateMachine } from './state-machine';

export class Call {
  readonly id = randomUUID();
  readonly fsm: StateMachine<CallState>;
  readonly log: Logger;
  readonly legs: SipLeg[] = [];
  /** The party that stays with the caller's channel (left) and the other (right). */
  a: SipLeg | undefined;
  b: SipLeg | undefined;
  /** Extension that answered last (the agent for the CDR and recording access). */
  agent: string | null = null;
  private bridge: Bridge | undefined;
  private recorder: CallRecorder | undefined;
  private recordingPath: string | null = null;
  private moh: Player | undefined;
  private stopService: (() => void) | undefined;
  private ending: Promise<void> | undefined;
  private readonly endingListeners: Array<() => void> = [];
  readonly offeredAt = Date.now();
  answeredAt: number | null = null;
  /** The engine forgets the call here. */
  onEnded: (() => void) | undefined;

  constructor(
    readonly ctx: CallContext,
    readonly caller: string,
    readonly callerId: string,
    readonly dialled: string,
  ) {
    this.log = ctx.log.child({ call: this.id });
    this.fsm = new StateMachine<CallState>(CallState.Offered, canMoveCall, this.log, 'call');
  }

  get state(): CallState {
    return this.fsm.state;
  }

  addLeg(leg: SipLeg): void {
    this.legs.push(leg);
  }

  /** Start recording (once per call) when the first agent answers. */
  async startRecording(): Promise<void> {
    if (this.recorder || !this.ctx.recordingsDir) return;
    const path = join(this.ctx.recordingsDir, `${this.id}.wav`);
    try {
      this.recorder = await CallRecorder.open(path);
      this.recordingPath = path;
      this.ctx.calls.startRecording({ callId: this.id, path, agent: this.agent, legs: this.legs.map((l) => l.id), startedAt: Date.now() });
    } catch (err) {
      this.log.error({ err: (err as Error).message, path }, 'recording could not start; the call goes on unrecorded');
    }
  }

  /** Bridge the caller side with the callee side (after answer, resume or transfer). */
  connect(a: SipLeg, b: SipLeg): void {
    this.stopMedia();
    this.a = a;
    this.b = b;
    if (!a.media || !b.media) return;
    a.media.sending = a.state !== LegState.Held;
    b.media.sending = b.state !== LegState.Held;
    this.bridge = new Bridge(a.media, b.media, { recorder: this.recorder, aChannel: this.channelOf(a) });
    this.watchDtmf(a, b);
    this.watchDtmf(b, a);
  }

  /**
   * Publish every digit a leg sends. RFC 4733 events travel in the bridged RTP when both legs
   * negotiated them, in-band tones travel as audio; otherwise the digit goes to the other party
   * as SIP INFO (application/dtmf-relay).
   */
  watchDtmf(from: SipLeg, to: SipLeg | undefined): void {
    if (!from.media) return;
    from.media.onDtmf = (digit, source) => {
      this.ctx.bus.publish('call.dtmf', { callId: this.id, legId: from.id, digit, source, at: Date.now() });
      const inRtp = source === 'inband' || (source === 'rfc4733' && to?.media?.format.telephoneEventPt !== undefined);
      if (!inRtp && to?.live && to.dialog) to.dialog.request('INFO', [], `Signal=${digit}\r\nDuration=160\r\n`, 'application/dtmf-relay');
    };
  }

  /** A service leg (echo/tone) owns its media until the call ends. */
  attachService(stop: () => void): void {
    this.stopService = stop;
  }

  /** `held` hears music on hold; the bridge is paused meanwhile. */
  async playHoldMusic(held: MediaLeg): Promise<void> {
    this.stopMedia();
    const source: PcmSource = this.ctx.mohPath
      ? await BufferSource.fromWav(this.ctx.mohPath, true).catch(() => new MelodySource())
      : new MelodySource();
    this.moh = new Player(held, source, this.ctx.media.clock);
    this.moh.start();
  }

  /** End the call: every live leg gets BYE (or CANCEL), media closes, the CDR is written once. */
  end(endedBy: HangupParty, status: number, cause: string, exceptLeg?: SipLeg): Promise<void> {
    if (!this.ending) {
      for (const l of this.endingListeners.splice(0)) l();
      this.ending = this.finish(endedBy, status, cause, exceptLeg);
    }
    return this.ending;
  }

  /** Run `listener` when the call starts ending (before BYEs go out); returns an unsubscribe. */
  onEnding(listener: () => void): () => void {
    this.endingListeners.push(listener);
    return () => {
      const i = this.endingListeners.indexOf(listener);
      if (i >= 0) this.endingListeners.splice(i, 1);
    };
  }

  get isEnding(): boolean {
    return this.ending !== undefined;
  }

  private async finish(endedBy: HangupParty, status: number, cause: string, exceptLeg: SipLeg | undefined): Promise<void> {
    this.stopMedia();
    this.stopService?.();
    const reason = `SIP;cause=${status};text="${cause.replace(/"/g, "'")}"`;
    for (const leg of this.legs) {
      if (!leg.live || leg === exceptLeg) continue;
      if (leg.state === LegState.Connected || leg.state === LegState.Held) {
        // RFC 3326: the Reason header tells the other party why the hub hung up its side.
        leg.dialog?.request('BYE', [['Reason', reason]]);
        leg.terminate(200, cause);
      } else if (leg.direction === 'outbound') {
        leg.client?.cancel([['Reason', reason]]);
        leg.terminate(487, cause);
      } else {
        if (leg.invite && !leg.invite.hasFinalResponse) leg.invite.respond(status >= 300 ? status : 480);
        leg.terminate(status >= 300 ? status : 480, cause);
      }
    }
    for (const leg of this.legs) if (leg.key) this.ctx.unindex(leg.key);
    this.fsm.tryTransition(CallState.Ended);
    let bytes = 0;
    if (this.recorder) {
      try {
        bytes = (await this.recorder.close()).dataBytes + 44;
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'recording could not be finalized');
      }
      this.ctx.calls.finishRecording(this.id, Date.now(), bytes, this.agent, this.legs.map((l) => l.id));
    }
    const cdr = this.cdr(endedBy, status, cause);
    try {
      this.ctx.calls.saveCdr(cdr);
    } catch (err) {
      this.log.error({ err: (err as Error).message }, 'CDR could not be stored');
    }
    this.log.info({ endedBy, status, cause, legs: this.legs.length }, 'call ended');
    this.onEnded?.();
    this.ctx.bus.publish('call.ended', { callId: this.id, cdr });
  }

  cdr(endedBy: HangupParty, status: number, cause: string): CallDetailRecord {
    return {
      callId: this.id,
      caller: this.caller,
      callerId: this.callerId,
      dialled: this.dialled,
      agent: this.agent,
      offeredAt: this.offeredAt,
      answeredAt: this.answeredAt,
      endedAt: Date.now(),
      endedBy,
      status: this.answeredAt !== null ? 200 : status,
      cause,
      legs: this.legs.map((l) => l.toRecord()),
      recordingPath: this.recordingPath,
    };
  }

  /** Left (0) is the caller's side, right (1) the agent's; a transfer target inherits the transferor's. */
  channelOf(leg: SipLeg): RecordChannel {
    return leg.role === 'caller' ? 0 : 1;
  }

  stopMedia(): void {
    this.bridge?.stop();
    this.bridge = undefined;
    this.moh?.stop();
    this.moh = undefined;
  }
}

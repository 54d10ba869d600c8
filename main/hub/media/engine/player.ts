/**
 * Plays a PcmSource to a leg: one 160-sample (20 ms) G.711 packet per MediaClock tick, numbered on
 * the leg's own outbound stream (`rewriter.nextLocal`), so switching between a bridge and a
 * prompt never breaks the far end's sequence. Used for hold music, the tone service and, later,
 * IVR prompts.
 */
import { encodePcma, encodePcmu } from '../codec';
import { patchRtpHeader } from '../rtp';
import type { MediaClock } from './media-clock';
import type { MediaLeg } from './media-leg';
import type { PcmSource } from './pcm-source';

const FRAME = 160;

export class Player {
  private readonly pcm = new Int16Array(FRAME);
  private detach: (() => void) | undefined;
  private first = true;
  /** Frames sent so far. */
  frames = 0;
  onEnded: (() => void) | undefined;

  constructor(
    private readonly leg: MediaLeg,
    private readonly source: PcmSource,
    private readonly clock: MediaClock,
  ) {}

  get playing(): boolean {
    return this.detach !== undefined;
  }

  start(): void {
    if (this.detach) return;
    this.first = true;
    this.detach = this.clock.add((now) => this.tick(now));
  }

  stop(): void {
    this.detach?.();
    this.detach = undefined;
  }

  private tick(now: number): void {
    const leg = this.leg;
    const more = this.source.read(this.pcm, FRAME);
    if (!more) {
      this.stop();
      this.onEnded?.();
      return;
    }
    const out = leg.outBuffer;
    if (leg.format.codec === 'PCMU') encodePcmu(this.pcm, out, FRAME, 0, 12);
    else encodePcma(this.pcm, out, FRAME, 0, 12);
    leg.rewriter.nextLocal(FRAME, now);
    out[0] = 0x80;
    out[1] = leg.format.payloadType;
    // RFC 3551 §4.1: marker on the first packet of a talkspurt, so the far end re-anchors playout.
    patchRtpHeader(out, 0, this.first, leg.rewriter.sequenceNumber, leg.rewriter.timestamp, leg.rewriter.ssrc);
    this.first = false;
    leg.send(12 + FRAME);
    this.frames++;
  }
}

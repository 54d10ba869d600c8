/**
 * Two-party, packet-driven relay between two media legs: every packet that arrives on one leg is
 * rewritten and sent out of the other at once (no mixing clock, no added delay).
 *
 * Per packet: the outbound sequence number, timestamp and SSRC come from the target leg's
 * SequenceRewriter, so the far end sees one continuous stream however often the leg is
 * re-bridged (hold music, transfer, IVR); G.711 is transcoded in the copy when the two legs
 * settled on different laws; RFC 4733 events are relayed with the target's payload type. The
 * recorder, when attached, gets the same view. Nothing is allocated: the header is written by
 * hand into the target's reusable output buffer.
 */
import { PCMA_TO_PCMU, PCMU_TO_PCMA } from '../codec';
import { copyBytes, patchRtpHeader } from '../rtp';
import type { RtpPacketView } from '../rtp';
import type { CallRecorder } from './recorder';
import type { MediaLeg } from './media-leg';

/** Recording channel of each side: 0 = left (customer), 1 = right (agent). */
export type RecordChannel = 0 | 1;

export interface BridgeOptions {
  readonly recorder?: CallRecorder;
  /** Channel for packets arriving on leg `a` (b gets the other). Default 0. */
  readonly aChannel?: RecordChannel;
  readonly now?: () => number;
}

export class Bridge {
  private active = true;
  private readonly recorder: CallRecorder | undefined;
  private readonly aChannel: RecordChannel;
  private readonly now: () => number;
  /** Packets relayed a→b and b→a, and dropped (unknown payload type, event to a leg without RFC 4733). */
  readonly counts = { ab: 0, ba: 0, dropped: 0 };

  constructor(
    readonly a: MediaLeg,
    readonly b: MediaLeg,
    options: BridgeOptions = {},
  ) {
    this.recorder = options.recorder;
    this.aChannel = options.aChannel ?? 0;
    this.now = options.now ?? performance.now.bind(performance);
    // A new source on each side: the next packet re-anchors the numbering and carries the marker.
    a.rewriter.switchSource();
    b.rewriter.switchSource();
    a.onPacket = (view) => this.relay(view, a, b, true);
    b.onPacket = (view) => this.relay(view, b, a, false);
  }

  get isActive(): boolean {
    return this.active;
  }

  /** Detach both legs (they stay open; the caller re-bridges them or plays to them). */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    if (this.a.onPacket) this.a.onPacket = undefined;
    if (this.b.onPacket) this.b.onPacket = undefined;
  }

  private relay(view: RtpPacketView, from: MediaLeg, to: MediaLeg, fromA: boolean): void {
    const src = from.format;
    const dst = to.format;
    const pt = view.payloadType;
    let outPt: number;
    let table: Uint8Array | undefined;
    if (pt === src.payloadType) {
      outPt = dst.payloadType;
      if (src.codec !== dst.codec) table = src.codec === 'PCMU' ? PCMU_TO_PCMA : PCMA_TO_PCMU;
      if (this.recorder) {
        const ch = fromA ? this.aChannel : ((1 - this.aChannel) as RecordChannel);
        this.recorder.push(ch, view, src.codec, this.now());
      }
    } else if (pt === src.telephoneEventPt && dst.telephoneEventPt !== undefined) {
      outPt = dst.telephoneEventPt;
    } else {
      // Comfort noise (PT 13), events towards a leg that did not negotiate them, stray types.
      this.counts.dropped++;
      return;
    }
    const out = to.outBuffer;
    const n = view.payloadLength;
    if (12 + n > out.length) {
      this.counts.dropped++;
      return;
    }
    to.rewriter.map(view.sequenceNumber, view.timestamp, view.ssrc, view.marker, this.now());
    out[0] = 0x80;
    out[1] = outPt;
    patchRtpHeader(out, 0, to.rewriter.marker, to.rewriter.sequenceNumber, to.rewriter.timestamp, to.rewriter.ssrc);
    const buf = view.buffer;
    const off = view.payloadOffset;
    if (table) {
      for (let i = 0; i < n; i++) out[12 + i] = table[buf[off + i] as number] as number;
    } else {
      copyBytes(buf, off, out, 12, n);
    }
    to.send(12 + n);
    if (fromA) this.counts.ab++;
    else this.counts.ba++;
  }
}

/**
 * Echo service (9196): every audio and event packet a leg sends comes straight back to it,
 * renumbered on the leg's own outbound stream.
 */
export function startEcho(leg: MediaLeg, now: () => number = performance.now.bind(performance)): () => void {
  leg.rewriter.switchSource();
  leg.onPacket = (view) => {
    const out = leg.outBuffer;
    const n = view.payloadLength;
    if (12 + n > out.length) return;
    leg.rewriter.map(view.sequenceNumber, view.timestamp, view.ssrc, view.marker, now());
    out[0] = 0x80;
    out[1] = view.payloadType;
    patchRtpHeader(out, 0, leg.rewriter.marker, leg.rewriter.sequenceNumber, leg.rewriter.timestamp, leg.rewriter.ssrc);
    copyBytes(view.buffer, view.payloadOffset, out, 12, n);
    leg.send(12 + n);
  };
  return () => {
    leg.onPacket = undefined;
  };
}

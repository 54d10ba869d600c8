/**
 * Keeps an outgoing RTP stream continuous (one SSRC, sequence numbers +1, timestamps advancing
 * with the media clock) while the B2BUA re-bridges the leg to another source: hold music, an IVR
 * prompt, another caller, a conference mix.
 *
 * RFC 3550 §5.1: "The sequence number increments by one for each RTP data packet sent, and may be
 * used by the receiver to detect packet loss and to restore packet sequence." A receiver seeing a
 * jump of thousands, or a new SSRC, may reset or drop audio; so on every source change we compute
 * new offsets:
 *
 *     out.seq = (in.seq + seqOffset) mod 2^16      out.ts = (in.ts + tsOffset) mod 2^32
 *
 * and set the marker bit on the first packet after the switch (RFC 3551 §4.1: the first packet of
 * a talkspurt SHOULD carry the marker bit), which makes the far-end jitter buffer re-anchor its
 * playout point.
 */
import { patchRtpHeader, readU32, type RtpPacketView } from './rtp-packet';
import { seqAdd, seqDelta, tsAdd, tsDelta } from './serial-number';

export interface SequenceRewriterOptions {
  /** SSRC of the outgoing stream (stays fixed for the life of the leg). */
  ssrc: number;
  /** First sequence number / timestamp to emit; random per RFC 3550 if omitted. */
  initialSequence?: number;
  initialTimestamp?: number;
  clockRate?: number;
  /** Timestamp step assumed between the last packet of the old source and the first of the new. */
  frameSamples?: number;
}

export class SequenceRewriter {
  readonly ssrc: number;
  private readonly clockRate: number;
  private readonly frameSamples: number;
  private seqOffset = 0;
  private tsOffset = 0;
  private haveSource = false;
  private pendingSwitch = true;
  private sourceSsrc = 0;
  private lastOutSeq: number;
  private lastOutTs: number;
  private lastOutMs = Number.NaN;
  private started = false;
  /** Values written by the last `rewrite*` call. */
  sequenceNumber = 0;
  timestamp = 0;
  marker = false;

  constructor(options: SequenceRewriterOptions) {
    this.ssrc = options.ssrc >>> 0;
    this.clockRate = options.clockRate ?? 8000;
    this.frameSamples = options.frameSamples ?? 160;
    // RFC 3550 §5.1: "The initial value of the sequence number SHOULD be random (unpredictable)".
    const seq0 = options.initialSequence ?? Math.floor(Math.random() * 0x10000);
    const ts0 = options.initialTimestamp ?? Math.floor(Math.random() * 0x100000000);
    this.lastOutSeq = seqAdd(seq0, -1);
    this.lastOutTs = ts0 >>> 0;
  }

  /** Force new offsets at the next packet (call when the bridge changes source). */
  switchSource(): void {
    this.pendingSwitch = true;
  }

  /**
   * Map an incoming (seq, ts, ssrc) to outgoing values, stored in `sequenceNumber`, `timestamp`
   * and `marker`. `nowMs` (monotonic clock) lets a switch after a pause advance the timestamp by
   * the real gap instead of one frame.
   */
  map(inSeq: number, inTs: number, inSsrc: number, inMarker: boolean, nowMs?: number): void {
    if (!this.haveSource || this.pendingSwitch || inSsrc >>> 0 !== this.sourceSsrc) {
      this.rebase(inSeq, inTs, inSsrc, nowMs);
      this.marker = true;
    } else {
      this.marker = inMarker;
    }
    const outSeq = seqAdd(inSeq, this.seqOffset);
    const outTs = tsAdd(inTs, this.tsOffset);
    this.sequenceNumber = outSeq;
    this.timestamp = outTs;
    // A reordered (older) packet is forwarded with its mapped number but must not move the
    // high-water mark backwards, or the next switch would reuse sequence numbers.
    if (!this.started || seqDelta(outSeq, this.lastOutSeq) > 0) {
      this.lastOutSeq = outSeq;
      this.lastOutTs = outTs;
      if (nowMs !== undefined) this.lastOutMs = nowMs;
      this.started = true;
    }
  }

  /** Rewrite a parsed packet's header fields in the view (serialize it afterwards). */
  rewrite(view: RtpPacketView, nowMs?: number): void {
    this.map(view.sequenceNumber, view.timestamp, view.ssrc, view.marker, nowMs);
    view.sequenceNumber = this.sequenceNumber;
    view.timestamp = this.timestamp;
    view.ssrc = this.ssrc;
    view.marker = this.marker;
  }

  /** Rewrite a raw packet in place (forwarding path: no parse, no copy). */
  rewriteInPlace(buf: Uint8Array, offset = 0, nowMs?: number): void {
    const inSeq = ((buf[offset + 2] as number) << 8) | (buf[offset + 3] as number);
    const inTs = readU32(buf, offset + 4);
    const inSsrc = readU32(buf, offset + 8);
    const inMarker = ((buf[offset + 1] as number) & 0x80) !== 0;
    this.map(inSeq, inTs, inSsrc, inMarker, nowMs);
    patchRtpHeader(buf, offset, this.marker, this.sequenceNumber, this.timestamp, this.ssrc);
  }

  /**
   * Reserve the next sequence number/timestamp for a locally generated packet (a prompt frame,
   * a telephone-event) so generated and forwarded packets share one numbering.
   */
  nextLocal(samples: number, nowMs?: number): number {
    const seq = seqAdd(this.lastOutSeq, 1);
    const ts = this.started ? tsAdd(this.lastOutTs, samples) : this.lastOutTs;
    this.lastOutSeq = seq;
    this.lastOutTs = ts;
    if (nowMs !== undefined) this.lastOutMs = nowMs;
    this.started = true;
    this.sequenceNumber = seq;
    this.timestamp = ts;
    this.marker = false;
    // Forwarded packets after local ones need new offsets.
    this.pendingSwitch = true;
    return seq;
  }

  private rebase(inSeq: number, inTs: number, inSsrc: number, nowMs?: number): void {
    const nextSeq = seqAdd(this.lastOutSeq, 1);
    let step = this.frameSamples;
    if (this.started && nowMs !== undefined && !Number.isNaN(this.lastOutMs)) {
      const elapsed = Math.round(((nowMs - this.lastOutMs) * this.clockRate) / 1000);
      if (elapsed > step) step = elapsed;
    }
    const nextTs = this.started ? tsAdd(this.lastOutTs, step) : this.lastOutTs;
    this.seqOffset = seqDelta(nextSeq, inSeq) & 0xffff;
    this.tsOffset = tsDelta(nextTs, inTs) >>> 0;
    this.sourceSsrc = inSsrc >>> 0;
    this.haveSource = true;
    this.pendingSwitch = false;
  }
}

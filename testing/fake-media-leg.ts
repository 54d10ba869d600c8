/**
 * An in-memory MediaLeg for bridge/player/recorder tests: packets "sent" are copied into `sent`,
 * and `deliver()` plays a packet into the leg as if it had arrived from the network.
 */
import { RtpPacketView, SequenceRewriter, parseRtpPacket, writeRtpPacket } from '../main/hub/media/rtp';
import type { DtmfSource, MediaFormat, MediaLeg } from '../main/hub/media/engine/media-leg';

export class FakeMediaLeg implements MediaLeg {
  readonly kind = 'rtp' as const;
  readonly rewriter: SequenceRewriter;
  readonly outBuffer = new Uint8Array(1500);
  readonly stats = { received: 0, sent: 0, dropped: 0 };
  readonly sent: Uint8Array[] = [];
  readonly sentAt: number[] = [];
  readonly digits: string[] = [];
  onPacket: MediaLeg['onPacket'];
  onDtmf: MediaLeg['onDtmf'];
  sending = true;
  private readonly view = new RtpPacketView();

  constructor(
    readonly id: string,
    public format: MediaFormat,
    ssrc = 0x1234,
  ) {
    this.rewriter = new SequenceRewriter({ ssrc, initialSequence: 1000, initialTimestamp: 50_000 });
  }

  send(length: number): void {
    if (!this.sending) {
      this.stats.dropped++;
      return;
    }
    this.stats.sent++;
    this.sent.push(this.outBuffer.slice(0, length));
    this.sentAt.push(performance.now());
  }

  injectDtmf(digit: string, source: DtmfSource): void {
    this.digits.push(digit);
    this.onDtmf?.(digit, source, this);
  }

  /** Feed an RTP packet into the leg (as its peer would). */
  deliver(h: { seq: number; ts: number; ssrc: number; pt: number; marker?: boolean }, payload: Uint8Array): void {
    const buf = new Uint8Array(12 + payload.length);
    writeRtpPacket(buf, 0, { marker: h.marker ?? false, payloadType: h.pt, sequenceNumber: h.seq, timestamp: h.ts, ssrc: h.ssrc }, payload);
    parseRtpPacket(buf, this.view);
    this.stats.received++;
    this.onPacket?.(this.view, this);
  }

  /** Parsed copy of sent packet `i`. */
  parsedSent(i: number): RtpPacketView {
    const v = new RtpPacketView();
    parseRtpPacket(this.sent[i] as Uint8Array, v);
    return v;
  }

  close(): void {
    this.onPacket = undefined;
  }
}

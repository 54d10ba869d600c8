/**
 * Stereo call recording: 16-bit 8 kHz WAV, customer on the left, agent on the right. The
 * recording belongs to the call, not to a leg: after a transfer the new agent's packets go to the
 * same right channel, re-anchored on the wall clock.
 *
 * Alignment. Each channel places a packet at
 *
 *     sample = anchor.position + (packet.timestamp − anchor.timestamp)        (mod 2^32 on ts)
 *
 * where the anchor (SSRC, timestamp, position = wall-clock samples since the recording began) is
 * taken from the first packet of each source and again whenever the source changes or its
 * timestamps drift more than 1 s from the wall clock (a sender that restarted its clock). So
 * within a talkspurt timing follows RTP exactly (jitter does not smear it), gaps become silence,
 * and the two channels share one time base.
 *
 * The media loop only decodes into a 4 s ring of interleaved samples; the region older than the
 * jitter window (200 ms) is handed to WavWriter, whose write() copies into a reused buffer and
 * does the file I/O asynchronously. No allocation per packet.
 */
import { PCMA_DECODE_TABLE, PCMU_DECODE_TABLE } from '../codec';
import { tsDelta } from '../rtp';
import type { RtpPacketView } from '../rtp';
import { WavWriter } from '../wav';
import type { WavWriterResult } from '../wav';
import type { G711Codec } from './media-leg';

const RATE = 8000;
const RING_FRAMES = 4 * RATE;
const JITTER_FRAMES = RATE / 5;
const REANCHOR_FRAMES = RATE;

interface Anchor {
  have: boolean;
  ssrc: number;
  timestamp: number;
  position: number;
}

/** The sink a recorder writes to: WavWriter in production, an array in tests. */
export interface PcmSink {
  write(samples: Int16Array, offset: number, length: number): void;
  close(): Promise<WavWriterResult>;
}

export class CallRecorder {
  private readonly ring = new Int16Array(RING_FRAMES * 2);
  private readonly anchors: [Anchor, Anchor] = [
    { have: false, ssrc: 0, timestamp: 0, position: 0 },
    { have: false, ssrc: 0, timestamp: 0, position: 0 },
  ];
  private start = Number.NaN;
  /** Frames before this index are in the sink. */
  private flushed = 0;
  /** One past the last frame any packet filled. */
  private end = 0;
  private closing: Promise<WavWriterResult> | undefined;
  /** Packets too late to place (their frames were already written). */
  late = 0;

  constructor(private readonly sink: PcmSink) {}

  static async open(path: string): Promise<CallRecorder> {
    return new CallRecorder(await WavWriter.open(path, { channels: 2, sampleRate: RATE, bufferBytes: 32768 }));
  }

  /** Place one G.711 packet on a channel. `nowMs` is a monotonic clock (performance.now()). */
  push(channel: 0 | 1, view: RtpPacketView, codec: G711Codec, nowMs: number): void {
    if (this.closing) return;
    if (Number.isNaN(this.start)) this.start = nowMs;
    const wall = Math.round((nowMs - this.start) * (RATE / 1000));
    const a = this.anchors[channel];
    let pos = a.have ? a.position + tsDelta(view.timestamp, a.timestamp) : 0;
    if (!a.have || a.ssrc !== view.ssrc >>> 0 || Math.abs(pos - wall) > REANCHOR_FRAMES) {
      a.have = true;
      a.ssrc = view.ssrc >>> 0;
      a.timestamp = view.timestamp;
      // Never re-anchor behind what this channel already filled: a new source continues after it.
      a.position = Math.max(wall, this.flushed);
      pos = a.position;
    }
    const n = view.payloadLength;
    if (pos < this.flushed) {
      this.late++;
      return;
    }
    if (pos + n - this.flushed > RING_FRAMES) this.flushTo(pos + n - RING_FRAMES);
    const table = codec === 'PCMU' ? PCMU_DECODE_TABLE : PCMA_DECODE_TABLE;
    const buf = view.buffer;
    const off = view.payloadOffset;
    const ring = this.ring;
    let slot = pos % RING_FRAMES;
    for (let i = 0; i < n; i++) {
      ring[slot * 2 + channel] = table[buf[off + i] as number] as number;
      slot = slot + 1 === RING_FRAMES ? 0 : slot + 1;
    }
    if (pos + n > this.end) this.end = pos + n;
    if (wall - JITTER_FRAMES > this.flushed + RATE / 10) this.flushTo(Math.min(wall - JITTER_FRAMES, this.end));
  }

  /** Drain everything and finalize the file. */
  close(): Promise<WavWriterResult> {
    if (!this.closing) {
      this.flushTo(this.end);
      this.closing = this.sink.close();
    }
    return this.closing;
  }

  private flushTo(target: number): void {
    while (this.flushed < target) {
      const slot = this.flushed % RING_FRAMES;
      const frames = Math.min(target - this.flushed, RING_FRAMES - slot);
      this.sink.write(this.ring, slot * 2, frames * 2);
      // Zero what was written so a later gap over these slots is silence, not old audio.
      this.ring.fill(0, slot * 2, (slot + frames) * 2);
      this.flushed += frames;
    }
  }
}

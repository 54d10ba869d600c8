/**
 * RFC 4733 telephone-events (DTMF over RTP): payload codec, a sender that produces the standard
 * packet sequence, and a receiver that reports each digit once.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    |     event     |E|R| volume    |          duration             |
 */
import { RTP_HEADER_SIZE, type RtpPacketView, writeU16, writeU32 } from './rtp-packet';
import { tsAdd, tsDelta } from './serial-number';

export const TELEPHONE_EVENT_SIZE = 4;
/** RFC 4733 §3.2: events 0-9, * = 10, # = 11, A-D = 12-15. */
export const DTMF_EVENT_CHARS = '0123456789*#ABCD';
/** RFC 4733 §2.5.1.2 duration is a 16-bit unsigned field. */
const MAX_DURATION = 0xffff;
/** Tolerance (timestamp units, 100 ms at 8 kHz) when recognising a continuation segment. */
const SEGMENT_SLACK = 800;

export function dtmfEventCode(digit: string): number {
  return DTMF_EVENT_CHARS.indexOf(digit.toUpperCase());
}

export function dtmfDigit(event: number): string | undefined {
  return event >= 0 && event < 16 ? DTMF_EVENT_CHARS[event] : undefined;
}

/** Reusable decoded payload. */
export class TelephoneEventPayload {
  event = 0;
  end = false;
  /** Power level in −dBm0 (0..63). */
  volume = 0;
  /** Duration so far, in timestamp units. */
  duration = 0;
}

export function decodeTelephoneEvent(
  buf: Uint8Array,
  offset: number,
  length: number,
  out: TelephoneEventPayload,
): boolean {
  if (length < TELEPHONE_EVENT_SIZE) return false;
  out.event = buf[offset] as number;
  const b1 = buf[offset + 1] as number;
  out.end = (b1 & 0x80) !== 0;
  // "R: This field is reserved for future use. The sender MUST set it to zero, and the receiver
  //  MUST ignore it."
  out.volume = b1 & 0x3f;
  out.duration = ((buf[offset + 2] as number) << 8) | (buf[offset + 3] as number);
  return true;
}

export function encodeTelephoneEvent(
  out: Uint8Array,
  offset: number,
  event: number,
  end: boolean,
  volume: number,
  duration: number,
): void {
  out[offset] = event & 0xff;
  out[offset + 1] = (end ? 0x80 : 0) | (volume & 0x3f);
  writeU16(out, offset + 2, duration > MAX_DURATION ? MAX_DURATION : duration);
}

export interface TelephoneEventSenderOptions {
  ssrc: number;
  /** Negotiated dynamic payload type (a=rtpmap:<pt> telephone-event/8000). Default 101. */
  payloadType?: number;
  clockRate?: number;
  /** Update interval; RFC 4733 leaves it to the sender, 50 ms is the customary default. */
  intervalMs?: number;
  /** −dBm0; 10 is what most gateways send. */
  volume?: number;
}

type SenderPhase = 'idle' | 'updating' | 'ending';

/**
 * Produces the packets of one event, one per call to `next()` (one call per update interval).
 *
 *   begin() ─► updating ──(duration reached)──► ending ×3 ──► idle
 *
 * All packets of an event (segment) carry the event's start timestamp; the first has the marker
 * bit; the final packet has E set and is sent three times. The sequence number is supplied by the
 * caller because telephone-events share the SSRC and sequence space of the audio stream.
 */
export class TelephoneEventSender {
  private readonly ssrc: number;
  private readonly payloadType: number;
  private readonly intervalSamples: number;
  private readonly volume: number;
  private readonly clockRate: number;
  private phase: SenderPhase = 'idle';
  private event = 0;
  private segmentTimestamp = 0;
  private totalRemaining = 0; // samples of the event not yet covered by previous segments
  private segmentElapsed = 0;
  private endRepeats = 0;
  private first = false;

  constructor(options: TelephoneEventSenderOptions) {
    this.ssrc = options.ssrc >>> 0;
    this.payloadType = options.payloadType ?? 101;
    this.clockRate = options.clockRate ?? 8000;
    this.intervalSamples = Math.round(((options.intervalMs ?? 50) * this.clockRate) / 1000);
    this.volume = options.volume ?? 10;
  }

  get active(): boolean {
    return this.phase !== 'idle';
  }

  /** Start an event at RTP `timestamp` lasting `durationMs`. */
  begin(digitOrEvent: string | number, timestamp: number, durationMs: number): void {
    const event = typeof digitOrEvent === 'number' ? digitOrEvent : dtmfEventCode(digitOrEvent);
    if (!(event >= 0 && event <= 255)) throw new RangeError(`not a telephone-event: ${digitOrEvent}`);
    this.event = event;
    this.segmentTimestamp = timestamp >>> 0;
    this.totalRemaining = Math.max(1, Math.round((durationMs * this.clockRate) / 1000));
    this.segmentElapsed = 0;
    this.endRepeats = 0;
    this.first = true;
    this.phase = 'updating';
  }

  /**
   * Write the next packet (RTP header + 4-byte payload) into `out` at `offset` using
   * `sequenceNumber`; returns its length, or 0 when the event is over.
   */
  next(out: Uint8Array, offset: number, sequenceNumber: number): number {
    if (this.phase === 'idle') return 0;
    let duration: number;
    let end = false;
    const timestamp = this.segmentTimestamp;
    if (this.phase === 'ending') {
      duration = this.segmentElapsed;
      end = this.totalRemaining === 0;
      this.endRepeats--;
      if (this.endRepeats === 0) this.finishSegment();
    } else {
      const segmentCap = Math.min(this.totalRemaining, MAX_DURATION);
      this.segmentElapsed = Math.min(this.segmentElapsed + this.intervalSamples, segmentCap);
      duration = this.segmentElapsed;
      if (duration === segmentCap) {
        // RFC 4733 §2.5.1.4: "The final packet for each event and for each segment SHOULD be
        // sent a total of three times at the interval used by the source for updates."
        this.totalRemaining -= segmentCap;
        end = this.totalRemaining === 0;
        this.phase = 'ending';
        this.endRepeats = 2;
      }
    }
    out[offset] = 0x80;
    // RFC 4733 §2.5.1: the marker bit is set on the first packet of an event only; continuation
    // segments of a long event and the retransmitted end packets leave it clear.
    out[offset + 1] = (this.first ? 0x80 : 0) | (this.payloadType & 0x7f);
    this.first = false;
    writeU16(out, offset + 2, sequenceNumber & 0xffff);
    writeU32(out, offset + 4, timestamp);
    writeU32(out, offset + 8, this.ssrc);
    encodeTelephoneEvent(out, offset + RTP_HEADER_SIZE, this.event, end, this.volume, duration);
    return RTP_HEADER_SIZE + TELEPHONE_EVENT_SIZE;
  }

  private finishSegment(): void {
    if (this.totalRemaining === 0) {
      this.phase = 'idle';
      return;
    }
    // RFC 4733 §2.5.1.3: a long event continues in a new segment whose timestamp is the previous
    // one plus the previous segment's duration.
    this.segmentTimestamp = tsAdd(this.segmentTimestamp, this.segmentElapsed);
    this.segmentElapsed = 0;
    this.phase = 'updating';
  }
}

export type TelephoneEventReport = 'none' | 'begin' | 'end' | 'begin-end';

/** Reused result of `TelephoneEventReceiver.receive`. */
export class TelephoneEventResult {
  report: TelephoneEventReport = 'none';
  event = -1;
  digit: string | undefined = undefined;
  /** Total duration in timestamp units (valid on end). */
  duration = 0;
}

/**
 * Turns a stream of telephone-event packets into one `begin` and one `end` per event, whatever
 * the redundancy: updates and the three end packets share the event timestamp, so the timestamp
 * (per SSRC) is the dedup key. Retransmissions of an older event are ignored.
 */
export class TelephoneEventReceiver {
  readonly result = new TelephoneEventResult();
  private readonly payload = new TelephoneEventPayload();
  private haveEvent = false;
  private ssrc = 0;
  private eventTimestamp = 0; // timestamp of the current segment
  private event = -1;
  private ended = false;
  private priorSegments = 0; // duration of completed segments of a long event
  private lastDuration = 0;

  receive(packet: RtpPacketView): TelephoneEventResult {
    const r = this.result;
    r.report = 'none';
    const p = this.payload;
    if (!decodeTelephoneEvent(packet.buffer, packet.payloadOffset, packet.payloadLength, p)) return r;
    const ts = packet.timestamp;
    const sameSource = this.haveEvent && packet.ssrc === this.ssrc;
    const delta = sameSource ? tsDelta(ts, this.eventTimestamp) : 1;

    if (sameSource && delta < 0) return r; // late retransmission of an older event
    if (sameSource && delta === 0) {
      if (this.ended) return r; // redundant end packet
      this.lastDuration = p.duration;
      if (p.end) return this.finish(p.duration);
      return r;
    }
    if (
      sameSource &&
      !this.ended &&
      p.event === this.event &&
      this.lastDuration >= MAX_DURATION - SEGMENT_SLACK &&
      Math.abs(delta - this.lastDuration) <= SEGMENT_SLACK
    ) {
      // RFC 4733 §2.5.1.3 continuation segment of the same long event: not a new digit.
      this.priorSegments += delta;
      this.eventTimestamp = ts >>> 0;
      this.lastDuration = p.duration;
      if (p.end) return this.finish(p.duration);
      return r;
    }

    // A new event (the previous one may have lost its end packets).
    this.haveEvent = true;
    this.ssrc = packet.ssrc;
    this.eventTimestamp = ts >>> 0;
    this.event = p.event;
    this.ended = false;
    this.priorSegments = 0;
    this.lastDuration = p.duration;
    r.event = p.event;
    r.digit = dtmfDigit(p.event);
    r.duration = p.duration;
    if (p.end) {
      this.ended = true;
      r.report = 'begin-end';
    } else {
      r.report = 'begin';
    }
    return r;
  }

  /** Forget state (e.g. when the leg is re-bridged). */
  reset(): void {
    this.haveEvent = false;
    this.ended = false;
    this.event = -1;
  }

  private finish(duration: number): TelephoneEventResult {
    const r = this.result;
    this.ended = true;
    r.report = 'end';
    r.event = this.event;
    r.digit = dtmfDigit(this.event);
    r.duration = this.priorSegments + duration;
    return r;
  }
}

/**
 * The one seam between call control and a media transport. An RTP leg (`RtpLeg`, plain UDP) and
 * the coming WebRTC leg (werift: ICE + DTLS-SRTP) both implement it; the bridge, recorder, player
 * and echo service only ever see this interface, so a WebRTC seat bridges to a SIP trunk with no
 * special case.
 *
 * Packets cross it as parsed views over the transport's buffer (no copy): `onPacket` is called
 * synchronously with a view that is valid only during the call. Outbound packets are written by
 * the producer into the leg's own `outBuffer` (reused, never reallocated) and handed to `send()`.
 */
import type { RtpPacketView, SequenceRewriter } from '../rtp';

/** The codecs a leg may settle on (G.711 only: the hub never decodes anything else). */
export type G711Codec = 'PCMU' | 'PCMA';

/** Static payload types, RFC 3551 §6. */
export const G711_PAYLOAD_TYPE: Readonly<Record<G711Codec, number>> = { PCMU: 0, PCMA: 8 };

export type DtmfSource = 'rfc4733' | 'inband' | 'info';

/** What the leg negotiated; set by SDP offer/answer (or the WebRTC equivalent). */
export interface MediaFormat {
  readonly codec: G711Codec;
  /** Payload type the peer uses for the codec (0 or 8 unless remapped). */
  readonly payloadType: number;
  /** Negotiated telephone-event payload type, or undefined when the peer does not do RFC 4733. */
  readonly telephoneEventPt: number | undefined;
}

export type MediaLegKind = 'rtp' | 'webrtc';

export interface MediaLeg {
  readonly id: string;
  readonly kind: MediaLegKind;
  /** Current format; changes only through a re-negotiation. */
  readonly format: MediaFormat;
  /**
   * Outbound stream numbering (one SSRC for the life of the leg). Every producer (bridge, player,
   * echo) goes through it, so the far end sees one continuous stream across re-bridging.
   */
  readonly rewriter: SequenceRewriter;
  /** Reusable output buffer (≥ 1500 bytes) that producers fill before calling `send()`. */
  readonly outBuffer: Uint8Array;
  /** Inbound RTP (audio and telephone-event). Replaced, not chained: one consumer at a time. */
  onPacket: ((view: RtpPacketView, leg: MediaLeg) => void) | undefined;
  /** A DTMF digit detected on this leg (RFC 4733 begin, in-band Goertzel, or SIP INFO via `injectDtmf`). */
  onDtmf: ((digit: string, source: DtmfSource, leg: MediaLeg) => void) | undefined;
  /** Send `length` bytes of `outBuffer` (a complete RTP packet). Dropped silently when not sending. */
  send(length: number): void;
  /** Sending direction: false while the peer holds us (a=sendonly/inactive from them) or we hold them. */
  sending: boolean;
  /** Packets received / sent since the leg opened (for tests, CDR and the bench). */
  readonly stats: { received: number; sent: number; dropped: number };
  /** Report a digit that arrived out of band (SIP INFO) so it takes the same path. */
  injectDtmf(digit: string, source: DtmfSource): void;
  close(): void;
}

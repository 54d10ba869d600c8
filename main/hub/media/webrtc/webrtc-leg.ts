/**
 * A `MediaLeg` over WebRTC (werift): the hub's side of a browser seat's audio. The hub OFFERS
 * (it rings the seat, so the INVITE carries our SDP): ICE-lite with host candidates on the hub's
 * advertised address only, DTLS fingerprint with setup:actpass, one BUNDLE'd audio m-line with
 * rtcp-mux, PCMU/PCMA + telephone-event. The 2xx from sip.js carries the answer (`applyAnswer`).
 *
 * Towards the bridge it behaves like an RtpLeg: decrypted inbound RTP is re-parsed into one
 * reusable `RtpPacketView`; `send()` takes a complete RTP packet from `outBuffer`.
 */
import { MediaStreamTrack, RTCPeerConnection, RtpPacket } from 'werift';
import type { RTCRtpTransceiver } from 'werift';
import { RtpPacketView, SequenceRewriter, TelephoneEventReceiver, parseRtpPacket } from '../rtp';
import type { DtmfSource, G711Codec, MediaFormat, MediaLeg } from '../engine/media-leg';
import { G711_CODECS, keepOnlyHostAddresses, waitForGathering } from './webrtc-answerer';

const OUT_SIZE = 1500;
const TELEPHONE_EVENT_PT = 101;

export interface WebRtcOfferOptions {
  readonly id: string;
  /** Addresses advertised as host candidates (the hub's LAN address; 127.0.0.1 in tests). */
  readonly hostAddresses: string[];
  /** UDP range for ICE/media (from `--rtp-ports`); werift picks a free port inside it. */
  readonly portRange?: [number, number];
  /** Preferred codec first in the offer (the caller's, so the bridge needs no transcoding). */
  readonly preferCodec?: G711Codec;
  readonly gatherTimeoutMs?: number;
  readonly onClose?: (leg: WebRtcLeg) => void;
}

export class WebRtcLeg implements MediaLeg {
  readonly kind = 'webrtc' as const;
  readonly rewriter = new SequenceRewriter({ ssrc: (Math.random() * 0x100000000) >>> 0 });
  readonly outBuffer = new Uint8Array(OUT_SIZE);
  readonly stats = { received: 0, sent: 0, dropped: 0 };
  onPacket: MediaLeg['onPacket'];
  onDtmf: MediaLeg['onDtmf'];
  sending = true;
  /** Our SDP offer (candidates filtered to the advertised addresses). */
  localSdp = '';
  private fmt: MediaFormat;
  private readonly view = new RtpPacketView();
  private readonly events = new TelephoneEventReceiver();
  private readonly outbound = new MediaStreamTrack({ kind: 'audio' });
  private closed = false;

  private constructor(
    readonly id: string,
    readonly peer: RTCPeerConnection,
    private readonly transceiver: RTCRtpTransceiver,
    preferCodec: G711Codec,
    private readonly onCloseCb: ((leg: WebRtcLeg) => void) | undefined,
  ) {
    // Until the answer arrives the format is what we offered first; applyAnswer() settles it.
    this.fmt = { codec: preferCodec, payloadType: preferCodec === 'PCMU' ? 0 : 8, telephoneEventPt: TELEPHONE_EVENT_PT };
  }

  /** Build the peer and its offer. */
  static async offer(o: WebRtcOfferOptions): Promise<WebRtcLeg> {
    const prefer = o.preferCodec ?? 'PCMU';
    const codecs = G711_CODECS();
    // The answerer picks the first offered codec it supports: put the caller's codec first.
    if (prefer === 'PCMA') codecs.unshift(...codecs.splice(1, 1));
    const peer = new RTCPeerConnection({
      codecs: { audio: codecs },
      iceLite: true,
      iceUseIpv6: false,
      iceUseTcp: false,
      iceServers: [],
      iceAdditionalHostAddresses: o.hostAddresses,
      icePortRange: o.portRange,
      bundlePolicy: 'max-bundle',
      // As ICE-lite werift takes the FIRST pair the browser nominates. A browser on the hub's own
      // machine may check our loopback candidate from a LAN source too (our answer to it never
      // arrives) and nominate that first: only answer checks whose source is as loopback as our
      // candidate, so the one working pair is the one nominated.
      iceFilterStunResponse: (_msg: unknown, addr: readonly [string, number], protocol: { localCandidate?: { host: string } }) =>
        isLoopback(addr[0]) === isLoopback(protocol.localCandidate?.host ?? ''),
    });
    const transceiver = peer.addTransceiver('audio', { direction: 'sendrecv' });
    const leg = new WebRtcLeg(o.id, peer, transceiver, prefer, o.onClose);
    await transceiver.sender.replaceTrack(leg.outbound);
    transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => leg.receive(rtp));
    });
    await peer.setLocalDescription(await peer.createOffer());
    await waitForGathering(peer, o.gatherTimeoutMs ?? 1_000);
    leg.localSdp = withIceLite(keepOnlyHostAddresses(peer.localDescription!.sdp, o.hostAddresses));
    return leg;
  }

  get format(): MediaFormat {
    return this.fmt;
  }

  /**
   * The seat's SDP answer (from the 2xx). Synchronous checks first so the dialer can refuse a
   * bad answer at once; the werift side (ICE/DTLS start) completes in the background.
   */
  applyAnswer(sdp: string): Promise<void> {
    if (!/^m=audio /m.test(sdp)) throw new Error('answer has no audio');
    this.fmt = formatFromAnswer(sdp);
    return this.peer.setRemoteDescription({ type: 'answer', sdp });
  }

  send(length: number): void {
    const sender = this.transceiver.sender;
    if (this.closed || !this.sending || sender.dtlsTransport?.state !== 'connected') {
      this.stats.dropped++;
      return;
    }
    this.stats.sent++;
    // werift parses the buffer anyway; it needs its own copy since outBuffer is reused at once.
    const rtp = RtpPacket.deSerialize(Buffer.from(this.outBuffer.subarray(0, length)));
    if (rtp.header.payloadType === this.fmt.payloadType) {
      void sender.sendRtp(rtp).catch(() => undefined);
    } else {
      // sendRtp() rewrites every payload type to the codec's: telephone-event must bypass it.
      rtp.header.ssrc = sender.ssrc;
      void sender.dtlsTransport.sendRtp(rtp.payload, rtp.header).catch(() => undefined);
    }
  }

  injectDtmf(digit: string, source: DtmfSource): void {
    this.onDtmf?.(digit, source, this);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.onPacket = undefined;
    this.onDtmf = undefined;
    this.outbound.stop();
    void this.peer.close().catch(() => undefined);
    this.onCloseCb?.(this);
  }

  private receive(rtp: RtpPacket): void {
    if (this.closed) return;
    const v = this.view;
    if (parseRtpPacket(rtp.serialize(), v) !== 'ok') {
      this.stats.dropped++;
      return;
    }
    this.stats.received++;
    if (v.payloadType === this.fmt.telephoneEventPt) {
      const r = this.events.receive(v);
      if ((r.report === 'begin' || r.report === 'begin-end') && r.digit) this.onDtmf?.(r.digit, 'rfc4733', this);
    }
    this.onPacket?.(v, this);
  }
}

/** The first G.711 payload type of the answer's m=audio line, and its telephone-event type. */
export function formatFromAnswer(sdp: string): MediaFormat {
  const m = /^m=audio \d+ \S+ ([\d ]+)/m.exec(sdp);
  const pts = (m?.[1] ?? '').trim().split(/\s+/).map(Number);
  const rtpmap = new Map<number, string>();
  for (const line of sdp.matchAll(/^a=rtpmap:(\d+) ([^/\s]+)\/(\d+)/gm)) rtpmap.set(Number(line[1]), `${(line[2] ?? '').toUpperCase()}/${line[3]}`);
  const nameOf = (pt: number): string | undefined => rtpmap.get(pt) ?? (pt === 0 ? 'PCMU/8000' : pt === 8 ? 'PCMA/8000' : undefined);
  const pt = pts.find((p) => nameOf(p) === 'PCMU/8000' || nameOf(p) === 'PCMA/8000');
  if (pt === undefined) throw new Error('answer has no G.711 codec');
  const te = pts.find((p) => nameOf(p) === 'TELEPHONE-EVENT/8000');
  return { codec: nameOf(pt) === 'PCMU/8000' ? 'PCMU' : 'PCMA', payloadType: pt, telephoneEventPt: te };
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

/**
 * werift only writes a=ice-lite into answers. Without it in our offer the browser (answerer)
 * takes the controlled role too, nobody nominates, and ICE never completes (RFC 8445 §6.1.1: the
 * full agent must be controlling when the peer is lite).
 */
export function withIceLite(sdp: string): string {
  return /^a=ice-lite/m.test(sdp) ? sdp : sdp.replace(/^(t=.*\r\n)/m, '$1a=ice-lite\r\n');
}

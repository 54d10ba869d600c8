/**
 * The hub side of a seat's WebRTC audio leg (werift, pure TypeScript): answers the browser's SDP
 * offer as ICE-lite with host candidates only (no STUN; the hub is on the branch LAN and the seat
 * always initiates checks), DTLS-SRTP, G.711 (PCMU/PCMA) and RFC 4733 telephone-event.
 */
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import type { RTCRtpTransceiver, RtpPacket } from 'werift';

export interface WebRtcAnswerOptions {
  /** Addresses advertised as host candidates (the hub's LAN address; 127.0.0.1 in tests). */
  hostAddresses: string[];
  /** UDP range for ICE/media, from `--rtp-ports`. */
  portRange?: [number, number];
  /** Gathering is capped: with ICE-lite and fixed host addresses it finishes at once. */
  gatherTimeoutMs?: number;
}

export interface WebRtcAnswer {
  readonly sdp: string;
  readonly peer: RTCPeerConnection;
  readonly transceiver: RTCRtpTransceiver;
  /** The track the hub sends on (write RTP packets to it). */
  readonly outbound: MediaStreamTrack;
  /** Resolves with the browser's inbound track once media arrives. */
  readonly inbound: Promise<MediaStreamTrack>;
  close(): Promise<void>;
}

export const G711_CODECS = (): RTCRtpCodecParameters[] => [
  new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8000, channels: 1, payloadType: 0 }),
  new RTCRtpCodecParameters({ mimeType: 'audio/PCMA', clockRate: 8000, channels: 1, payloadType: 8 }),
  new RTCRtpCodecParameters({ mimeType: 'audio/telephone-event', clockRate: 8000, channels: 1, payloadType: 101 }),
];

export async function answerWebRtcOffer(offerSdp: string, options: WebRtcAnswerOptions): Promise<WebRtcAnswer> {
  const peer = new RTCPeerConnection({
    codecs: { audio: G711_CODECS() },
    iceLite: true,
    iceUseIpv6: false,
    iceUseTcp: false,
    iceServers: [],
    iceInterfaceAddresses: undefined,
    iceAdditionalHostAddresses: options.hostAddresses,
    icePortRange: options.portRange,
    // Only the configured addresses: never advertise other interfaces of the hub.
    iceFilterCandidatePair: undefined,
  });
  const outbound = new MediaStreamTrack({ kind: 'audio' });
  let resolveInbound!: (track: MediaStreamTrack) => void;
  const inbound = new Promise<MediaStreamTrack>((r) => (resolveInbound = r));
  peer.onTrack.subscribe((track) => resolveInbound(track));
  await peer.setRemoteDescription({ type: 'offer', sdp: offerSdp });
  const transceiver = peer.getTransceivers().find((t) => t.kind === 'audio');
  if (!transceiver) {
    await peer.close();
    throw new Error('offer has no audio');
  }
  transceiver.setDirection('sendrecv');
  await transceiver.sender.replaceTrack(outbound);
  await peer.setLocalDescription(await peer.createAnswer());
  await waitForGathering(peer, options.gatherTimeoutMs ?? 1_000);
  const sdp = keepOnlyHostAddresses(peer.localDescription!.sdp, options.hostAddresses);
  return { sdp, peer, transceiver, outbound, inbound, close: () => peer.close() };
}

/** Resolves when ICE gathering is complete, or after `timeoutMs` (gathering is capped). */
export function waitForGathering(peer: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (peer.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    const { unSubscribe } = peer.iceGatheringStateChange.subscribe((state) => {
      if (state !== 'complete') return;
      clearTimeout(timer);
      unSubscribe();
      resolve();
    });
  });
}

/** Drops candidates on addresses other than the configured ones (werift also gathers the machine's interfaces). */
export function keepOnlyHostAddresses(sdp: string, addresses: readonly string[]): string {
  return sdp
    .split(/\r\n/)
    .filter((line) => !line.startsWith('a=candidate:') || addresses.includes(line.split(' ')[4] ?? ''))
    .join('\r\n');
}

export type { RtpPacket };

/**
 * SDP offer/answer (RFC 3264) for anchored G.711 audio, over `sdp-transform`. The hub answers
 * every leg itself (it is a B2BUA, not a proxy): it picks PCMU or PCMA from the offer, keeps
 * telephone-event when offered, mirrors the stream direction, and rejects everything else.
 */
import sdpTransform from 'sdp-transform';
import type { MediaDescription } from 'sdp-transform';
import { BranchlineError } from '../../../../protocol/errors';
import { G711_PAYLOAD_TYPE } from './media-leg';
import type { G711Codec, MediaFormat } from './media-leg';

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** The part of a remote description the media layer acts on. */
export interface RemoteMedia {
  /** Index of the audio m-line we use among all m-lines (the answer keeps the others at port 0). */
  readonly index: number;
  readonly mediaCount: number;
  readonly mediaTypes: readonly { type: string; protocol: string; payloads: string }[];
  readonly address: string;
  readonly port: number;
  readonly direction: MediaDirection;
  /** Offered G.711 formats in the peer's order of preference. */
  readonly codecs: readonly { codec: G711Codec; payloadType: number }[];
  readonly telephoneEventPt: number | undefined;
  readonly ptime: number | undefined;
}

const TELEPHONE_EVENT = /^telephone-event$/i;

/** Parse an SDP body. Throws BL_ERR_MEDIA_SDP_INVALID (→ 400) or BL_ERR_MEDIA_CODEC_UNSUPPORTED (→ 488). */
export function parseRemoteSdp(text: string): RemoteMedia {
  let session: ReturnType<typeof sdpTransform.parse>;
  try {
    session = sdpTransform.parse(text);
  } catch (err) {
    throw new BranchlineError('BL_ERR_MEDIA_SDP_INVALID', `SDP parse error: ${(err as Error).message}`);
  }
  if (session.version !== 0 || !Array.isArray(session.media) || session.media.length === 0) {
    throw new BranchlineError('BL_ERR_MEDIA_SDP_INVALID', 'SDP without v=0 or without any m= line');
  }
  const media = session.media;
  const index = media.findIndex((m) => m.type === 'audio' && /^RTP\/AVP$/i.test(m.protocol) && m.port > 0);
  if (index < 0) {
    // An audio line over SAVP/DTLS or only video: nothing we can anchor over plain RTP.
    throw new BranchlineError('BL_ERR_MEDIA_CODEC_UNSUPPORTED', 'no active RTP/AVP audio stream offered');
  }
  const m = media[index] as MediaDescription;
  const address = m.connection?.ip ?? session.connection?.ip;
  if (!address || !/^[0-9.]+$|:/.test(address)) throw new BranchlineError('BL_ERR_MEDIA_SDP_INVALID', 'no connection address for the audio stream');
  if (!Number.isInteger(m.port) || m.port < 1 || m.port > 65535) throw new BranchlineError('BL_ERR_MEDIA_SDP_INVALID', `bad audio port ${m.port}`);
  const payloads = String(m.payloads ?? '')
    .split(/\s+/)
    .filter((p) => p !== '')
    .map(Number);
  if (payloads.some((p) => !Number.isInteger(p) || p < 0 || p > 127)) throw new BranchlineError('BL_ERR_MEDIA_SDP_INVALID', 'bad payload type list');
  const rtpmap = new Map((m.rtp ?? []).map((r) => [r.payload, r]));
  const codecs: { codec: G711Codec; payloadType: number }[] = [];
  let telephoneEventPt: number | undefined;
  for (const pt of payloads) {
    const map = rtpmap.get(pt);
    const name = map?.codec.toUpperCase();
    const rate = map?.rate ?? 8000;
    // RFC 3551 §6: PT 0 is PCMU and 8 is PCMA even without an rtpmap.
    if ((map === undefined && pt === 0) || (name === 'PCMU' && rate === 8000)) codecs.push({ codec: 'PCMU', payloadType: pt });
    else if ((map === undefined && pt === 8) || (name === 'PCMA' && rate === 8000)) codecs.push({ codec: 'PCMA', payloadType: pt });
    else if (map && TELEPHONE_EVENT.test(map.codec) && rate === 8000 && telephoneEventPt === undefined) telephoneEventPt = pt;
  }
  let direction: MediaDirection = m.direction ?? session.direction ?? 'sendrecv';
  // RFC 3264 §8.4: an older hold form "set the connection address to 0.0.0.0"; treat it as inactive.
  if (address === '0.0.0.0') direction = direction === 'sendonly' ? 'sendonly' : 'inactive';
  const ptime = typeof m.ptime === 'number' ? m.ptime : undefined;
  return {
    index,
    mediaCount: media.length,
    mediaTypes: media.map((x) => ({ type: x.type, protocol: x.protocol, payloads: String(x.payloads ?? '') })),
    address,
    port: m.port,
    direction,
    codecs,
    telephoneEventPt,
    ptime,
  };
}

/**
 * Choose the format for an answer: the offerer's most preferred G.711 codec, unless `prefer`
 * names one it also offers (to avoid transcoding against the other leg).
 */
export function negotiate(offer: RemoteMedia, prefer?: G711Codec): MediaFormat {
  const first = (prefer && offer.codecs.find((c) => c.codec === prefer)) ?? offer.codecs[0];
  if (!first) throw new BranchlineError('BL_ERR_MEDIA_CODEC_UNSUPPORTED', 'offer has neither PCMU nor PCMA');
  return { codec: first.codec, payloadType: first.payloadType, telephoneEventPt: offer.telephoneEventPt };
}

/**
 * RFC 3264 §6.1: "If a stream is offered as sendonly, the corresponding stream MUST be marked as
 * recvonly or inactive in the answer. If a media stream is listed as recvonly in the offer, the
 * answer MUST be marked as sendonly or inactive in the answer. If an offered media stream is
 * listed as sendrecv (or if there is no direction attribute at the media or session level, in
 * which case the stream is sendrecv by default), the corresponding stream in the answer MAY be
 * marked as sendonly, recvonly, sendrecv, or inactive."
 */
export function answerDirection(offered: MediaDirection, local: MediaDirection = 'sendrecv'): MediaDirection {
  const weSend = local === 'sendrecv' || local === 'sendonly';
  const weRecv = local === 'sendrecv' || local === 'recvonly';
  const send = weSend && (offered === 'sendrecv' || offered === 'recvonly');
  const recv = weRecv && (offered === 'sendrecv' || offered === 'sendonly');
  return send && recv ? 'sendrecv' : send ? 'sendonly' : recv ? 'recvonly' : 'inactive';
}

export interface LocalSdpOptions {
  readonly sessionId: string;
  readonly version: number;
  readonly address: string;
  readonly port: number;
  /** Codecs with their payload types, most preferred first. */
  readonly codecs: readonly { codec: G711Codec; payloadType: number }[];
  readonly telephoneEventPt: number | undefined;
  readonly direction: MediaDirection;
  /** For an answer: mirror the offer's other m-lines with port 0 (RFC 3264 §6: "the answer MUST contain exactly the same number of "m=" lines as the offer"). */
  readonly answerTo?: RemoteMedia;
}

export function buildLocalSdp(o: LocalSdpOptions): string {
  const lines = ['v=0', `o=branchline ${o.sessionId} ${o.version} IN IP4 ${o.address}`, 's=branchline', `c=IN IP4 ${o.address}`, 't=0 0'];
  const audio = (): void => {
    const pts = o.codecs.map((c) => c.payloadType);
    if (o.telephoneEventPt !== undefined) pts.push(o.telephoneEventPt);
    lines.push(`m=audio ${o.port} RTP/AVP ${pts.join(' ')}`);
    for (const c of o.codecs) lines.push(`a=rtpmap:${c.payloadType} ${c.codec}/8000`);
    if (o.telephoneEventPt !== undefined) lines.push(`a=rtpmap:${o.telephoneEventPt} telephone-event/8000`, `a=fmtp:${o.telephoneEventPt} 0-16`);
    lines.push('a=ptime:20', `a=${o.direction}`);
  };
  if (!o.answerTo) audio();
  else {
    o.answerTo.mediaTypes.forEach((m, i) => {
      if (i === o.answerTo?.index) audio();
      // RFC 3264 §6: "An offered stream MAY be rejected in the answer, for any reason. If a stream
      // is rejected, the offerer and answerer MUST NOT generate media for that stream. To reject
      // an offered stream, the port number in the corresponding stream in the answer MUST be set to zero."
      else lines.push(`m=${m.type} 0 ${m.protocol} ${m.payloads.split(/\s+/)[0] ?? '0'}`);
    });
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Default offer format list: `first` leads so the far leg can pick it and skip transcoding. */
export function offerCodecs(first: G711Codec = 'PCMU'): { codec: G711Codec; payloadType: number }[] {
  const other: G711Codec = first === 'PCMU' ? 'PCMA' : 'PCMU';
  return [
    { codec: first, payloadType: G711_PAYLOAD_TYPE[first] },
    { codec: other, payloadType: G711_PAYLOAD_TYPE[other] },
  ];
}

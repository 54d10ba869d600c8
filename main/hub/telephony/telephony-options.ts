import type { ListenAddress } from '../../common/listen-address';

/** The hub's SIP/RTP listeners as the command line gives them. */
export interface TelephonyOptions {
  udp?: ListenAddress;
  tcp?: ListenAddress;
  /** SIP over WebSocket at `/sip` on the hub's HTTP port. */
  ws: boolean;
  realm: string;
  /**
   * Digest algorithms offered, most preferred first. Default MD5 alone: baresip 1.0 and sip.js read
   * the last challenge and sipp the first, so offering two breaks common devices either way. Turn on
   * SHA-256 (`--sip-digest SHA-256,MD5`) when every phone and gateway of the branch supports RFC 8760.
   */
  digestAlgorithms: ('MD5' | 'SHA-256')[];
  rtpPorts: { min: number; max: number };
}

export function parsePortRange(text: string): { min: number; max: number } {
  const match = /^(\d+)-(\d+)$/.exec(text.trim());
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (!match || min < 1024 || max > 65535 || max - min < 1) throw new Error(`invalid port range "${text}": expected A-B within 1024-65535`);
  // RTP uses even ports (RTCP the odd one above), so the range must hold at least one pair.
  return { min: min % 2 ? min + 1 : min, max };
}

export function parseDigestAlgorithms(text: string): ('MD5' | 'SHA-256')[] {
  const list = text.split(',').map((a) => a.trim().toUpperCase().replace('SHA256', 'SHA-256'));
  if (list.length === 0 || list.some((a) => a !== 'MD5' && a !== 'SHA-256') || new Set(list).size !== list.length) {
    throw new Error(`invalid --sip-digest "${text}": expected MD5, SHA-256 or both, comma separated`);
  }
  return list as ('MD5' | 'SHA-256')[];
}

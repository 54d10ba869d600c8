/**
 * RTP fixed header (RFC 3550 §5.1) parse/serialize over caller-owned buffers.
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 *    |                           timestamp                           |
 *    |           synchronization source (SSRC) identifier            |
 *    |            contributing source (CSRC) identifiers  (0..15)    |
 *    |  defined by profile (X=1)     |           length              |
 *    |                        header extension                       |
 *
 * `parseRtpPacket` fills a reusable `RtpPacketView` (no allocation: CSRCs go into a preallocated
 * Uint32Array, payload/extension are offsets into the source buffer). Malformed input is an
 * expected outcome on a UDP port, so it returns a result code instead of throwing.
 */

export const RTP_HEADER_SIZE = 12;
const MAX_CSRC = 15;
const EMPTY = new Uint8Array(0);

export type RtpParseResult =
  | 'ok'
  | 'too-short'
  | 'bad-version'
  | 'bad-csrc'
  | 'bad-extension'
  | 'bad-padding';

export class RtpPacketView {
  /** Source buffer the offsets below refer to (not copied). */
  buffer: Uint8Array = EMPTY;
  /** Offset of the packet in `buffer` and its total length. */
  offset = 0;
  length = 0;
  version = 2;
  padding = false;
  extension = false;
  marker = false;
  payloadType = 0;
  sequenceNumber = 0;
  timestamp = 0;
  ssrc = 0;
  csrcCount = 0;
  readonly csrcs = new Uint32Array(MAX_CSRC);
  /** "defined by profile" 16 bits, e.g. 0xBEDE for RFC 8285 one-byte extensions. */
  extensionProfile = 0;
  /** Absolute offset in `buffer` of the extension data (after its 4-byte header). */
  extensionOffset = 0;
  /** Extension data length in bytes (the wire "length" field × 4). */
  extensionLength = 0;
  payloadOffset = 0;
  payloadLength = 0;
  /** Padding bytes including the final count octet (0 when P is clear). */
  paddingLength = 0;

  /** Header length in bytes (fixed + CSRC + extension). */
  get headerLength(): number {
    return this.payloadOffset - this.offset;
  }

  /** A subarray over the payload. Allocates a view object: prefer the offsets on hot paths. */
  payload(): Uint8Array {
    return this.buffer.subarray(this.payloadOffset, this.payloadOffset + this.payloadLength);
  }
}

/** Parse `length` bytes of `buf` at `offset` into `view`. */
export function parseRtpPacket(
  buf: Uint8Array,
  view: RtpPacketView,
  offset = 0,
  length = buf.length - offset,
): RtpParseResult {
  if (length < RTP_HEADER_SIZE) return 'too-short';
  const b0 = buf[offset] as number;
  const b1 = buf[offset + 1] as number;
  // "This field identifies the version of RTP. The version defined by this specification is two (2)."
  if (b0 >> 6 !== 2) return 'bad-version';
  const cc = b0 & 0x0f;
  let pos = offset + RTP_HEADER_SIZE + cc * 4;
  const end = offset + length;
  if (pos > end) return 'bad-csrc';

  view.buffer = buf;
  view.offset = offset;
  view.length = length;
  view.version = 2;
  view.padding = (b0 & 0x20) !== 0;
  view.extension = (b0 & 0x10) !== 0;
  view.marker = (b1 & 0x80) !== 0;
  view.payloadType = b1 & 0x7f;
  view.sequenceNumber = ((buf[offset + 2] as number) << 8) | (buf[offset + 3] as number);
  view.timestamp = readU32(buf, offset + 4);
  view.ssrc = readU32(buf, offset + 8);
  view.csrcCount = cc;
  for (let i = 0; i < cc; i++) view.csrcs[i] = readU32(buf, offset + 12 + i * 4);

  view.extensionProfile = 0;
  view.extensionOffset = pos;
  view.extensionLength = 0;
  if (view.extension) {
    if (pos + 4 > end) return 'bad-extension';
    view.extensionProfile = ((buf[pos] as number) << 8) | (buf[pos + 1] as number);
    // "a 16-bit length field that counts the number of 32-bit words in the extension,
    //  excluding the four-octet extension header (therefore zero is a valid length)"
    const words = ((buf[pos + 2] as number) << 8) | (buf[pos + 3] as number);
    pos += 4;
    if (pos + words * 4 > end) return 'bad-extension';
    view.extensionOffset = pos;
    view.extensionLength = words * 4;
    pos += words * 4;
  }

  let paddingLength = 0;
  if (view.padding) {
    // "The last octet of the padding contains a count of how many padding octets should be
    //  ignored, including itself."
    paddingLength = buf[end - 1] as number;
    if (paddingLength === 0 || pos + paddingLength > end) return 'bad-padding';
  }
  view.paddingLength = paddingLength;
  view.payloadOffset = pos;
  view.payloadLength = end - pos - paddingLength;
  return 'ok';
}

/** Bytes `serializeRtpPacket(view)` will write. */
export function rtpPacketLength(view: RtpPacketView): number {
  return (
    RTP_HEADER_SIZE +
    view.csrcCount * 4 +
    (view.extension ? 4 + view.extensionLength : 0) +
    view.payloadLength +
    (view.padding ? view.paddingLength : 0)
  );
}

/**
 * Write the packet described by `view` into `out` and return the bytes written. Header fields come
 * from the view (so a caller may change seq/timestamp/SSRC first); extension data, payload and
 * padding bytes are copied from `view.buffer`, which makes serialize(parse(raw)) byte-exact.
 * `out` may be `view.buffer` only at the packet's own offset (in-place header rewrite).
 */
export function serializeRtpPacket(view: RtpPacketView, out: Uint8Array, outOffset = 0): number {
  const total = rtpPacketLength(view);
  if (outOffset + total > out.length) throw new RangeError('RTP output buffer too small');
  const src = view.buffer;
  const inPlace = out === src && outOffset === view.offset;
  if (out === src && !inPlace) {
    // Header bytes would be written before the body they overlap is copied.
    throw new RangeError('serialize into the source buffer only at the packet offset');
  }
  let pos = writeFixedHeader(out, outOffset, view, view.extension, view.padding);
  if (view.extension) {
    writeU16(out, pos, view.extensionProfile);
    writeU16(out, pos + 2, view.extensionLength >> 2);
    pos += 4;
    if (!inPlace) copyBytes(src, view.extensionOffset, out, pos, view.extensionLength);
    pos += view.extensionLength;
  }
  if (!inPlace) {
    const tail = view.payloadLength + (view.padding ? view.paddingLength : 0);
    copyBytes(src, view.payloadOffset, out, pos, tail);
  }
  return total;
}

/** Header fields for building a new packet. */
export interface RtpHeaderInit {
  marker: boolean;
  payloadType: number;
  sequenceNumber: number;
  timestamp: number;
  ssrc: number;
}

/**
 * Write a packet with no CSRC/extension (the common send path) and return its length.
 * `padTo` > 1 pads the packet to a multiple of that many bytes (e.g. 4 for SRTP block ciphers).
 */
export function writeRtpPacket(
  out: Uint8Array,
  outOffset: number,
  header: RtpHeaderInit,
  payload: Uint8Array,
  payloadOffset = 0,
  payloadLength = payload.length - payloadOffset,
  padTo = 0,
): number {
  const unpadded = RTP_HEADER_SIZE + payloadLength;
  const pad = padTo > 1 && unpadded % padTo !== 0 ? padTo - (unpadded % padTo) : 0;
  const total = unpadded + pad;
  if (outOffset + total > out.length) throw new RangeError('RTP output buffer too small');
  const b0 = 0x80 | (pad > 0 ? 0x20 : 0);
  out[outOffset] = b0;
  out[outOffset + 1] = (header.marker ? 0x80 : 0) | (header.payloadType & 0x7f);
  writeU16(out, outOffset + 2, header.sequenceNumber);
  writeU32(out, outOffset + 4, header.timestamp);
  writeU32(out, outOffset + 8, header.ssrc);
  let pos = outOffset + RTP_HEADER_SIZE;
  for (let i = 0; i < payloadLength; i++) out[pos + i] = payload[payloadOffset + i] as number;
  pos += payloadLength;
  if (pad > 0) {
    out.fill(0, pos, pos + pad - 1);
    out[pos + pad - 1] = pad;
  }
  return total;
}

/**
 * Rewrite marker, sequence number, timestamp and SSRC of a packet already in a buffer.
 * Used by the B2BUA forwarding path, which never re-serializes the payload.
 */
export function patchRtpHeader(
  buf: Uint8Array,
  offset: number,
  marker: boolean,
  sequenceNumber: number,
  timestamp: number,
  ssrc: number,
): void {
  buf[offset + 1] = (marker ? 0x80 : 0) | ((buf[offset + 1] as number) & 0x7f);
  writeU16(buf, offset + 2, sequenceNumber);
  writeU32(buf, offset + 4, timestamp);
  writeU32(buf, offset + 8, ssrc);
}

function writeFixedHeader(
  out: Uint8Array,
  offset: number,
  view: RtpPacketView,
  extension: boolean,
  padding: boolean,
): number {
  out[offset] = 0x80 | (padding ? 0x20 : 0) | (extension ? 0x10 : 0) | (view.csrcCount & 0x0f);
  out[offset + 1] = (view.marker ? 0x80 : 0) | (view.payloadType & 0x7f);
  writeU16(out, offset + 2, view.sequenceNumber);
  writeU32(out, offset + 4, view.timestamp);
  writeU32(out, offset + 8, view.ssrc);
  let pos = offset + RTP_HEADER_SIZE;
  for (let i = 0; i < view.csrcCount; i++) {
    writeU32(out, pos, view.csrcs[i] as number);
    pos += 4;
  }
  return pos;
}

/**
 * Copy bytes without creating views: `dst.set(src.subarray(..))` allocates a view object per
 * packet. Same-array copies use the native `copyWithin` (overlap-safe); otherwise an unrolled
 * loop, which measured within 1.5x of `set(subarray)` for 160-byte payloads.
 */
export function copyBytes(src: Uint8Array, srcOffset: number, dst: Uint8Array, dstOffset: number, length: number): void {
  if (src === dst) {
    if (srcOffset !== dstOffset) dst.copyWithin(dstOffset, srcOffset, srcOffset + length);
    return;
  }
  let k = 0;
  const n4 = length & ~3;
  for (; k < n4; k += 4) {
    dst[dstOffset + k] = src[srcOffset + k] as number;
    dst[dstOffset + k + 1] = src[srcOffset + k + 1] as number;
    dst[dstOffset + k + 2] = src[srcOffset + k + 2] as number;
    dst[dstOffset + k + 3] = src[srcOffset + k + 3] as number;
  }
  for (; k < length; k++) dst[dstOffset + k] = src[srcOffset + k] as number;
}

export function readU32(buf: Uint8Array, pos: number): number {
  return (
    (((buf[pos] as number) << 24) |
      ((buf[pos + 1] as number) << 16) |
      ((buf[pos + 2] as number) << 8) |
      (buf[pos + 3] as number)) >>>
    0
  );
}

export function writeU32(buf: Uint8Array, pos: number, v: number): void {
  buf[pos] = (v >>> 24) & 0xff;
  buf[pos + 1] = (v >>> 16) & 0xff;
  buf[pos + 2] = (v >>> 8) & 0xff;
  buf[pos + 3] = v & 0xff;
}

export function writeU16(buf: Uint8Array, pos: number, v: number): void {
  buf[pos] = (v >>> 8) & 0xff;
  buf[pos + 1] = v & 0xff;
}

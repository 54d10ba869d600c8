import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  RtpPacketView,
  parseRtpPacket,
  patchRtpHeader,
  rtpPacketLength,
  serializeRtpPacket,
  writeRtpPacket,
} from './rtp-packet';

function hex(s: string): Uint8Array {
  return Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
}

const pcmuPayload = 'ff'.repeat(40) + '7e7d7c7b'.repeat(30); // 160 bytes

// Real-looking packets, laid out as captured from the usual senders.
const FIXTURES: Record<string, string> = {
  // Asterisk-style PCMU frame, marker set on the first packet of a talkspurt.
  asteriskPcmuMarker: `80 80 1f 4a 00 0f a0 00 5a c3 11 07 ${pcmuPayload}`,
  // Chrome/werift audio with RFC 8285 one-byte header extension (ssrc-audio-level id 1,
  // abs-send-time id 3), PCMA payload.
  webrtcPcmaWithExtension: `90 08 a1 02 6b 8b 45 67 12 34 56 78 be de 00 02 10 a5 32 12 34 56 00 00 ${'d5'.repeat(160)}`,
  // Conference mixer output with two CSRCs.
  mixerWithCsrc: `82 00 00 07 00 00 03 20 00 00 00 01 00 00 00 0a 00 00 00 0b ${pcmuPayload}`,
  // SRTP-ready packet padded to a 4-byte multiple (P bit, last octet = pad count).
  padded: `a0 00 ff ff ff ff ff 60 01 02 03 04 ${'aa'.repeat(161)} 00 00 03`,
  // RFC 4733 telephone-event "5", end bit, volume 10, duration 800.
  telephoneEventEnd: `80 65 02 d2 00 01 5f 90 ca fe ba be 05 8a 03 20`,
};

describe('rtp-packet', () => {
  it.each(Object.entries(FIXTURES))('%s: serialize(parse(raw)) === raw', (_name, h) => {
    const raw = hex(h);
    const view = new RtpPacketView();
    expect(parseRtpPacket(raw, view)).toBe('ok');
    expect(rtpPacketLength(view)).toBe(raw.length);
    const out = new Uint8Array(raw.length + 8);
    const n = serializeRtpPacket(view, out, 4);
    expect(n).toBe(raw.length);
    expect(Buffer.from(out.subarray(4, 4 + n)).toString('hex')).toBe(Buffer.from(raw).toString('hex'));
  });

  it('parses each header field', () => {
    const view = new RtpPacketView();
    expect(parseRtpPacket(hex(FIXTURES.webrtcPcmaWithExtension as string), view)).toBe('ok');
    expect(view.extension).toBe(true);
    expect(view.marker).toBe(false);
    expect(view.payloadType).toBe(8);
    expect(view.sequenceNumber).toBe(0xa102);
    expect(view.timestamp).toBe(0x6b8b4567);
    expect(view.ssrc).toBe(0x12345678);
    expect(view.extensionProfile).toBe(0xbede);
    expect(view.extensionLength).toBe(8);
    expect(view.headerLength).toBe(24);
    expect(view.payloadLength).toBe(160);

    expect(parseRtpPacket(hex(FIXTURES.mixerWithCsrc as string), view)).toBe('ok');
    expect(view.csrcCount).toBe(2);
    expect(Array.from(view.csrcs.subarray(0, 2))).toEqual([10, 11]);
    expect(view.payloadOffset).toBe(20);

    expect(parseRtpPacket(hex(FIXTURES.padded as string), view)).toBe('ok');
    expect(view.padding).toBe(true);
    expect(view.paddingLength).toBe(3);
    expect(view.payloadLength).toBe(161);
    expect(view.timestamp).toBe(0xffffff60);
    expect(view.sequenceNumber).toBe(0xffff);

    expect(parseRtpPacket(hex(FIXTURES.asteriskPcmuMarker as string), view)).toBe('ok');
    expect(view.marker).toBe(true);
    expect(view.payload()[0]).toBe(0xff);
  });

  it('parses at an offset inside a larger datagram buffer', () => {
    const raw = hex(FIXTURES.telephoneEventEnd as string);
    const big = new Uint8Array(100);
    big.set(raw, 30);
    const view = new RtpPacketView();
    expect(parseRtpPacket(big, view, 30, raw.length)).toBe('ok');
    expect(view.payloadOffset).toBe(42);
    expect(view.payloadLength).toBe(4);
    expect(view.payloadType).toBe(101);
  });

  it('rejects malformed packets with a result code', () => {
    const view = new RtpPacketView();
    expect(parseRtpPacket(hex('80 00 00'), view)).toBe('too-short');
    expect(parseRtpPacket(hex('40 00 00 01 00 00 00 00 00 00 00 01'), view)).toBe('bad-version');
    expect(parseRtpPacket(hex('83 00 00 01 00 00 00 00 00 00 00 01 00 00 00 02'), view)).toBe('bad-csrc');
    expect(parseRtpPacket(hex('90 00 00 01 00 00 00 00 00 00 00 01 be de 00 05 00'), view)).toBe(
      'bad-extension',
    );
    expect(parseRtpPacket(hex('a0 00 00 01 00 00 00 00 00 00 00 01 00'), view)).toBe('bad-padding');
    expect(parseRtpPacket(hex('a0 00 00 01 00 00 00 00 00 00 00 01 09'), view)).toBe('bad-padding');
  });

  it('round-trips any packet the parser accepts (random bytes)', () => {
    const view = new RtpPacketView();
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 12, maxLength: 300 }), (bytes) => {
        bytes[0] = 0x80 | ((bytes[0] as number) & 0x3f); // version 2, random P/X/CC
        if (parseRtpPacket(bytes, view) !== 'ok') return true;
        const out = new Uint8Array(bytes.length);
        const n = serializeRtpPacket(view, out);
        return n === bytes.length && Buffer.compare(Buffer.from(out), Buffer.from(bytes)) === 0;
      }),
      { numRuns: 2000 },
    );
  });

  it('reserializes after header edits, including in place', () => {
    const raw = hex(FIXTURES.mixerWithCsrc as string);
    const view = new RtpPacketView();
    parseRtpPacket(raw, view);
    view.sequenceNumber = 0xfffe;
    view.timestamp = 0xfffffff0;
    view.ssrc = 0xdeadbeef;
    view.marker = true;
    serializeRtpPacket(view, raw);
    const again = new RtpPacketView();
    expect(parseRtpPacket(raw, again)).toBe('ok');
    expect([again.sequenceNumber, again.timestamp, again.ssrc, again.marker]).toEqual([
      0xfffe, 0xfffffff0, 0xdeadbeef, true,
    ]);
    expect(Array.from(again.csrcs.subarray(0, 2))).toEqual([10, 11]);
  });

  it('writes new packets, optionally padded, and patches headers', () => {
    const payload = new Uint8Array(161).fill(0x55);
    const out = new Uint8Array(200);
    const n = writeRtpPacket(out, 0, { marker: true, payloadType: 0, sequenceNumber: 65535, timestamp: 4294967295, ssrc: 7 }, payload, 0, 161, 4);
    expect(n).toBe(176);
    const view = new RtpPacketView();
    expect(parseRtpPacket(out, view, 0, n)).toBe('ok');
    expect(view.paddingLength).toBe(3);
    expect(view.payloadLength).toBe(161);
    expect(view.sequenceNumber).toBe(65535);
    expect(view.timestamp).toBe(4294967295);
    patchRtpHeader(out, 0, false, 0, 160, 9);
    parseRtpPacket(out, view, 0, n);
    expect([view.marker, view.sequenceNumber, view.timestamp, view.ssrc, view.payloadType]).toEqual([
      false, 0, 160, 9, 0,
    ]);
  });
});

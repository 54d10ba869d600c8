import { describe, expect, it } from 'vitest';
import { RtpPacketView, parseRtpPacket, writeRtpPacket } from './rtp-packet';
import { SequenceRewriter } from './sequence-rewriter';
import { seqDelta, tsDelta } from './serial-number';

const payload = new Uint8Array(160).fill(0xff);

function packet(seq: number, ts: number, ssrc: number, marker = false): Uint8Array {
  const out = new Uint8Array(172);
  writeRtpPacket(out, 0, { marker, payloadType: 0, sequenceNumber: seq & 0xffff, timestamp: ts >>> 0, ssrc }, payload);
  return out;
}

describe('SequenceRewriter', () => {
  it('passes a single source through with constant offsets and its own SSRC', () => {
    const rw = new SequenceRewriter({ ssrc: 0xaaaa, initialSequence: 100, initialTimestamp: 5000 });
    const out: Array<[number, number, boolean]> = [];
    for (let i = 0; i < 3; i++) {
      rw.map(7000 + i, 90_000 + i * 160, 1, false);
      out.push([rw.sequenceNumber, rw.timestamp, rw.marker]);
    }
    expect(out).toEqual([
      [100, 5000, true],
      [101, 5160, false],
      [102, 5320, false],
    ]);
  });

  it('stays continuous across a re-bridge to another source, across both wraps', () => {
    const rw = new SequenceRewriter({ ssrc: 9, initialSequence: 65534, initialTimestamp: 0xffffff00 });
    const view = new RtpPacketView();
    const seen: Array<[number, number, number, boolean]> = [];
    const send = (b: Uint8Array, now?: number): void => {
      rw.rewriteInPlace(b, 0, now);
      parseRtpPacket(b, view);
      seen.push([view.sequenceNumber, view.timestamp, view.ssrc, view.marker]);
    };
    send(packet(10, 1000, 111), 0);
    send(packet(11, 1160, 111), 20);
    // re-bridged to the IVR player: new SSRC, unrelated numbering
    send(packet(40000, 7_777_777, 222), 40);
    send(packet(40001, 7_777_937, 222), 60);
    expect(seen).toEqual([
      [65534, 0xffffff00, 9, true],
      [65535, 0xffffffa0, 9, false],
      [0, 0x40, 9, true],
      [1, 0xe0, 9, false],
    ]);
  });

  it('advances the timestamp by the real pause when the new source starts later', () => {
    const rw = new SequenceRewriter({ ssrc: 1, initialSequence: 0, initialTimestamp: 0 });
    rw.map(1, 0, 5, false, 1000);
    rw.switchSource(); // hold: nothing sent for 2 s
    rw.map(500, 123, 5, false, 3000);
    expect(rw.sequenceNumber).toBe(1);
    expect(rw.timestamp).toBe(16000);
    expect(rw.marker).toBe(true);
  });

  it('forwards reordered packets without moving the high-water mark back', () => {
    const rw = new SequenceRewriter({ ssrc: 1, initialSequence: 10, initialTimestamp: 0 });
    rw.map(100, 0, 5, false);
    rw.map(102, 320, 5, false);
    rw.map(101, 160, 5, false); // late
    expect([rw.sequenceNumber, rw.timestamp]).toEqual([11, 160]);
    rw.switchSource();
    rw.map(9, 0, 6, false);
    expect(rw.sequenceNumber).toBe(13); // after 12, not after 11
  });

  it('numbers locally generated packets in the same sequence space', () => {
    const rw = new SequenceRewriter({ ssrc: 1, initialSequence: 65535, initialTimestamp: 0 });
    rw.map(50, 800, 5, false);
    expect(rw.nextLocal(160)).toBe(0);
    expect(rw.timestamp).toBe(160);
    rw.map(51, 960, 5, false);
    expect([rw.sequenceNumber, rw.timestamp, rw.marker]).toEqual([1, 320, true]);
  });

  it('never repeats or skips a number over many random re-bridges', () => {
    const rw = new SequenceRewriter({ ssrc: 1 });
    let prevSeq = -1;
    let prevTs = 0;
    let srcSeq = 0;
    let srcTs = 0;
    let ssrc = 1;
    for (let i = 0; i < 20_000; i++) {
      if (i % 997 === 0) {
        ssrc++;
        srcSeq = Math.floor(Math.random() * 65536);
        srcTs = Math.floor(Math.random() * 2 ** 32);
      }
      rw.map(srcSeq, srcTs, ssrc, false);
      if (prevSeq >= 0) {
        expect(seqDelta(rw.sequenceNumber, prevSeq)).toBe(1);
        expect(tsDelta(rw.timestamp, prevTs)).toBe(160);
      }
      prevSeq = rw.sequenceNumber;
      prevTs = rw.timestamp;
      srcSeq = (srcSeq + 1) & 0xffff;
      srcTs = (srcTs + 160) >>> 0;
    }
  });
});

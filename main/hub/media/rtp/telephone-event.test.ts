import { describe, expect, it } from 'vitest';
import { RtpPacketView, parseRtpPacket } from './rtp-packet';
import {
  TelephoneEventPayload,
  TelephoneEventReceiver,
  TelephoneEventSender,
  decodeTelephoneEvent,
  dtmfDigit,
  dtmfEventCode,
  encodeTelephoneEvent,
} from './telephone-event';

interface Sent {
  bytes: Uint8Array;
  seq: number;
  ts: number;
  marker: boolean;
  end: boolean;
  duration: number;
  event: number;
}

function sendAll(sender: TelephoneEventSender, firstSeq: number): Sent[] {
  const out: Sent[] = [];
  const buf = new Uint8Array(64);
  const view = new RtpPacketView();
  const p = new TelephoneEventPayload();
  let seq = firstSeq;
  for (;;) {
    const n = sender.next(buf, 0, seq);
    if (n === 0) break;
    const bytes = buf.slice(0, n);
    expect(parseRtpPacket(bytes, view)).toBe('ok');
    decodeTelephoneEvent(bytes, view.payloadOffset, view.payloadLength, p);
    out.push({ bytes, seq: view.sequenceNumber, ts: view.timestamp, marker: view.marker, end: p.end, duration: p.duration, event: p.event });
    seq = (seq + 1) & 0xffff;
    if (out.length > 10_000) throw new Error('runaway sender');
  }
  return out;
}

describe('telephone-event payload', () => {
  it('encodes and decodes E bit, volume and duration', () => {
    const b = new Uint8Array(4);
    encodeTelephoneEvent(b, 0, 11, true, 10, 1600);
    expect(Array.from(b)).toEqual([0x0b, 0x8a, 0x06, 0x40]);
    const p = new TelephoneEventPayload();
    b[1] = (b[1] as number) | 0x40; // R bit set by a sloppy sender: ignored
    expect(decodeTelephoneEvent(b, 0, 4, p)).toBe(true);
    expect(p).toMatchObject({ event: 11, end: true, volume: 10, duration: 1600 });
    expect(decodeTelephoneEvent(b, 0, 3, p)).toBe(false);
  });

  it('maps digits to RFC 4733 event codes', () => {
    expect([...'0123456789*#ABCD'].map(dtmfEventCode)).toEqual([...Array(16).keys()]);
    expect(dtmfEventCode('a')).toBe(12);
    expect(dtmfEventCode('x')).toBe(-1);
    expect(dtmfDigit(11)).toBe('#');
    expect(dtmfDigit(16)).toBeUndefined();
  });
});

describe('TelephoneEventSender', () => {
  it('sends updates then three end packets, one timestamp, marker on the first', () => {
    const s = new TelephoneEventSender({ ssrc: 0x1234, payloadType: 101, intervalMs: 50 });
    s.begin('5', 0xffffff00, 200);
    const pkts = sendAll(s, 65534);
    expect(pkts.map((p) => p.duration)).toEqual([400, 800, 1200, 1600, 1600, 1600]);
    expect(pkts.map((p) => p.end)).toEqual([false, false, false, true, true, true]);
    expect(pkts.map((p) => p.marker)).toEqual([true, false, false, false, false, false]);
    expect(new Set(pkts.map((p) => p.ts))).toEqual(new Set([0xffffff00]));
    expect(pkts.map((p) => p.seq)).toEqual([65534, 65535, 0, 1, 2, 3]);
    expect(pkts.every((p) => p.event === 5)).toBe(true);
    expect(s.active).toBe(false);
  });

  it('rounds a duration that is not a multiple of the interval up to the exact end', () => {
    const s = new TelephoneEventSender({ ssrc: 1, intervalMs: 20 });
    s.begin('#', 0, 70);
    expect(sendAll(s, 0).map((p) => p.duration)).toEqual([160, 320, 480, 560, 560, 560]);
  });

  it('splits events longer than the 16-bit duration into segments', () => {
    const s = new TelephoneEventSender({ ssrc: 1, intervalMs: 50 });
    s.begin('1', 1000, 10_000); // 80000 samples > 65535
    const pkts = sendAll(s, 0);
    const first = pkts.filter((p) => p.ts === 1000);
    const second = pkts.filter((p) => p.ts === 1000 + 65535);
    expect(first.length + second.length).toBe(pkts.length);
    expect(first.at(-1)?.duration).toBe(65535);
    expect(first.filter((p) => p.duration === 65535)).toHaveLength(3);
    expect(first.some((p) => p.end)).toBe(false);
    expect(second.at(-1)).toMatchObject({ end: true, duration: 80000 - 65535 });
    expect(pkts.filter((p) => p.marker)).toHaveLength(1);
  });

  it('rejects unknown digits', () => {
    const s = new TelephoneEventSender({ ssrc: 1 });
    expect(() => s.begin('Z', 0, 100)).toThrow(RangeError);
  });
});

describe('TelephoneEventReceiver', () => {
  function feed(rx: TelephoneEventReceiver, packets: Uint8Array[]): string[] {
    const view = new RtpPacketView();
    const reports: string[] = [];
    for (const b of packets) {
      parseRtpPacket(b, view);
      const r = rx.receive(view);
      if (r.report !== 'none') reports.push(`${r.report}:${r.digit}${r.report === 'begin' ? '' : `@${r.duration}`}`);
    }
    return reports;
  }

  function keypresses(digits: string, ssrc = 7): Uint8Array[] {
    const s = new TelephoneEventSender({ ssrc, intervalMs: 50 });
    const all: Uint8Array[] = [];
    let ts = 160_000;
    let seq = 65530;
    for (const d of digits) {
      s.begin(d, ts, 100);
      for (const p of sendAll(s, seq)) all.push(p.bytes);
      seq = (seq + 10) & 0xffff;
      ts += 8000;
    }
    return all;
  }

  it('reports each digit once despite updates and three end packets', () => {
    const rx = new TelephoneEventReceiver();
    expect(feed(rx, keypresses('1155#'))).toEqual([
      'begin:1', 'end:1@800', 'begin:1', 'end:1@800', 'begin:5', 'end:5@800', 'begin:5', 'end:5@800',
      'begin:#', 'end:#@800',
    ]);
  });

  it('ignores duplicated and reordered retransmissions of an older event', () => {
    const pkts = keypresses('12');
    // duplicate every packet and replay the first event's end after the second began
    const messy = pkts.flatMap((p) => [p, p]);
    const firstEnd = pkts[2] as Uint8Array;
    messy.splice(10, 0, firstEnd, firstEnd);
    const rx = new TelephoneEventReceiver();
    expect(feed(rx, messy)).toEqual(['begin:1', 'end:1@800', 'begin:2', 'end:2@800']);
  });

  it('reports a digit whose non-end packets were all lost (begin-end)', () => {
    const pkts = keypresses('9');
    const rx = new TelephoneEventReceiver();
    expect(feed(rx, pkts.slice(2))).toEqual(['begin-end:9@800']);
  });

  it('still reports the next digit when the end packets of the previous one were lost', () => {
    const pkts = keypresses('34');
    const rx = new TelephoneEventReceiver();
    expect(feed(rx, [pkts[0] as Uint8Array, ...pkts.slice(4)])).toEqual([
      'begin:3', 'begin:4', 'end:4@800',
    ]);
  });

  it('treats segments of a long event as one digit', () => {
    const s = new TelephoneEventSender({ ssrc: 3, intervalMs: 50 });
    s.begin('0', 0xfffff000, 10_000);
    const rx = new TelephoneEventReceiver();
    expect(feed(rx, sendAll(s, 0).map((p) => p.bytes))).toEqual(['begin:0', 'end:0@80000']);
  });

  it('keeps sources apart', () => {
    const a = keypresses('7', 1);
    const b = keypresses('7', 2);
    const rx = new TelephoneEventReceiver();
    expect(feed(rx, [...a, ...b])).toEqual(['begin:7', 'end:7@800', 'begin:7', 'end:7@800']);
  });
});

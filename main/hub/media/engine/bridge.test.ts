import { describe, expect, it } from 'vitest';
import { FakeMediaLeg } from '../../../../testing/fake-media-leg';
import { PCMU_TO_PCMA } from '../codec';
import { Bridge, startEcho } from './bridge';

const pcmu = { codec: 'PCMU' as const, payloadType: 0, telephoneEventPt: 101 };
const pcma = { codec: 'PCMA' as const, payloadType: 8, telephoneEventPt: 96 };
const frame = (v: number) => new Uint8Array(160).fill(v);

describe('Bridge', () => {
  it('relays both ways with the target leg’s SSRC and continuous numbering', () => {
    const a = new FakeMediaLeg('a', pcmu, 0xaaaa);
    const b = new FakeMediaLeg('b', pcmu, 0xbbbb);
    new Bridge(a, b);
    for (let i = 0; i < 3; i++) a.deliver({ seq: 7000 + i, ts: 900_000 + 160 * i, ssrc: 0x77, pt: 0 }, frame(i));
    b.deliver({ seq: 1, ts: 1, ssrc: 0x88, pt: 0 }, frame(9));
    expect(b.sent).toHaveLength(3);
    expect(a.sent).toHaveLength(1);
    const p = [0, 1, 2].map((i) => b.parsedSent(i));
    expect(p.map((x) => x.ssrc)).toEqual([0xbbbb, 0xbbbb, 0xbbbb]);
    expect(p.map((x) => x.sequenceNumber)).toEqual([1000, 1001, 1002]);
    expect(p[1]!.timestamp - p[0]!.timestamp).toBe(160);
    expect(p[0]!.marker).toBe(true);
    expect(p[1]!.marker).toBe(false);
    expect(a.parsedSent(0).ssrc).toBe(0xaaaa);
  });

  it('keeps seq/ts continuous when the leg is re-bridged to another source', () => {
    const a = new FakeMediaLeg('a', pcmu);
    const b = new FakeMediaLeg('b', pcmu);
    const c = new FakeMediaLeg('c', pcmu);
    const first = new Bridge(a, b);
    a.deliver({ seq: 10, ts: 1000, ssrc: 1, pt: 0 }, frame(1));
    a.deliver({ seq: 11, ts: 1160, ssrc: 1, pt: 0 }, frame(1));
    first.stop();
    new Bridge(c, b);
    c.deliver({ seq: 50_000, ts: 4_000_000_000, ssrc: 2, pt: 0 }, frame(2));
    const [x, y, z] = [0, 1, 2].map((i) => b.parsedSent(i));
    expect(z!.sequenceNumber).toBe(y!.sequenceNumber + 1);
    expect(z!.timestamp - y!.timestamp).toBeGreaterThanOrEqual(160);
    expect(z!.ssrc).toBe(x!.ssrc);
    expect(z!.marker).toBe(true);
  });

  it('transcodes PCMU to PCMA in the copy and remaps telephone-event payload types', () => {
    const a = new FakeMediaLeg('a', pcmu);
    const b = new FakeMediaLeg('b', pcma);
    new Bridge(a, b);
    a.deliver({ seq: 1, ts: 0, ssrc: 1, pt: 0 }, frame(0x10));
    a.deliver({ seq: 2, ts: 160, ssrc: 1, pt: 101, marker: true }, new Uint8Array([5, 0x0a, 0, 160]));
    const audio = b.parsedSent(0);
    expect(audio.payloadType).toBe(8);
    expect(audio.payload()[0]).toBe(PCMU_TO_PCMA[0x10]);
    const ev = b.parsedSent(1);
    expect(ev.payloadType).toBe(96);
    expect([...ev.payload()]).toEqual([5, 0x0a, 0, 160]);
  });

  it('drops events towards a leg without RFC 4733 and unknown payload types', () => {
    const a = new FakeMediaLeg('a', pcmu);
    const b = new FakeMediaLeg('b', { ...pcmu, telephoneEventPt: undefined });
    const br = new Bridge(a, b);
    a.deliver({ seq: 1, ts: 0, ssrc: 1, pt: 101 }, new Uint8Array(4));
    a.deliver({ seq: 2, ts: 0, ssrc: 1, pt: 13 }, new Uint8Array(1));
    expect(b.sent).toHaveLength(0);
    expect(br.counts.dropped).toBe(2);
  });

  it('allocates nothing per relayed packet', () => {
    const a = new FakeMediaLeg('a', pcmu);
    const b = new FakeMediaLeg('b', pcma);
    b.send = () => undefined; // the fake's capture would allocate; measure the bridge alone
    new Bridge(a, b);
    const f = frame(3);
    a.deliver({ seq: 1, ts: 0, ssrc: 1, pt: 0 }, f);
    const view = (a as unknown as { view: Parameters<NonNullable<typeof a.onPacket>>[0] }).view;
    const relay = a.onPacket!;
    for (let i = 0; i < 20_000; i++) relay(view, a); // warm up (JIT)
    // Other work in the test worker adds noise to heapUsed, never removes a real per-packet cost:
    // the quietest of three rounds is the bridge's own growth.
    const rounds: number[] = [];
    for (let round = 0; round < 3; round++) {
      globalThis.gc?.();
      const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 200_000; i++) {
        view.sequenceNumber = i & 0xffff;
        view.timestamp = i * 160;
        relay(view, a);
      }
      rounds.push(process.memoryUsage().heapUsed - before);
    }
    // 200k packets at even 16 bytes each would be 3.2 MB per round.
    expect(Math.min(...rounds)).toBeLessThan(1_000_000);
  });
});

describe('echo', () => {
  it('returns every packet to its sender on the leg’s own stream', () => {
    const a = new FakeMediaLeg('a', pcmu, 0xabc);
    const stop = startEcho(a);
    a.deliver({ seq: 5, ts: 5, ssrc: 9, pt: 0 }, frame(0x42));
    stop();
    a.deliver({ seq: 6, ts: 165, ssrc: 9, pt: 0 }, frame(0x42));
    expect(a.sent).toHaveLength(1);
    expect(a.parsedSent(0).ssrc).toBe(0xabc);
    expect(a.parsedSent(0).payload()[7]).toBe(0x42);
  });
});

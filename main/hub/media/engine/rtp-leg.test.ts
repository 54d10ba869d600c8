import { createSocket } from 'node:dgram';
import type { Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { encodePcmu } from '../codec';
import { generateDtmf } from '../dsp';
import { RtpPacketView, parseRtpPacket, writeRtpPacket } from '../rtp';
import { MediaEngine } from './media-engine';

const sockets: Socket[] = [];
async function peer(): Promise<{ s: Socket; port: number; got: Buffer[] }> {
  const s = createSocket('udp4');
  sockets.push(s);
  const got: Buffer[] = [];
  s.on('message', (m) => got.push(m));
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  return { s, port: s.address().port, got };
}
const rtp = (seq: number, pt = 0, payload = new Uint8Array(160)) => {
  const b = new Uint8Array(12 + payload.length);
  writeRtpPacket(b, 0, { marker: false, payloadType: pt, sequenceNumber: seq, timestamp: seq * 160, ssrc: 42 }, payload);
  return b;
};
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

describe('RtpLeg over real sockets', () => {
  it('allocates even ports from the range and returns them on close', async () => {
    const engine = new MediaEngine({ ports: { min: 41001, max: 41010 }, bindHost: '127.0.0.1', advertisedAddress: '127.0.0.1' });
    const fmt = { codec: 'PCMU' as const, payloadType: 0, telephoneEventPt: 101 };
    const legs = await Promise.all([1, 2, 3].map(() => engine.openRtpLeg(fmt, undefined)));
    expect(legs.map((l) => l.localPort % 2)).toEqual([0, 0, 0]);
    expect(legs.every((l) => l.localPort >= 41002 && l.localPort <= 41010)).toBe(true);
    expect(engine.pool.available).toBe(2);
    engine.close();
    expect(engine.pool.available).toBe(5);
  });

  it('latches to the first source and ignores packets from others afterwards', async () => {
    const engine = new MediaEngine({ ports: { min: 41100, max: 41199 }, bindHost: '127.0.0.1', advertisedAddress: '127.0.0.1' });
    const sdpSide = await peer();
    const real = await peer();
    const intruder = await peer();
    const leg = await engine.openRtpLeg({ codec: 'PCMU', payloadType: 0, telephoneEventPt: 101 }, { address: '127.0.0.1', port: sdpSide.port });
    const seen: number[] = [];
    leg.onPacket = (v) => seen.push(v.sequenceNumber);
    real.s.send(rtp(1), leg.localPort, '127.0.0.1');
    await wait(50);
    intruder.s.send(rtp(99), leg.localPort, '127.0.0.1');
    real.s.send(rtp(2), leg.localPort, '127.0.0.1');
    await wait(50);
    expect(seen).toEqual([1, 2]);
    // Replies go to the latched source, not to the SDP address.
    leg.outBuffer.set(rtp(7));
    leg.send(172);
    await wait(50);
    expect(real.got).toHaveLength(1);
    expect(sdpSide.got).toHaveLength(0);
    const v = new RtpPacketView();
    expect(parseRtpPacket(real.got[0]!, v)).toBe('ok');
    leg.close();
  });

  it('reports RFC 4733 digits once per event', async () => {
    const engine = new MediaEngine({ ports: { min: 41200, max: 41299 }, bindHost: '127.0.0.1', advertisedAddress: '127.0.0.1' });
    const p = await peer();
    const leg = await engine.openRtpLeg({ codec: 'PCMU', payloadType: 0, telephoneEventPt: 101 }, undefined);
    const digits: string[] = [];
    leg.onDtmf = (d, src) => digits.push(`${d}:${src}`);
    for (const [i, end] of [[0, false], [1, false], [2, true], [3, true], [4, true]] as const) {
      const b = new Uint8Array(16);
      writeRtpPacket(b, 0, { marker: i === 0, payloadType: 101, sequenceNumber: 10 + i, timestamp: 8000, ssrc: 5 }, new Uint8Array([5, end ? 0x8a : 0x0a, 0, 80 * (i + 1)]));
      p.s.send(b, leg.localPort, '127.0.0.1');
    }
    await wait(80);
    expect(digits).toEqual(['5:rfc4733']);
    leg.close();
  });

  it('detects in-band DTMF (Goertzel) on a leg that did not negotiate RFC 4733', async () => {
    const engine = new MediaEngine({ ports: { min: 41300, max: 41399 }, bindHost: '127.0.0.1', advertisedAddress: '127.0.0.1' });
    const p = await peer();
    const leg = await engine.openRtpLeg({ codec: 'PCMU', payloadType: 0, telephoneEventPt: undefined }, undefined);
    const digits: string[] = [];
    leg.onDtmf = (d, src) => digits.push(`${d}:${src}`);
    const pcm = new Int16Array(160);
    const payload = new Uint8Array(160);
    // 100 ms of "7", 60 ms of silence, 100 ms of "#".
    const plan = ['7', '7', '7', '7', '7', '', '', '', '#', '#', '#', '#', '#', '', '', ''];
    plan.forEach((d, i) => {
      if (d) generateDtmf(pcm, d, 8000);
      else pcm.fill(0);
      encodePcmu(pcm, payload);
      p.s.send(rtp(100 + i, 0, payload), leg.localPort, '127.0.0.1');
    });
    await wait(100);
    expect(digits).toEqual(['7:inband', '#:inband']);
    leg.close();
  });
});

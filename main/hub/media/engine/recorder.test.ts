import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pcmuEncodeSample } from '../codec';
import { RtpPacketView, parseRtpPacket, writeRtpPacket } from '../rtp';
import { decodeWavSamples, readWavFile } from '../wav';
import { CallRecorder } from './recorder';
import type { PcmSink } from './recorder';

class ArraySink implements PcmSink {
  readonly samples: number[] = [];
  write(s: Int16Array, offset: number, length: number): void {
    for (let i = 0; i < length; i++) this.samples.push(s[offset + i] as number);
  }
  async close() {
    return { dataBytes: this.samples.length * 2, frames: this.samples.length / 2, durationMs: this.samples.length / 16 };
  }
}

const view = new RtpPacketView();
const buf = new Uint8Array(200);
function packet(ts: number, ssrc: number, level: number): RtpPacketView {
  writeRtpPacket(buf, 0, { marker: false, payloadType: 0, sequenceNumber: 0, timestamp: ts >>> 0, ssrc }, new Uint8Array(160).fill(pcmuEncodeSample(level)));
  parseRtpPacket(buf, view, 0, 172);
  return view;
}
const left = (s: number[], frame: number) => s[frame * 2]!;
const right = (s: number[], frame: number) => s[frame * 2 + 1]!;

describe('CallRecorder', () => {
  it('places packets by RTP timestamp, not arrival: jitter does not move audio', async () => {
    const sink = new ArraySink();
    const rec = new CallRecorder(sink);
    rec.push(0, packet(1000, 1, 8000), 'PCMU', 0);
    // Next packet arrives 35 ms late but its timestamp says +20 ms: it lands at frame 160.
    rec.push(0, packet(1160, 1, -8000), 'PCMU', 55);
    await rec.close();
    expect(sink.samples.length).toBe(320 * 2);
    expect(left(sink.samples, 159)).toBeGreaterThan(7000);
    expect(left(sink.samples, 160)).toBeLessThan(-7000);
    expect(right(sink.samples, 10)).toBe(0);
  });

  it('aligns the two channels on one wall clock and fills gaps with silence', async () => {
    const sink = new ArraySink();
    const rec = new CallRecorder(sink);
    rec.push(0, packet(5, 1, 4000), 'PCMU', 0);
    // The agent's first packet arrives 100 ms later with an unrelated timestamp base.
    rec.push(1, packet(777_777, 2, -4000), 'PCMU', 100);
    await rec.close();
    expect(right(sink.samples, 799)).toBe(0);
    expect(right(sink.samples, 800)).toBeLessThan(-3000);
    expect(left(sink.samples, 800)).toBe(0);
  });

  it('re-anchors when a new source (a transferred-to agent) takes the channel', async () => {
    const sink = new ArraySink();
    const rec = new CallRecorder(sink);
    rec.push(1, packet(0, 10, 3000), 'PCMU', 0);
    rec.push(1, packet(123_456, 11, -3000), 'PCMU', 500);
    await rec.close();
    expect(right(sink.samples, 100)).toBeGreaterThan(2500);
    expect(right(sink.samples, 3999)).toBe(0);
    expect(right(sink.samples, 4000)).toBeLessThan(-2500);
  });

  it('writes a stereo 8 kHz WAV that our reader decodes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'bl-rec-')), 'call.wav');
    const rec = await CallRecorder.open(path);
    for (let i = 0; i < 100; i++) {
      rec.push(0, packet(i * 160, 1, 5000), 'PCMU', i * 20);
      rec.push(1, packet(9 + i * 160, 2, -5000), 'PCMA', i * 20);
    }
    const result = await rec.close();
    const wav = await readWavFile(path);
    expect(wav.info).toMatchObject({ channels: 2, sampleRate: 8000, bitsPerSample: 16 });
    expect(result.frames).toBe(16000);
    const pcm = decodeWavSamples(wav);
    expect(pcm[2000 * 2]).toBeGreaterThan(4000);
  });
});

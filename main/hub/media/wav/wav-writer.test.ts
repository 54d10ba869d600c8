import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameDbfs } from '../dsp/energy';
import { ToneGenerator } from '../dsp/tone-generator';
import { WavError } from './wav-error';
import { decodeWavSamples, readWavFile } from './wav-reader';
import { WavWriter } from './wav-writer';

const dir = mkdtempSync(join(tmpdir(), 'bl-wavw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WavWriter', () => {
  it('streams 20 ms frames and patches the header on close (checked by sox and our reader)', async () => {
    const p = join(dir, 'rec.wav');
    const w = await WavWriter.open(p, { bufferBytes: 1000 }); // force many partial flushes
    const g = new ToneGenerator();
    g.setTone(1000, 3276.8); // -20 dBFS
    const frame = new Int16Array(160);
    for (let i = 0; i < 150; i++) {
      g.generate(frame);
      w.write(frame);
    }
    const res = await w.close();
    expect(res).toEqual({ dataBytes: 48000, frames: 24000, durationMs: 3000 });
    const soxi = execFileSync('soxi', ['-D', p]).toString().trim();
    expect(Number(soxi)).toBe(3);
    const wav = await readWavFile(p);
    expect(wav.info).toMatchObject({ encoding: 'pcm16', channels: 1, sampleRate: 8000, frames: 24000, truncated: false });
    const pcm = decodeWavSamples(wav);
    expect(frameDbfs(pcm)).toBeCloseTo(-20, 1);
    // continuity: no frame-boundary glitches after the buffer swaps
    let maxStep = 0;
    for (let i = 1; i < pcm.length; i++) maxStep = Math.max(maxStep, Math.abs((pcm[i] as number) - (pcm[i - 1] as number)));
    expect(maxStep).toBeLessThan(3276.8 * 0.8);
  });

  it('writes stereo (caller left, agent right)', async () => {
    const p = join(dir, 'stereo.wav');
    const w = await WavWriter.open(p, { channels: 2 });
    const frame = new Int16Array(320);
    for (let i = 0; i < 160; i++) {
      frame[2 * i] = 1000;
      frame[2 * i + 1] = -1000;
    }
    for (let i = 0; i < 50; i++) w.write(frame);
    expect(await w.close()).toMatchObject({ frames: 8000, durationMs: 1000 });
    expect(execFileSync('soxi', ['-c', p]).toString().trim()).toBe('2');
    const pcm = decodeWavSamples(await readWavFile(p));
    expect([pcm[0], pcm[1], pcm.at(-2), pcm.at(-1)]).toEqual([1000, -1000, 1000, -1000]);
  });

  it('produces a valid empty file and refuses writes after close', async () => {
    const p = join(dir, 'empty.wav');
    const w = await WavWriter.open(p);
    expect(await w.close()).toEqual({ dataBytes: 0, frames: 0, durationMs: 0 });
    expect((await readWavFile(p)).info.frames).toBe(0);
    expect(() => w.write(new Int16Array(160))).toThrow(WavError);
    await expect(w.close()).rejects.toThrow(WavError);
  });
});

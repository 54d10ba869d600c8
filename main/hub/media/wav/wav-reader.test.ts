import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { frameDbfs } from '../dsp/energy';
import { WavError } from './wav-error';
import { decodeWavSamples, parseWav, readWavFile } from './wav-reader';

const dir = mkdtempSync(join(tmpdir(), 'bl-wav-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sox(args: string[]): void {
  execFileSync('sox', args, { stdio: 'pipe' });
}

/** Build a RIFF chunk (with pad byte when odd). */
function chunk(id: string, body: Uint8Array): Buffer {
  const h = Buffer.alloc(8);
  h.write(id, 0, 'latin1');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body, body.length & 1 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}

function riff(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  const h = Buffer.alloc(8);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(body.length, 4);
  return Buffer.concat([h, body]);
}

function fmt(tag: number, channels: number, rate: number, bits: number): Buffer {
  const b = Buffer.alloc(16);
  const align = (channels * bits) / 8;
  b.writeUInt16LE(tag, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE(rate * align, 8);
  b.writeUInt16LE(align, 12);
  b.writeUInt16LE(bits, 14);
  return chunk('fmt ', b);
}

function expectWavError(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(WavError);
    expect((err as WavError).code).toBe(code);
    return;
  }
  throw new Error(`expected ${code}`);
}

describe('wav-reader with files made by sox', () => {
  it("reads sox's default output (32-bit WAVE_FORMAT_EXTENSIBLE) from the brief's command", async () => {
    const p = join(dir, 'x.wav');
    sox(['-n', '-r', '8000', '-c', '1', p, 'synth', '1', 'sine', '1000']);
    const wav = await readWavFile(p);
    expect(wav.info).toMatchObject({ encoding: 'pcm32', formatTag: 1, channels: 1, sampleRate: 8000, frames: 8000 });
    expect(wav.info.durationMs).toBe(1000);
    expect(wav.info.chunks).toContain('fact');
    expect(frameDbfs(decodeWavSamples(wav))).toBeGreaterThan(-6); // sox synth leaves some headroom
  });

  it.each([
    ['pcm16', ['-b', '16'], 1],
    ['pcmu', ['-e', 'mu-law'], 7],
    ['pcma', ['-e', 'a-law'], 6],
  ] as const)('reads %s at 8 kHz with the right duration and level', (encoding, enc, tag) => {
    const p = join(dir, `tone-${encoding}.wav`);
    sox(['-n', '-r', '8000', '-c', '1', ...enc, p, 'synth', '1.5', 'sine', '1004', 'vol', '0.1']);
    const wav = parseWav(readFileSync(p));
    expect(wav.info.encoding).toBe(encoding);
    expect(wav.info.formatTag).toBe(tag);
    expect(wav.info.durationMs).toBe(1500);
    const pcm = decodeWavSamples(wav);
    expect(pcm.length).toBe(12000);
    expect(frameDbfs(pcm)).toBeCloseTo(-20, 0); // vol 0.1 = -20 dB
  });

  it('reads stereo files as interleaved samples', () => {
    const p = join(dir, 'stereo.wav');
    sox(['-D', '-n', '-r', '8000', '-c', '2', '-b', '16', p, 'synth', '0.25', 'sine', '440', 'sine', '880', 'remix', '1', '2v0']);
    const wav = parseWav(readFileSync(p));
    expect(wav.info.channels).toBe(2);
    expect(wav.info.frames).toBe(2000);
    const pcm = decodeWavSamples(wav);
    let left = 0;
    let right = 0;
    for (let i = 0; i < pcm.length; i += 2) {
      left += Math.abs(pcm[i] as number);
      right += Math.abs(pcm[i + 1] as number);
    }
    expect(left).toBeGreaterThan(1000 * 2000);
    expect(right).toBe(0);
  });

  it('reads espeak-ng speech resampled to 8 kHz: duration and speech energy', () => {
    const p = join(dir, 'speech.wav');
    const speech = execFileSync('espeak-ng', ['-v', 'cmn', '--stdout', '您的账户余额为一万二千三百四十五元六角七分'], {
      maxBuffer: 1 << 26,
    });
    execFileSync('sox', ['-t', 'wav', '-', '-r', '8000', '-c', '1', '-b', '16', p], { input: speech });
    const src = parseWav(speech, { sampleRate: null });
    expect(src.info.sampleRate).toBe(22050);
    const wav = parseWav(readFileSync(p));
    expect(wav.info.durationMs).toBeCloseTo(src.info.durationMs, -1);
    expect(wav.info.durationMs).toBeGreaterThan(1500);
    const pcm = decodeWavSamples(wav);
    let loud = 0;
    for (let i = 0; i + 160 <= pcm.length; i += 160) if (frameDbfs(pcm, i, 160) > -40) loud++;
    expect(loud).toBeGreaterThan(pcm.length / 160 / 3); // speech present in a good share of frames
  });

  it('rejects a 16 kHz file with a typed sample-rate error', () => {
    const p = join(dir, 'wide.wav');
    sox(['-n', '-r', '16000', '-c', '1', '-b', '16', p, 'synth', '0.1', 'sine', '1000']);
    expectWavError(() => parseWav(readFileSync(p)), 'BL_ERR_MEDIA_WAV_SAMPLE_RATE');
    expect(parseWav(readFileSync(p), { sampleRate: 16000 }).info.frames).toBe(1600);
  });
});

describe('wav-reader chunk handling', () => {
  const pcm = Buffer.alloc(320);
  for (let i = 0; i < 160; i++) pcm.writeInt16LE(i * 10, i * 2);

  it('skips LIST/INFO and odd-sized chunks with their pad byte', () => {
    const info = Buffer.concat([Buffer.from('INFO', 'latin1'), chunk('INAM', Buffer.from('欢迎\0', 'utf8')), chunk('ICMT', Buffer.from('ivr\0'))]);
    const file = riff(fmt(1, 1, 8000, 16), chunk('LIST', info), chunk('junk', Buffer.from([1, 2, 3])), chunk('data', pcm));
    const wav = parseWav(file);
    expect(wav.info.chunks).toEqual(['fmt ', 'LIST', 'junk', 'data']);
    expect(wav.info.info).toEqual({ INAM: '欢迎', ICMT: 'ivr' });
    expect(wav.info.frames).toBe(160);
    expect(decodeWavSamples(wav)[159]).toBe(1590);
  });

  it('handles an odd-sized 8-bit data chunk followed by more chunks', () => {
    const ulaw = Buffer.alloc(161, 0xff);
    const file = riff(fmt(7, 1, 8000, 8), chunk('data', ulaw), chunk('LIST', Buffer.from('INFOxxxx\0\0\0\0')));
    const wav = parseWav(file);
    expect(wav.info.frames).toBe(161);
    expect(wav.info.chunks).toEqual(['fmt ', 'data', 'LIST']);
    expect(decodeWavSamples(wav).every((s) => s === 0)).toBe(true);
  });

  it('recovers a recording whose header was never patched', () => {
    const file = riff(fmt(1, 1, 8000, 16), chunk('data', pcm));
    file.writeUInt32LE(0xffffffff, file.length - pcm.length - 4);
    const wav = parseWav(file);
    expect(wav.info.truncated).toBe(true);
    expect(wav.info.frames).toBe(160);
  });

  it('rejects non-WAV and unsupported input with typed errors', () => {
    expectWavError(() => parseWav(Buffer.from('ID3\x04 not a wav at all')), 'BL_ERR_MEDIA_WAV_NOT_RIFF');
    expectWavError(() => parseWav(riff(chunk('data', pcm))), 'BL_ERR_MEDIA_WAV_NO_FMT');
    expectWavError(() => parseWav(riff(fmt(1, 1, 8000, 16))), 'BL_ERR_MEDIA_WAV_NO_DATA');
    expectWavError(() => parseWav(riff(fmt(2, 1, 8000, 4), chunk('data', pcm))), 'BL_ERR_MEDIA_WAV_UNSUPPORTED_FORMAT');
    expectWavError(() => parseWav(riff(fmt(7, 1, 8000, 16), chunk('data', pcm))), 'BL_ERR_MEDIA_WAV_UNSUPPORTED_FORMAT');
  });
});

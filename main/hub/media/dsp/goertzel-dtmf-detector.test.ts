import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { dbfsToSineAmplitude } from './energy';
import { GoertzelDtmfDetector, type GoertzelDtmfDetectorOptions } from './goertzel-dtmf-detector';
import { ToneGenerator } from './tone-generator';

const ALL_KEYS = '123A456B789C*0#D';

/** Deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaussian white noise with the given RMS, added into `buf`. */
function addNoise(buf: Int16Array, rms: number, rand: () => number): void {
  for (let i = 0; i < buf.length; i++) {
    const g = Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
    const v = (buf[i] as number) + g * rms;
    buf[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : Math.round(v);
  }
}

interface DialOptions {
  toneMs?: number;
  gapMs?: number;
  lowDbfs?: number;
  highDbfs?: number;
  leadMs?: number;
}

/** Render a key sequence as PCM: lead silence, then tone/gap per key. */
function dial(keys: string, o: DialOptions = {}): Int16Array {
  const toneN = ((o.toneMs ?? 60) * 8000) / 1000;
  const gapN = ((o.gapMs ?? 60) * 8000) / 1000;
  const lead = ((o.leadMs ?? 37) * 8000) / 1000;
  const pcm = new Int16Array(lead + keys.length * (toneN + gapN) + 800);
  const g = new ToneGenerator();
  let pos = lead;
  for (const k of keys) {
    g.setDtmf(k, dbfsToSineAmplitude(o.lowDbfs ?? -10), dbfsToSineAmplitude(o.highDbfs ?? o.lowDbfs ?? -10));
    g.generate(pcm, pos, toneN);
    g.stop();
    pos += toneN + gapN;
  }
  return pcm;
}

/** Feed in 160-sample frames as the hub does. */
function detect(pcm: Int16Array, options?: GoertzelDtmfDetectorOptions, frame = 160): string {
  const d = new GoertzelDtmfDetector(options);
  let out = '';
  for (let i = 0; i + frame <= pcm.length; i += frame) out += d.process(pcm, i, frame);
  return out;
}

describe('GoertzelDtmfDetector', () => {
  it('detects every key exactly once', () => {
    expect(detect(dial(ALL_KEYS))).toBe(ALL_KEYS);
  });

  it('detects the same key pressed repeatedly, with 40 ms tones and 40 ms gaps', () => {
    for (const lead of [0, 3, 7, 11, 17, 29]) {
      expect(detect(dial('5555', { toneMs: 40, gapMs: 40, leadMs: lead }))).toBe('5555');
      expect(detect(dial(ALL_KEYS, { toneMs: 40, gapMs: 40, leadMs: lead }))).toBe(ALL_KEYS);
    }
  });

  it('does not depend on frame size', () => {
    const pcm = dial('0123456789');
    for (const f of [1, 80, 102, 160, 240, 333]) expect(detect(pcm, undefined, f)).toBe('0123456789');
  });

  it('works for attenuated tones and with twist inside the limits', () => {
    expect(detect(dial(ALL_KEYS, { lowDbfs: -30 }))).toBe(ALL_KEYS);
    expect(detect(dial(ALL_KEYS, { lowDbfs: -16, highDbfs: -10 }))).toBe(ALL_KEYS); // +6 dB normal twist
    expect(detect(dial(ALL_KEYS, { lowDbfs: -10, highDbfs: -14 }))).toBe(ALL_KEYS); // 4 dB reverse twist
  });

  it('works in white noise (SNR 15 dB per tone)', () => {
    const rand = rng(42);
    for (let trial = 0; trial < 5; trial++) {
      const pcm = dial(ALL_KEYS, { lowDbfs: -20, leadMs: trial * 5 });
      // tone RMS at -20 dBFS is 2317; noise 15 dB below
      addNoise(pcm, 2317 / 10 ** (15 / 20), rand);
      expect(detect(pcm)).toBe(ALL_KEYS);
    }
  });

  it('rejects tones below the level threshold, excessive twist and too-short blips', () => {
    expect(detect(dial(ALL_KEYS, { lowDbfs: -45 }))).toBe('');
    expect(detect(dial(ALL_KEYS, { lowDbfs: -25, highDbfs: -10 }))).toBe(''); // 15 dB normal twist
    expect(detect(dial(ALL_KEYS, { lowDbfs: -10, highDbfs: -22 }))).toBe(''); // 12 dB reverse twist
    expect(detect(dial(ALL_KEYS, { toneMs: 15, gapMs: 100 }))).toBe('');
  });

  it('does not bridge a brief dropout inside one key into two presses', () => {
    const pcm = dial('7', { toneMs: 200 });
    // 5 ms hole in the middle of the tone (a lost packet concealed with silence)
    pcm.fill(0, 296 + 800, 296 + 840);
    expect(detect(pcm)).toBe('7');
    expect(detect(dial('8', { toneMs: 2000 }))).toBe('8'); // a held key is one press
  });

  it('reports a key change without a gap as two keys', () => {
    expect(detect(dial('12', { toneMs: 80, gapMs: 0 }))).toBe('12');
  });

  describe('talk-off', () => {
    it('ignores single tones, dial tone and busy tone', () => {
      const pcm = new Int16Array(8000 * 3);
      const g = new ToneGenerator();
      g.setTone(1000, 10000);
      g.generate(pcm, 0, 8000);
      g.setTone(350, 6000, 440, 6000); // dial tone
      g.generate(pcm, 8000, 8000);
      g.setTone(697, 10000); // a row tone alone
      g.generate(pcm, 16000, 4000);
      g.setTone(1336, 10000);
      g.generate(pcm, 20000, 4000);
      expect(detect(pcm)).toBe('');
    });

    it('ignores harmonic-rich voiced-speech-like signals over a range of pitches', () => {
      let hits = '';
      for (let f0 = 80; f0 <= 400; f0 += 3.7) {
        const pcm = new Int16Array(4000);
        for (let i = 0; i < pcm.length; i++) {
          let v = 0;
          // glottal-like spectrum: harmonics falling 6 dB/octave, with a formant bump
          for (let h = 1; f0 * h < 3600; h++) {
            const f = f0 * h;
            const formant = 1 + 2 * Math.exp(-(((f - 700) / 200) ** 2)) + 1.5 * Math.exp(-(((f - 1200) / 250) ** 2));
            v += ((3000 * formant) / h) * Math.sin((2 * Math.PI * f * i) / 8000 + h);
          }
          pcm[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        hits += detect(pcm);
      }
      expect(hits).toBe('');
    });

    it('ignores white noise at several levels', () => {
      const rand = rng(7);
      for (const rms of [100, 1000, 5000, 12000]) {
        const pcm = new Int16Array(8000 * 2);
        addNoise(pcm, rms, rand);
        expect(detect(pcm)).toBe('');
      }
    });

    it('ignores real synthetic speech (espeak-ng through sox, 8 kHz)', () => {
      let hits = '';
      for (const [voice, text] of [
        ['cmn', '您好，欢迎致电分行客户服务中心，查询余额请按一，转人工服务请按零。'],
        ['en-us', 'Thank you for calling. Please hold while we connect you to the next available agent.'],
      ] as const) {
        let raw: Buffer;
        try {
          const wav = execFileSync('espeak-ng', ['-v', voice, '--stdout', text], { maxBuffer: 1 << 26 });
          raw = execFileSync('sox', ['-t', 'wav', '-', '-t', 'raw', '-r', '8000', '-c', '1', '-e', 'signed', '-b', '16', '-'], {
            input: wav,
            maxBuffer: 1 << 26,
          });
        } catch {
          return; // tools missing: covered by the synthetic talk-off cases above
        }
        const pcm = new Int16Array(raw.buffer, raw.byteOffset, raw.length >> 1);
        expect(pcm.length).toBeGreaterThan(8000);
        hits += detect(pcm);
      }
      expect(hits).toBe('');
    });
  });
});

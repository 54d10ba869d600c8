/**
 * Checks on WAV files for tests: the level of one tone (Goertzel over the whole channel) and the
 * overall RMS, per channel, through our own wav-reader and energy helpers.
 */
import { frameRms, rmsToDbfs } from '../main/hub/media/dsp';
import { decodeWavSamples, readWavFile } from '../main/hub/media/wav';

export interface ToneLevel {
  /** dBFS of the whole channel. */
  readonly rmsDb: number;
  /** dBFS of the component at `frequency` (a full-scale sine reads about −3). */
  readonly toneDb: number;
  readonly seconds: number;
}

export async function toneLevel(path: string, channel: number, frequency: number): Promise<ToneLevel> {
  const wav = await readWavFile(path);
  const all = decodeWavSamples(wav);
  const ch = wav.info.channels;
  const n = Math.floor(all.length / ch);
  const x = new Int16Array(n);
  for (let i = 0; i < n; i++) x[i] = all[i * ch + channel] as number;
  const w = (2 * Math.PI * frequency) / wav.info.sampleRate;
  const coef = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s = (x[i] as number) + coef * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  const power = s1 * s1 + s2 * s2 - coef * s1 * s2;
  const amplitude = (2 * Math.sqrt(Math.max(power, 0))) / Math.max(n, 1);
  return { rmsDb: rmsToDbfs(frameRms(x)), toneDb: rmsToDbfs(amplitude / Math.SQRT2), seconds: n / wav.info.sampleRate };
}

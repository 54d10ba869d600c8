/**
 * Sources of 8 kHz linear audio for the player: a WAV prompt (looped or once), a steady tone,
 * and the hold melody. `read()` fills exactly `length` samples and returns false when a
 * non-looping source is finished.
 */
import { generateSine, ToneGenerator } from '../dsp';
import { decodeWavSamples, readWavFile } from '../wav';

export interface PcmSource {
  read(out: Int16Array, length: number): boolean;
}

/** A decoded 8 kHz mono prompt. */
export class BufferSource implements PcmSource {
  private pos = 0;

  constructor(
    private readonly samples: Int16Array,
    private readonly loop = false,
  ) {}

  static async fromWav(path: string, loop = false): Promise<BufferSource> {
    const wav = await readWavFile(path);
    if (wav.info.sampleRate !== 8000) throw new Error(`${path}: prompts must be 8 kHz (is ${wav.info.sampleRate})`);
    let pcm = decodeWavSamples(wav);
    if (wav.info.channels > 1) {
      const ch = wav.info.channels;
      const mono = new Int16Array(Math.floor(pcm.length / ch));
      for (let i = 0; i < mono.length; i++) mono[i] = pcm[i * ch] as number;
      pcm = mono;
    }
    return new BufferSource(pcm, loop);
  }

  read(out: Int16Array, length: number): boolean {
    for (let i = 0; i < length; i++) {
      if (this.pos >= this.samples.length) {
        if (!this.loop || this.samples.length === 0) {
          out.fill(0, i, length);
          return i > 0;
        }
        this.pos = 0;
      }
      out[i] = this.samples[this.pos++] as number;
    }
    return true;
  }
}

/** A continuous tone (the 9197 test service: 1 kHz). */
export class ToneSource implements PcmSource {
  private readonly gen = new ToneGenerator(8000);

  constructor(frequency: number, amplitude: number) {
    this.gen.setTone(frequency, amplitude);
  }

  read(out: Int16Array, length: number): boolean {
    this.gen.generate(out, 0, length);
    return true;
  }
}

/**
 * Hold music when no `moh.wav` is installed: a slow, soft arpeggio (C major 7, each note 400 ms
 * with a fade in and out, then a rest), pleasant enough to tell the caller the line is alive.
 */
export class MelodySource implements PcmSource {
  private static readonly NOTES = [523.25, 659.25, 783.99, 987.77, 783.99, 659.25];
  private static readonly NOTE = 3200;
  private static readonly REST = 1600;
  private readonly note = new Int16Array(MelodySource.NOTE);
  private readonly notes: Int16Array[];
  private index = 0;
  private pos = 0;

  constructor(amplitude = 3000) {
    this.notes = MelodySource.NOTES.map((f) => {
      const n = new Int16Array(MelodySource.NOTE + MelodySource.REST);
      generateSine(this.note, f, amplitude);
      for (let i = 0; i < MelodySource.NOTE; i++) {
        const env = Math.min(1, i / 400, (MelodySource.NOTE - i) / 800);
        n[i] = Math.round((this.note[i] as number) * env);
      }
      return n;
    });
  }

  read(out: Int16Array, length: number): boolean {
    for (let i = 0; i < length; i++) {
      const cur = this.notes[this.index] as Int16Array;
      out[i] = cur[this.pos++] as number;
      if (this.pos >= cur.length) {
        this.pos = 0;
        this.index = (this.index + 1) % this.notes.length;
      }
    }
    return true;
  }
}

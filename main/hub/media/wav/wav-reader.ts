/**
 * WAV (RIFF/WAVE) parser for prompts and recordings.
 *
 * Walks the chunk list instead of assuming a 44-byte header: real files carry `LIST`/`INFO`,
 * `fact`, `bext`, `cue ` chunks, WAVE_FORMAT_EXTENSIBLE `fmt ` chunks (sox writes one for anything
 * over 16 bits), and RIFF word alignment: an odd-sized chunk is followed by one zero pad byte that
 * its size field does not count.
 *
 * The hub plays and records 8 kHz only; anything else is rejected with
 * `BL_ERR_MEDIA_WAV_SAMPLE_RATE` rather than resampled.
 */
import { readFile } from 'node:fs/promises';
import { PCMA_DECODE_TABLE } from '../codec/pcma';
import { PCMU_DECODE_TABLE } from '../codec/pcmu';
import { WavError } from './wav-error';

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'pcmu' | 'pcma';

export interface WavInfo {
  encoding: WavEncoding;
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign: number;
  /** Sample frames (one sample per channel). */
  frames: number;
  durationMs: number;
  /** Chunk ids in file order, e.g. ['fmt ', 'LIST', 'data']. */
  chunks: string[];
  /** LIST/INFO text fields (INAM, ICMT, …) when present. */
  info: Record<string, string>;
  /** The data chunk claimed more bytes than the file holds (a recording cut short). */
  truncated: boolean;
}

export interface WavFile {
  info: WavInfo;
  /** Raw sample bytes of the data chunk (a view into the input). */
  data: Uint8Array;
}

export interface ParseWavOptions {
  /** Required sample rate; default 8000. `null` accepts any. */
  sampleRate?: number | null;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_ALAW = 6;
const WAVE_FORMAT_MULAW = 7;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

export function parseWav(bytes: Uint8Array, options: ParseWavOptions = {}): WavFile {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12 || fourcc(bytes, 0) !== 'RIFF' || fourcc(bytes, 8) !== 'WAVE') {
    throw new WavError('BL_ERR_MEDIA_WAV_NOT_RIFF', 'not a RIFF/WAVE file');
  }
  const chunks: string[] = [];
  const info: Record<string, string> = {};
  let fmt: { tag: number; channels: number; rate: number; blockAlign: number; bits: number } | undefined;
  let data: Uint8Array | undefined;
  let truncated = false;
  let pos = 12;
  while (pos + 8 <= bytes.length) {
    const id = fourcc(bytes, pos);
    const size = dv.getUint32(pos + 4, true);
    const body = pos + 8;
    chunks.push(id);
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) throw new WavError('BL_ERR_MEDIA_WAV_TRUNCATED', 'fmt chunk too short');
      let tag = dv.getUint16(body, true);
      if (tag === WAVE_FORMAT_EXTENSIBLE) {
        // WAVEFORMATEXTENSIBLE: cbSize(2) validBits(2) channelMask(4) then the SubFormat GUID,
        // whose first two bytes are the plain format tag.
        if (size < 40 || body + 26 > bytes.length) throw new WavError('BL_ERR_MEDIA_WAV_TRUNCATED', 'extensible fmt too short');
        tag = dv.getUint16(body + 24, true);
      }
      fmt = {
        tag,
        channels: dv.getUint16(body + 2, true),
        rate: dv.getUint32(body + 4, true),
        blockAlign: dv.getUint16(body + 12, true),
        bits: dv.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      let end = body + size;
      if (end > bytes.length) {
        // Streaming writers leave 0 or 0xFFFFFFFF when killed before patching the header.
        truncated = true;
        end = bytes.length;
      }
      data = bytes.subarray(body, end);
    } else if (id === 'LIST' && body + 4 <= bytes.length && fourcc(bytes, body) === 'INFO') {
      readInfo(bytes, dv, body + 4, Math.min(body + size, bytes.length), info);
    }
    // Odd-sized chunks are followed by a pad byte not counted in their size.
    pos = body + size + (size & 1);
    if (data && truncated) break;
  }
  if (!fmt) throw new WavError('BL_ERR_MEDIA_WAV_NO_FMT', 'WAV has no fmt chunk');
  if (!data) throw new WavError('BL_ERR_MEDIA_WAV_NO_DATA', 'WAV has no data chunk');
  const encoding = encodingOf(fmt.tag, fmt.bits);
  if (!encoding || fmt.channels < 1 || fmt.blockAlign < 1) {
    throw new WavError(
      'BL_ERR_MEDIA_WAV_UNSUPPORTED_FORMAT',
      `unsupported WAV format tag ${fmt.tag} with ${fmt.bits} bits, ${fmt.channels} channels`,
    );
  }
  const wanted = options.sampleRate === undefined ? 8000 : options.sampleRate;
  if (wanted !== null && fmt.rate !== wanted) {
    throw new WavError(
      'BL_ERR_MEDIA_WAV_SAMPLE_RATE',
      `WAV is ${fmt.rate} Hz; prompts and recordings must be ${wanted} Hz (convert with: sox in.wav -r ${wanted} out.wav)`,
    );
  }
  const frames = Math.floor(data.length / fmt.blockAlign);
  return {
    info: {
      encoding,
      formatTag: fmt.tag,
      channels: fmt.channels,
      sampleRate: fmt.rate,
      bitsPerSample: fmt.bits,
      blockAlign: fmt.blockAlign,
      frames,
      durationMs: (frames * 1000) / fmt.rate,
      chunks,
      info,
      truncated,
    },
    data,
  };
}

/** Read and parse a file. */
export async function readWavFile(path: string, options?: ParseWavOptions): Promise<WavFile> {
  return parseWav(await readFile(path), options);
}

/**
 * Decode the data chunk to interleaved 16-bit linear samples (allocates one Int16Array: this is
 * prompt loading, not the per-packet path).
 */
export function decodeWavSamples(file: WavFile): Int16Array {
  const { encoding, channels, frames, blockAlign } = file.info;
  const d = file.data;
  const n = frames * channels;
  const out = new Int16Array(n);
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  const bytesPer = blockAlign / channels;
  for (let i = 0; i < n; i++) {
    const p = i * bytesPer;
    switch (encoding) {
      case 'pcm8': // unsigned, 128 = zero
        out[i] = ((d[p] as number) - 128) << 8;
        break;
      case 'pcm16':
        out[i] = dv.getInt16(p, true);
        break;
      case 'pcm24':
        out[i] = dv.getInt16(p + 1, true);
        break;
      case 'pcm32':
        out[i] = dv.getInt16(p + 2, true);
        break;
      case 'float32': {
        const v = Math.round(dv.getFloat32(p, true) * 32768);
        out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
        break;
      }
      case 'pcmu':
        out[i] = PCMU_DECODE_TABLE[d[p] as number] as number;
        break;
      case 'pcma':
        out[i] = PCMA_DECODE_TABLE[d[p] as number] as number;
        break;
    }
  }
  return out;
}

function encodingOf(tag: number, bits: number): WavEncoding | undefined {
  if (tag === WAVE_FORMAT_PCM) {
    if (bits === 8) return 'pcm8';
    if (bits === 16) return 'pcm16';
    if (bits === 24) return 'pcm24';
    if (bits === 32) return 'pcm32';
  }
  if (tag === WAVE_FORMAT_IEEE_FLOAT && bits === 32) return 'float32';
  if (tag === WAVE_FORMAT_MULAW && bits === 8) return 'pcmu';
  if (tag === WAVE_FORMAT_ALAW && bits === 8) return 'pcma';
  return undefined;
}

function readInfo(bytes: Uint8Array, dv: DataView, pos: number, end: number, out: Record<string, string>): void {
  while (pos + 8 <= end) {
    const id = fourcc(bytes, pos);
    const size = dv.getUint32(pos + 4, true);
    const stop = Math.min(pos + 8 + size, end);
    let text = Buffer.from(bytes.subarray(pos + 8, stop)).toString('utf8');
    const nul = text.indexOf('\0');
    if (nul >= 0) text = text.slice(0, nul);
    out[id] = text;
    pos += 8 + size + (size & 1);
  }
}

function fourcc(b: Uint8Array, p: number): string {
  return String.fromCharCode(b[p] as number, b[p + 1] as number, b[p + 2] as number, b[p + 3] as number);
}

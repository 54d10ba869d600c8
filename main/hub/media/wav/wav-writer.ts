/**
 * Streaming WAV writer for call recordings: 16-bit PCM, mono or stereo (caller/agent on L/R),
 * 8 kHz by default.
 *
 * `write()` is called from the media clock every 20 ms, so it only copies samples into a
 * preallocated buffer; full buffers are written by the file handle asynchronously (positional
 * writes, in order). `close()` drains them and patches the RIFF and data sizes in the header, which
 * hold a placeholder until then. A crash before `close()` leaves a file whose data size is 0; the
 * reader recovers such files as `truncated`.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { WavError } from './wav-error';

export interface WavWriterOptions {
  sampleRate?: number;
  channels?: 1 | 2;
  /** Bytes per write to disk (default 64 KiB ≈ 4 s of 8 kHz mono). */
  bufferBytes?: number;
}

export interface WavWriterResult {
  dataBytes: number;
  frames: number;
  durationMs: number;
}

const HEADER_BYTES = 44;
const MAX_DATA = 0xffffffff - 36;

export class WavWriter {
  readonly sampleRate: number;
  readonly channels: 1 | 2;
  private readonly fh: FileHandle;
  private readonly bufferBytes: number;
  private readonly free: Buffer[] = [];
  private current: Buffer;
  private used = 0;
  private filePos = HEADER_BYTES;
  private dataBytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private failure: Error | undefined;
  private closed = false;

  private constructor(fh: FileHandle, options: WavWriterOptions) {
    this.fh = fh;
    this.sampleRate = options.sampleRate ?? 8000;
    this.channels = options.channels ?? 1;
    const bb = options.bufferBytes ?? 65536;
    this.bufferBytes = bb - (bb % 4) || 4;
    this.current = Buffer.allocUnsafeSlow(this.bufferBytes);
  }

  /** Create (truncate) `path` and write a placeholder header. */
  static async open(path: string, options: WavWriterOptions = {}): Promise<WavWriter> {
    const fh = await open(path, 'w');
    const w = new WavWriter(fh, options);
    try {
      await fh.write(w.header(0), 0, HEADER_BYTES, 0);
    } catch (err) {
      await fh.close();
      throw err;
    }
    return w;
  }

  /** Samples written so far (frames = samples / channels). */
  get bytesWritten(): number {
    return this.dataBytes;
  }

  /**
   * Append interleaved samples. Synchronous and allocation-free in steady state; I/O errors are
   * reported by `close()`.
   */
  write(samples: Int16Array, offset = 0, length = samples.length - offset): void {
    if (this.closed) throw new WavError('BL_ERR_MEDIA_WAV_CLOSED', 'write after close');
    if (this.dataBytes + length * 2 > MAX_DATA) {
      throw new WavError('BL_ERR_MEDIA_WAV_TOO_LARGE', 'WAV data would exceed 4 GiB');
    }
    let i = offset;
    const end = offset + length;
    while (i < end) {
      const room = (this.bufferBytes - this.used) >> 1;
      const n = Math.min(room, end - i);
      const buf = this.current;
      let p = this.used;
      for (let k = 0; k < n; k++) {
        const s = samples[i + k] as number;
        buf[p] = s & 0xff;
        buf[p + 1] = (s >> 8) & 0xff;
        p += 2;
      }
      this.used = p;
      this.dataBytes += n * 2;
      i += n;
      if (this.used === this.bufferBytes) this.flushCurrent();
    }
  }

  /** Flush, patch the header, close the file. */
  async close(): Promise<WavWriterResult> {
    if (this.closed) throw new WavError('BL_ERR_MEDIA_WAV_CLOSED', 'already closed');
    this.closed = true;
    if (this.used > 0) this.flushCurrent();
    try {
      await this.chain;
      if (this.failure) throw this.failure;
      await this.fh.write(this.header(this.dataBytes), 0, HEADER_BYTES, 0);
    } finally {
      await this.fh.close();
    }
    const frames = this.dataBytes / (2 * this.channels);
    return { dataBytes: this.dataBytes, frames, durationMs: (frames * 1000) / this.sampleRate };
  }

  private flushCurrent(): void {
    const buf = this.current;
    const len = this.used;
    const pos = this.filePos;
    this.filePos += len;
    // Swap in a free buffer; allocate only if the disk is behind (bounded by its backlog).
    this.current = this.free.pop() ?? Buffer.allocUnsafeSlow(this.bufferBytes);
    this.used = 0;
    this.chain = this.chain.then(async () => {
      if (this.failure) return;
      try {
        await this.fh.write(buf, 0, len, pos);
      } catch (err) {
        this.failure = err instanceof Error ? err : new Error(String(err));
      } finally {
        this.free.push(buf);
      }
    });
  }

  /** Canonical 44-byte PCM header (RIFF, fmt with 16-byte WAVEFORMAT, data). */
  private header(dataBytes: number): Buffer {
    const h = Buffer.alloc(HEADER_BYTES);
    const blockAlign = 2 * this.channels;
    h.write('RIFF', 0, 'latin1');
    h.writeUInt32LE(36 + dataBytes, 4);
    h.write('WAVE', 8, 'latin1');
    h.write('fmt ', 12, 'latin1');
    h.writeUInt32LE(16, 16);
    h.writeUInt16LE(1, 20); // WAVE_FORMAT_PCM
    h.writeUInt16LE(this.channels, 22);
    h.writeUInt32LE(this.sampleRate, 24);
    h.writeUInt32LE(this.sampleRate * blockAlign, 28);
    h.writeUInt16LE(blockAlign, 32);
    h.writeUInt16LE(16, 34);
    h.write('data', 36, 'latin1');
    h.writeUInt32LE(dataBytes, 40);
    return h;
  }
}

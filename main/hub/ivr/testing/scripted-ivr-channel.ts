/**
 * A real IvrChannel driven by a caller script instead of RTP, for tests and demos. It keeps a
 * virtual clock so timeouts are decided by the scripted timings (no real waiting): a key pressed
 * 9 s after a prompt with an 8 s first-digit timeout is a timeout, keys more than the inter-digit
 * timeout apart end the input, and keys typed ahead stay buffered for the next prompt.
 *
 * Script actions, consumed in order by the IVR's input requests:
 *   { keys: '1234#', delayMs?, gapMs?, duringPrompt? }  press keys (duringPrompt: barge into the prompt)
 *   { silence: true }                                  say nothing until the timeout
 *   { hangup: true }                                   hang up
 *   { gate: promise }                                  wait for the test before going on
 *   { record: { durationMs } }                         what the caller says at the beep
 */
import { WavWriter } from '../../media/wav';
import { generateSine } from '../../media/dsp';
import {
  CallerHangupError,
  type CollectOptions,
  type CollectResult,
  type IvrChannel,
  type PlayMedia,
  type PlayOptions,
  type PlayResult,
  type RecordOptions,
  type RecordResult,
  type TransferDecision,
  type TransferResult,
} from '../ivr-channel';

export type CallerAction =
  | { keys: string; delayMs?: number; gapMs?: number; duringPrompt?: boolean }
  | { silence: true }
  | { hangup: true }
  | { gate: Promise<unknown> }
  | { record: { durationMs: number } };

/** Virtual duration of one clip (a syllable or a prompt). */
const CLIP_MS = 300;

export class ScriptedIvrChannel implements IvrChannel {
  readonly played: PlayMedia[] = [];
  readonly transfers: TransferDecision[] = [];
  readonly recordings: RecordResult[] = [];
  readonly collects: CollectOptions[] = [];
  hangupCause: string | null = null;
  /** Virtual milliseconds since the call started. */
  elapsedMs = 0;
  private readonly script: CallerAction[];
  private readonly transferResults: TransferResult[];
  private buffer: { key: string; gapMs: number }[] = [];

  constructor(
    readonly callId: string,
    script: CallerAction[],
    options: { transferResults?: TransferResult[] } = {},
  ) {
    this.script = [...script];
    this.transferResults = [...(options.transferResults ?? [])];
  }

  /** Every clip key played, in order. */
  clips(): string[] {
    return this.played.flatMap((m) => (m.kind === 'clips' ? [...m.clips] : [`wav:${m.path}`]));
  }

  /** Flow prompt ids played, in order. */
  prompts(): string[] {
    return this.clips().filter((c) => c.startsWith('prompt.')).map((c) => c.slice('prompt.'.length));
  }

  async play(media: PlayMedia, options: PlayOptions): Promise<PlayResult> {
    this.played.push(media);
    this.elapsedMs += media.kind === 'clips' ? media.clips.length * CLIP_MS : 1000;
    if (!options.bargeIn) return { bargedInWith: null };
    const next = this.script[0];
    if (this.buffer.length === 0 && next && 'keys' in next && next.duringPrompt) this.pull();
    const first = this.buffer.shift();
    return { bargedInWith: first ? first.key : null };
  }

  async collectDigits(options: CollectOptions): Promise<CollectResult> {
    this.collects.push(options);
    let digits = options.initial;
    if (digits === '') {
      while (this.buffer.length === 0) {
        const outcome = await this.nextAction(options.firstDigitTimeoutMs);
        if (outcome === 'timeout') return { status: 'timeout' };
      }
      const first = this.buffer[0] as { key: string; gapMs: number };
      if (first.gapMs > options.firstDigitTimeoutMs) {
        this.elapsedMs += options.firstDigitTimeoutMs;
        first.gapMs -= options.firstDigitTimeoutMs;
        return { status: 'timeout' };
      }
    } else if (options.terminator !== null && digits.endsWith(options.terminator)) {
      return { status: 'digits', digits: digits.slice(0, -1), endedBy: 'terminator' };
    }
    if (digits.length >= options.maxLength) return { status: 'digits', digits, endedBy: 'max-length' };
    for (;;) {
      const k = this.buffer[0];
      if (!k) {
        this.elapsedMs += options.interDigitTimeoutMs;
        return { status: 'digits', digits, endedBy: 'inter-digit-timeout' };
      }
      if (digits.length > 0 && k.gapMs > options.interDigitTimeoutMs) {
        this.elapsedMs += options.interDigitTimeoutMs;
        k.gapMs -= options.interDigitTimeoutMs;
        return { status: 'digits', digits, endedBy: 'inter-digit-timeout' };
      }
      this.buffer.shift();
      this.elapsedMs += k.gapMs;
      if (k.key === options.terminator) return { status: 'digits', digits, endedBy: 'terminator' };
      digits += k.key;
      if (digits.length >= options.maxLength) {
        // "PIN then #" with a 6-digit PIN: the # that follows at once belongs to this input.
        const after = this.buffer[0];
        if (after && after.key === options.terminator && after.gapMs <= options.interDigitTimeoutMs) this.buffer.shift();
        return { status: 'digits', digits, endedBy: 'max-length' };
      }
    }
  }

  async record(options: RecordOptions): Promise<RecordResult> {
    const next = this.script[0];
    let durationMs = 2000;
    if (next && 'record' in next) {
      this.script.shift();
      durationMs = Math.min(next.record.durationMs, options.maxMs);
    } else if (next && 'hangup' in next) {
      this.script.shift();
      throw new CallerHangupError();
    }
    // A real 8 kHz file, so whatever consumes the voicemail can read it.
    const samples = new Int16Array(Math.round((durationMs / 1000) * 8000));
    generateSine(samples, 440, 8000);
    const w = await WavWriter.open(options.path);
    w.write(samples);
    const r = await w.close();
    this.elapsedMs += durationMs;
    const result = { path: options.path, durationMs: r.durationMs };
    this.recordings.push(result);
    return result;
  }

  async transfer(decision: TransferDecision): Promise<TransferResult> {
    this.transfers.push(decision);
    return this.transferResults.shift() ?? { outcome: 'ended' };
  }

  async hangup(cause: string): Promise<void> {
    this.hangupCause = cause;
  }

  /** Consumes one script action; 'timeout' when the caller stays silent. */
  private async nextAction(timeoutMs: number): Promise<'keys' | 'timeout'> {
    const a = this.script.shift();
    if (!a || 'hangup' in a) throw new CallerHangupError(a ? 'caller hung up' : 'script ended');
    if ('gate' in a) {
      await a.gate;
      return this.nextAction(timeoutMs);
    }
    if ('silence' in a) {
      this.elapsedMs += timeoutMs;
      return 'timeout';
    }
    if ('record' in a) throw new Error('script: a recording where keys were expected');
    this.script.unshift(a);
    this.pull();
    return 'keys';
  }

  private pull(): void {
    const a = this.script.shift();
    if (!a || !('keys' in a)) throw new Error('script: expected keys');
    [...a.keys].forEach((key, i) => this.buffer.push({ key, gapMs: i === 0 ? (a.delayMs ?? 200) : (a.gapMs ?? 150) }));
  }
}

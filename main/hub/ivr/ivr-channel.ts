/**
 * The IVR's only seam to a live call. The call layer (main/hub/calls, B2BUA + RTP) implements it
 * for one caller leg; tests implement it with a scripted caller (testing/scripted-ivr-channel.ts).
 * The IVR never sees SIP, RTP or codecs, and the call layer never sees flows.
 *
 * Every method may reject with `CallerHangupError` when the caller hangs up (BYE/CANCEL); the
 * session then stops at once. Any other rejection is treated as a failure of the call layer.
 */
import type { TransferTarget } from '../../../protocol/ivr';

/**
 * Audio to play. `clips` are prompt-cache keys (`prompt.welcome`, `zh.liang3`, `pause`,
 * `tone.beep`), played back to back with no gap: resolve them with `PromptLibrary.resolve()`.
 * `text` is what the clips say, for logs and debugging only.
 */
export type PlayMedia = { kind: 'clips'; clips: readonly string[]; text: string } | { kind: 'wav'; path: string };

export interface PlayOptions {
  /** A key press stops playback; the key is returned and counts as the first collected digit. */
  bargeIn: boolean;
}

export interface PlayResult {
  /** The key that interrupted playback (bargeIn only), else null. */
  bargedInWith: string | null;
}

export interface CollectOptions {
  minLength: number;
  maxLength: number;
  /** Key that ends input early; it is not part of the digits. */
  terminator: string | null;
  /** Silence allowed before the first key (counted from the call, after any prompt ends). */
  firstDigitTimeoutMs: number;
  /** Silence allowed between keys; expiry ends input with what was typed. */
  interDigitTimeoutMs: number;
  /** Keys already typed (a barge-in key), so the first-digit timer does not run. */
  initial: string;
}

export type CollectResult =
  | { status: 'digits'; digits: string; endedBy: 'terminator' | 'max-length' | 'inter-digit-timeout' }
  | { status: 'timeout' };

export interface RecordOptions {
  /** Where the call layer writes the 8 kHz mono 16-bit WAV. */
  path: string;
  maxMs: number;
  /** Keys that end the recording (not recorded). */
  terminators: string;
  /** Stop after this much silence. */
  silenceMs: number;
}

export interface RecordResult {
  path: string;
  durationMs: number;
}

/** What the IVR decided; routing (ACD) and dialling belong to the call layer. */
export interface TransferDecision {
  callId: string;
  hotline: string;
  target: TransferTarget;
  /** Caller facts for the screen pop and routing (no PINs; cards masked). */
  context: {
    customerId: number | null;
    tier: string | null;
    vip: boolean;
    /** Node ids visited, in order. */
    ivrPath: string[];
    variables: Record<string, string>;
  };
}

export type TransferResult =
  /** The agent (or far end) hung up first and the caller is still on the line: the flow continues. */
  | { outcome: 'returned'; agent: string | null }
  /** The call is over for the IVR (caller hung up while queued or talking). */
  | { outcome: 'ended' }
  /** Nobody could take it: queue unknown or closed, agent absent, trunk busy. */
  | { outcome: 'failed'; reason: string };

export interface IvrChannel {
  readonly callId: string;
  play(media: PlayMedia, options: PlayOptions): Promise<PlayResult>;
  collectDigits(options: CollectOptions): Promise<CollectResult>;
  record(options: RecordOptions): Promise<RecordResult>;
  transfer(decision: TransferDecision): Promise<TransferResult>;
  /** The IVR ends the call (SIP BYE from the hub). */
  hangup(cause: string): Promise<void>;
}

/** The caller hung up; thrown by any IvrChannel method. */
export class CallerHangupError extends Error {
  override readonly name = 'CallerHangupError';
  constructor(message = 'caller hung up') {
    super(message);
  }
}

/**
 * Playout buffer for 20 ms G.711 frames (160 bytes at 8 kHz), keyed by RTP sequence number.
 *
 *   push(seq, payload) ─► ring slot seq % capacity ─► pop() every 20 ms by the playout clock
 *
 *   state: buffering ──(depth reached)──► playing ──(too many misses in a row)──► buffering
 *
 * - Reorders: frames land in their slot whatever the arrival order.
 * - Drops late frames (seq already played) and duplicates (slot already holds that seq).
 * - Conceals a missing frame by repeating the last good one (G.711 Appendix I style, without the
 *   pitch search), then plays silence if frames keep missing.
 * - Adaptive depth: a late frame means the buffer was too shallow, so the target grows by one
 *   frame (inserting one concealed frame); a long run with no late frames lets it shrink by one
 *   (dropping one frame).
 * All storage is allocated in the constructor; push/pop do not allocate.
 */
import { copyBytes } from './rtp-packet';
import { seqAdd, seqDelta } from './serial-number';

export type JitterPushResult = 'stored' | 'late' | 'duplicate' | 'reset' | 'too-large';
export type JitterPopResult = 'frame' | 'concealed' | 'silence' | 'buffering';

export interface JitterBufferOptions {
  /** Payload bytes per frame (160 for 20 ms G.711). */
  frameBytes?: number;
  /**
   * Ring slots, rounded up to a power of two so `seq & mask` stays collision-free across the
   * 16-bit wrap (65536 is a multiple of any power of two ≤ 65536). Also the largest seq jump
   * treated as reordering rather than a restart.
   */
  capacity?: number;
  /** Initial/target depth in frames before playout starts. */
  depth?: number;
  minDepth?: number;
  maxDepth?: number;
  adaptive?: boolean;
  /** Byte that encodes silence: 0xff for PCMU, 0xd5 for PCMA. */
  silenceByte?: number;
  /** Consecutive pops that conceal a frame before playing silence. */
  maxRepeats?: number;
  /** Pops without any late frame before the depth may shrink (500 = 10 s). */
  shrinkAfter?: number;
}

export interface JitterBufferStats {
  received: number;
  played: number;
  late: number;
  duplicate: number;
  concealed: number;
  silence: number;
  resets: number;
}

export class JitterBuffer {
  readonly frameBytes: number;
  readonly capacity: number;
  readonly minDepth: number;
  readonly maxDepth: number;
  readonly stats: JitterBufferStats = {
    received: 0,
    played: 0,
    late: 0,
    duplicate: 0,
    concealed: 0,
    silence: 0,
    resets: 0,
  };
  private readonly adaptive: boolean;
  private readonly silenceByte: number;
  private readonly maxRepeats: number;
  private readonly shrinkAfter: number;
  private readonly mask: number;
  private readonly data: Uint8Array;
  private readonly slotSeq: Int32Array;
  private readonly slotLength: Uint16Array;
  /** One view per slot, made once, so whole-frame copies use native `set` without allocating. */
  private readonly slotViews: Uint8Array[] = [];
  private readonly lastFrame: Uint8Array;
  private lastFrameLength = 0;
  private target: number;
  private count = 0;
  private playing = false;
  private anchored = false;
  private nextSeq = 0;
  private highestSeq = 0;
  private misses = 0;
  private sinceLate = 0;
  private growPending = 0;

  constructor(options: JitterBufferOptions = {}) {
    this.frameBytes = options.frameBytes ?? 160;
    this.capacity = nextPowerOfTwo(options.capacity ?? 64);
    this.mask = this.capacity - 1;
    this.minDepth = options.minDepth ?? 1;
    this.maxDepth = Math.min(options.maxDepth ?? 10, this.capacity - 1);
    this.target = clamp(options.depth ?? 3, this.minDepth, this.maxDepth);
    this.adaptive = options.adaptive ?? true;
    this.silenceByte = options.silenceByte ?? 0xff;
    this.maxRepeats = options.maxRepeats ?? 2;
    this.shrinkAfter = options.shrinkAfter ?? 500;
    this.data = new Uint8Array(this.capacity * this.frameBytes);
    this.slotSeq = new Int32Array(this.capacity).fill(-1);
    this.slotLength = new Uint16Array(this.capacity);
    this.lastFrame = new Uint8Array(this.frameBytes).fill(this.silenceByte);
    for (let i = 0; i < this.capacity; i++) {
      this.slotViews.push(this.data.subarray(i * this.frameBytes, (i + 1) * this.frameBytes));
    }
  }

  /** Current target depth in frames. */
  get depth(): number {
    return this.target;
  }

  /** Frames held. */
  get size(): number {
    return this.count;
  }

  push(seq: number, payload: Uint8Array, offset = 0, length = payload.length - offset): JitterPushResult {
    if (length > this.frameBytes) return 'too-large';
    seq &= 0xffff;
    let result: JitterPushResult = 'stored';
    if (!this.anchored) {
      this.nextSeq = seq;
      this.highestSeq = seq;
      this.anchored = true;
    }
    let d = seqDelta(seq, this.nextSeq);
    if (d < 0 && !this.playing && seqDelta(this.highestSeq, seq) < this.capacity) {
      // Still buffering: an earlier packet overtook by a later one simply moves the start back.
      this.nextSeq = seq;
      d = 0;
    }
    if (d < 0) {
      if (-d < this.capacity) {
        this.stats.late++;
        this.onLate();
        return 'late';
      }
      // Far behind: the source restarted its numbering (re-INVITE, new sender).
      this.clear();
      this.nextSeq = seq;
      d = 0;
      result = 'reset';
    } else if (d >= this.capacity) {
      // Far ahead: a jump, not jitter. Start over from this packet.
      this.clear();
      this.nextSeq = seq;
      d = 0;
      result = 'reset';
    }
    if (seqDelta(seq, this.highestSeq) > 0 || result === 'reset') this.highestSeq = seq;
    const slot = seq & this.mask;
    if (this.slotSeq[slot] === seq) {
      this.stats.duplicate++;
      return 'duplicate';
    }
    if (this.slotSeq[slot] === -1) this.count++;
    this.slotSeq[slot] = seq;
    this.slotLength[slot] = length;
    copyBytes(payload, offset, this.data, slot * this.frameBytes, length);
    this.stats.received++;
    if (result === 'reset') this.stats.resets++;
    return result;
  }

  /**
   * Produce the next 20 ms of payload into `out` (exactly `frameBytes` bytes are written).
   * Call once per frame period from the playout clock.
   */
  pop(out: Uint8Array, offset = 0): JitterPopResult {
    const fb = this.frameBytes;
    if (!this.playing) {
      if (this.count >= this.target) {
        this.playing = true;
        this.misses = 0;
      } else {
        out.fill(this.silenceByte, offset, offset + fb);
        return 'buffering';
      }
    }
    if (this.growPending > 0) {
      // Deepen by holding back the playout point one frame.
      this.growPending--;
      return this.conceal(out, offset);
    }
    this.sinceLate++;
    if (this.adaptive && this.sinceLate >= this.shrinkAfter && this.target > this.minDepth) {
      this.sinceLate = 0;
      this.target--;
      if (this.count > this.target) this.dropNext();
    }
    const slot = this.nextSeq & this.mask;
    if (this.slotSeq[slot] === this.nextSeq) {
      const len = this.slotLength[slot] as number;
      const start = slot * fb;
      if (len === fb) {
        const view = this.slotViews[slot] as Uint8Array;
        out.set(view, offset);
        this.lastFrame.set(view);
      } else {
        copyBytes(this.data, start, out, offset, len);
        out.fill(this.silenceByte, offset + len, offset + fb);
        copyBytes(out, offset, this.lastFrame, 0, fb);
      }
      this.lastFrameLength = len;
      this.slotSeq[slot] = -1;
      this.count--;
      this.nextSeq = seqAdd(this.nextSeq, 1);
      this.misses = 0;
      this.stats.played++;
      return 'frame';
    }
    // Missing frame: the slot's time has come, so it is lost (or will arrive late).
    this.nextSeq = seqAdd(this.nextSeq, 1);
    this.misses++;
    if (this.count === 0 && this.misses > this.maxDepth) {
      // Stream stopped (end of talkspurt, hold): rebuffer before playing again.
      this.playing = false;
      this.anchored = false;
    }
    return this.conceal(out, offset);
  }

  /** Drop everything (e.g. on re-bridge). Stats are kept. */
  clear(): void {
    this.slotSeq.fill(-1);
    this.count = 0;
    this.playing = false;
    this.anchored = false;
    this.misses = 0;
    this.growPending = 0;
    this.lastFrame.fill(this.silenceByte);
    this.lastFrameLength = 0;
  }

  private conceal(out: Uint8Array, offset: number): JitterPopResult {
    const fb = this.frameBytes;
    if (this.misses <= this.maxRepeats && this.lastFrameLength > 0) {
      copyBytes(this.lastFrame, 0, out, offset, fb);
      this.stats.concealed++;
      return 'concealed';
    }
    out.fill(this.silenceByte, offset, offset + fb);
    this.stats.silence++;
    return 'silence';
  }

  private onLate(): void {
    this.sinceLate = 0;
    if (this.adaptive && this.target < this.maxDepth) {
      this.target++;
      this.growPending++;
    }
  }

  private dropNext(): void {
    const slot = this.nextSeq & this.mask;
    if (this.slotSeq[slot] === this.nextSeq) {
      this.slotSeq[slot] = -1;
      this.count--;
    }
    this.nextSeq = seqAdd(this.nextSeq, 1);
  }
}

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p <<= 1;
  return p;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * A hybrid logical clock (Kulkarni et al., 2014): stamps follow wall time when clocks behave,
 * never go backwards when the local clock does, and move past every remote stamp this replica
 * has seen. Stamps are the sortable strings of protocol/sync.ts.
 */
import { formatHlc, parseHlc } from '../../../protocol/sync';
import type { Hlc } from '../../../protocol/sync';

const MAX_COUNTER = 0xffff;

export interface HlcOptions {
  /** Replica id, unique per seat (it breaks ties between equal wall time and counter). */
  node: string;
  now?: () => number;
  /**
   * A remote stamp further ahead of our wall clock than this is not adopted: one seat with a clock
   * set to next year must not drag every stamp into the future. Causality does not depend on
   * adopting it, because edits name the versions they replace (parents), not just a later stamp.
   */
  maxDriftMs?: number;
}

export class HybridLogicalClock {
  private wall = 0;
  private counter = 0;
  private readonly clock: () => number;
  private readonly maxDriftMs: number;
  readonly node: string;

  constructor(options: HlcOptions) {
    if (!/^[A-Za-z0-9_-]{1,40}$/.test(options.node)) throw new Error(`bad HLC node id ${options.node}`);
    this.node = options.node;
    this.clock = options.now ?? Date.now;
    this.maxDriftMs = options.maxDriftMs ?? 60 * 60_000;
  }

  /** A stamp for a local event, greater than every stamp issued or received before. */
  now(): Hlc {
    const physical = this.clock();
    if (physical > this.wall) {
      this.wall = physical;
      this.counter = 0;
    } else {
      this.bump();
    }
    return formatHlc(this.wall, this.counter, this.node);
  }

  /** Merges a stamp seen on a remote version; returns false when it was too far ahead to adopt. */
  receive(remote: Hlc): boolean {
    const r = parseHlc(remote);
    const physical = this.clock();
    if (r.wallMs - physical > this.maxDriftMs) return false;
    const wall = Math.max(this.wall, r.wallMs, physical);
    if (wall === this.wall && wall === r.wallMs) this.counter = Math.max(this.counter, r.counter);
    else if (wall === r.wallMs) this.counter = r.counter;
    else if (wall !== this.wall) this.counter = -1;
    this.wall = wall;
    this.bump();
    return true;
  }

  /** Restores the clock after a restart from the highest stamp the database holds. */
  restore(latest: Hlc | null | undefined): void {
    if (latest) this.receive(latest) || this.adoptAnyway(latest);
  }

  private adoptAnyway(stamp: Hlc): void {
    // Our own stamps from before a restart were issued by this clock: always adopt them.
    const r = parseHlc(stamp);
    if (r.wallMs > this.wall || (r.wallMs === this.wall && r.counter > this.counter)) {
      this.wall = r.wallMs;
      this.counter = r.counter;
    }
  }

  private bump(): void {
    this.counter += 1;
    if (this.counter > MAX_COUNTER) {
      // Counter exhausted within one millisecond: borrow the next millisecond instead of wrapping.
      this.wall += 1;
      this.counter = 0;
    }
  }
}

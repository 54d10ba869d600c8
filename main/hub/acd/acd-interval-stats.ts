/**
 * Historical queue statistics built only from queue-log lines, so the same code counts live
 * events and replays the stored log after a restart (pitfall 12: counters must not reset).
 * Every time is UTC epoch ms; a call counts in the interval in which it LEFT the queue (answered,
 * abandoned, timed out, overflowed, callback requested) (pitfall 14). Each queue leg is its own
 * segment under one conversation id, so a transfer charges each agent only their own leg
 * (pitfall 11).
 */
import type { QueueIntervalCounts } from '../../../protocol/queue';
import { addCounts, emptyCounts } from './service-level';
import type { QueueLogEntry } from './types';

export interface Thresholds {
  serviceLevelS: number;
  shortAbandonS: number;
}

export interface LegSegment {
  callId: string;
  conversationId: string;
  queue: string;
  enteredAt: number;
  /** When the leg left the queue (answered or otherwise). */
  exitedAt: number | null;
  agent: string | null;
  answeredAt: number | null;
  endedAt: number | null;
  disposition: 'waiting' | 'answered' | 'completed' | 'transferred' | 'abandoned' | 'timeout' | 'overflow' | 'callback' | 'stale';
  callback: boolean;
  waitMs: number | null;
  talkMs: number | null;
  holdMs: number | null;
  wrapMs: number | null;
}

export class AcdIntervalStats {
  private readonly buckets = new Map<string, QueueIntervalCounts>();
  private readonly legs = new Map<string, LegSegment>();

  constructor(
    private readonly thresholds: (queue: string) => Thresholds,
    readonly intervalMs = 15 * 60_000,
    private readonly keepLegs = 10_000,
  ) {}

  apply(e: QueueLogEntry): void {
    const wait = typeof e.data.waitMs === 'number' ? e.data.waitMs : 0;
    const { serviceLevelS, shortAbandonS } = this.thresholds(e.queue);
    const leg = this.legs.get(`${e.queue}|${e.callId}`);
    switch (e.event) {
      case 'ENTERQUEUE':
        this.open(e, e.data.callback === 1);
        return;
      case 'CONNECT': {
        const callback = e.data.callback === 1;
        if (!callback) {
          const c = this.bucket(e);
          c.offered++;
          if (wait <= serviceLevelS * 1000) c.answeredWithin++;
          else c.answeredAfter++;
          c.answeredWaitMs += wait;
        }
        if (leg) Object.assign(leg, { agent: e.agent, answeredAt: e.at, exitedAt: e.at, waitMs: wait, disposition: 'answered' });
        return;
      }
      case 'ABANDON': {
        const c = this.bucket(e);
        c.offered++;
        if (wait <= shortAbandonS * 1000) c.abandonedShort++;
        else if (wait <= serviceLevelS * 1000) c.abandonedWithin++;
        else c.abandonedAfter++;
        this.exit(leg, e, 'abandoned', wait);
        return;
      }
      case 'EXITWITHTIMEOUT':
        this.bucket(e).offered++;
        this.bucket(e).timedOut++;
        this.exit(leg, e, 'timeout', wait);
        return;
      case 'FULL':
      case 'JOINEMPTY':
      case 'EXITEMPTY':
        this.bucket(e).offered++;
        this.bucket(e).overflowed++;
        if (leg) this.exit(leg, e, 'overflow', wait);
        else this.open(e, false, 'overflow');
        return;
      case 'CALLBACKREQUEST':
        this.bucket(e).offered++;
        this.bucket(e).callbackRequested++;
        // The live leg ends here; the queued callback keeps the place as a leg of its own.
        if (leg) {
          this.exit(leg, e, 'callback', wait);
          this.legs.delete(`${e.queue}|${e.callId}`);
          this.legs.set(`${e.queue}|${e.callId}#live`, leg);
        }
        this.open(e, true);
        return;
      case 'COMPLETEAGENT':
      case 'COMPLETECALLER':
      case 'TRANSFER':
      case 'STALE': {
        const talk = typeof e.data.talkMs === 'number' ? e.data.talkMs : 0;
        const c = this.bucket(e);
        c.handled++;
        c.handleMs += talk;
        if (leg) {
          const disposition = e.event === 'TRANSFER' ? 'transferred' : e.event === 'STALE' ? 'stale' : 'completed';
          Object.assign(leg, { endedAt: e.at, talkMs: talk, holdMs: typeof e.data.holdMs === 'number' ? e.data.holdMs : 0, disposition });
        }
        return;
      }
      case 'WRAPUPEND': {
        const wrap = typeof e.data.wrapMs === 'number' ? e.data.wrapMs : 0;
        this.bucket(e).handleMs += wrap;
        if (leg) leg.wrapMs = wrap;
        return;
      }
      default:
        return;
    }
  }

  /** Sum of the intervals starting in [from, to). */
  counts(queue: string, from: number, to: number): QueueIntervalCounts {
    const total = emptyCounts();
    for (let start = this.intervalStart(from); start < to; start += this.intervalMs) {
      const c = this.buckets.get(`${queue}|${start}`);
      if (c) addCounts(total, c);
    }
    return total;
  }

  intervalStart(at: number): number {
    return Math.floor(at / this.intervalMs) * this.intervalMs;
  }

  /** Every queue leg of one customer call, oldest first. */
  legsOf(conversationId: string): LegSegment[] {
    return [...this.legs.values()].filter((l) => l.conversationId === conversationId).sort((a, b) => a.enteredAt - b.enteredAt);
  }

  private bucket(e: QueueLogEntry): QueueIntervalCounts {
    const key = `${e.queue}|${this.intervalStart(e.at)}`;
    let c = this.buckets.get(key);
    if (!c) {
      c = emptyCounts();
      this.buckets.set(key, c);
    }
    return c;
  }

  private open(e: QueueLogEntry, callback: boolean, disposition: LegSegment['disposition'] = 'waiting'): void {
    const key = `${e.queue}|${e.callId}`;
    this.legs.set(key, {
      callId: e.callId,
      conversationId: e.conversationId,
      queue: e.queue,
      enteredAt: e.at,
      exitedAt: disposition === 'waiting' ? null : e.at,
      agent: null,
      answeredAt: null,
      endedAt: null,
      disposition,
      callback,
      waitMs: disposition === 'waiting' ? null : 0,
      talkMs: null,
      holdMs: null,
      wrapMs: null,
    });
    while (this.legs.size > this.keepLegs) this.legs.delete(this.legs.keys().next().value!);
  }

  private exit(leg: LegSegment | undefined, e: QueueLogEntry, disposition: LegSegment['disposition'], wait: number): void {
    if (leg) Object.assign(leg, { exitedAt: e.at, endedAt: e.at, waitMs: wait, disposition });
  }
}

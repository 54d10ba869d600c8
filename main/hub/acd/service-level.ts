/**
 * Service level and friends from raw interval counts (CALLCENTER-SEMANTICS.md §3 Rec.: store raw
 * counts, compute every variant). The Branchline default is
 *
 *     SL = answered ≤T ÷ (offered − short abandons − callbacks requested)
 *
 * i.e. timeouts, overflows and abandons over the short threshold count against the queue, short
 * abandons (wrong numbers, quick hang-ups) and callback requests (the caller chose to leave) do
 * not. The other systems' definitions are computed beside it for comparison.
 */
import type { QueueIntervalCounts, ServiceLevels } from '../../../protocol/queue';

function ratio(n: number, d: number): number | null {
  return d > 0 ? n / d : null;
}

export function emptyCounts(): QueueIntervalCounts {
  return {
    offered: 0,
    answeredWithin: 0,
    answeredAfter: 0,
    abandonedShort: 0,
    abandonedWithin: 0,
    abandonedAfter: 0,
    timedOut: 0,
    overflowed: 0,
    callbackRequested: 0,
    answeredWaitMs: 0,
    handled: 0,
    handleMs: 0,
  };
}

export function addCounts(into: QueueIntervalCounts, from: QueueIntervalCounts): void {
  for (const k of Object.keys(into) as (keyof QueueIntervalCounts)[]) into[k] += from[k];
}

export function serviceLevels(c: QueueIntervalCounts): ServiceLevels {
  const answered = c.answeredWithin + c.answeredAfter;
  const abandonedInT = c.abandonedShort + c.abandonedWithin;
  const abandoned = abandonedInT + c.abandonedAfter;
  return {
    default: ratio(c.answeredWithin, c.offered - c.abandonedShort - c.callbackRequested),
    answeredOnly: ratio(c.answeredWithin, answered),
    asteriskSl2: ratio(c.answeredWithin + abandonedInT, answered + abandoned),
    ciscoIgnoreAbandons: ratio(c.answeredWithin, c.offered - abandonedInT),
    ciscoNegative: ratio(c.answeredWithin, c.offered),
    ciscoPositive: ratio(c.answeredWithin + abandonedInT, c.offered),
    excludeShortAbandons: ratio(c.answeredWithin, c.offered - c.abandonedShort),
  };
}

/** Average speed of answer: mean wait of answered calls (a mean, not Asterisk's exponential HoldTime). */
export function averageSpeedOfAnswer(c: QueueIntervalCounts): number | null {
  return ratio(c.answeredWaitMs, c.answeredWithin + c.answeredAfter);
}

/** Abandoned ÷ offered; callback requests are not abandons. */
export function abandonRate(c: QueueIntervalCounts): number | null {
  return ratio(c.abandonedShort + c.abandonedWithin + c.abandonedAfter, c.offered);
}

/** Talk + hold + wrap-up per handled leg. */
export function averageHandleTime(c: QueueIntervalCounts): number | null {
  return ratio(c.handleMs, c.handled);
}

/** One queue's wallboard figures: real-time state from the engine plus interval counts from the log. */
import type { QueueStats } from '../../../protocol/queue';
import type { AcdEngine } from './acd-engine';
import type { AcdIntervalStats } from './acd-interval-stats';
import { abandonRate, averageHandleTime, averageSpeedOfAnswer, serviceLevels } from './service-level';

export function buildQueueStats(engine: AcdEngine, stats: AcdIntervalStats, queue: string, from: number, to: number, at: number): QueueStats | undefined {
  const rt = engine.queueRealtime(queue);
  if (!rt) return undefined;
  const counts = stats.counts(queue, from, to);
  return {
    queue,
    at,
    waiting: rt.waiting,
    callbacksWaiting: rt.callbacksWaiting,
    longestWaitMs: rt.longestWaitMs,
    agents: rt.agents,
    interval: { from, to },
    counts,
    serviceLevel: serviceLevels(counts),
    asaMs: averageSpeedOfAnswer(counts),
    abandonRate: abandonRate(counts),
    ahtMs: averageHandleTime(counts),
  };
}

/**
 * Real-time queue statistics for wallboards and seats: waiting callers, longest wait, agents per
 * state, service level (every variant, the default named), ASA and abandon rate, for an interval
 * (default: since local-independent UTC midnight of today) ending now.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BranchlineError } from '../../../../protocol/errors';
import { QueueStats, WaitingCaller } from '../../../../protocol/queue';
import type { AcdRuntime } from '../../acd/acd-store-adapter';
import type { HubContext } from '../hub-context';

const Interval = z.object({
  from: z.coerce.number().int().nonnegative().optional(),
  to: z.coerce.number().int().nonnegative().optional(),
});

export const queueStatsRoutes: FastifyPluginAsyncZod<{ ctx: HubContext; acd: AcdRuntime }> = async (app, { acd }) => {
  const readers = ['agent', 'lead', 'admin'] as const;
  const params = z.object({ name: z.string().min(1).max(64) });

  app.get(
    '/api/queues/:name/stats',
    { config: { roles: readers }, schema: { params, querystring: Interval, response: { 200: QueueStats } } },
    async (request) => {
      const now = Date.now();
      const from = request.query.from ?? now - (now % 86_400_000);
      const stats = acd.queueStats(request.params.name, from, request.query.to ?? now);
      if (!stats) throw new BranchlineError('BL_ERR_ACD_UNKNOWN_QUEUE', `No queue named ${request.params.name}`);
      return stats;
    },
  );

  app.get(
    '/api/queues/:name/waiting',
    { config: { roles: readers }, schema: { params, response: { 200: z.array(WaitingCaller) } } },
    async (request) => {
      if (!acd.engine.queueRealtime(request.params.name)) throw new BranchlineError('BL_ERR_ACD_UNKNOWN_QUEUE', `No queue named ${request.params.name}`);
      return acd.engine.waitingCallers(request.params.name);
    },
  );
};

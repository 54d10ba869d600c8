import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { HubContext } from '../hub-context';

export const healthRoutes: FastifyPluginAsyncZod<{ ctx: HubContext }> = async (app, { ctx }) => {
  app.get(
    '/health',
    { config: { roles: 'public' }, schema: { response: { 200: z.object({ status: z.literal('ok'), version: z.string(), uptimeS: z.number() }) } } },
    async () => ({ status: 'ok' as const, version: ctx.version, uptimeS: Math.round(process.uptime()) }),
  );
};

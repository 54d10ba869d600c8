/** The sync API seats call: push a batch of mutations, read the change feed, page the snapshot. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChangeFeedPage, EntityId, EntityKind, PushRequest, PushResponse } from '../../../protocol/sync';
import { currentUser } from '../cti/plugins/auth-plugin';
import type { HubContext } from '../cti/hub-context';
import type { SyncActor } from './sync-service';

const ChangesQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
  seat: z.string().min(1).max(64).optional(),
});
const SnapshotQuery = z.object({
  entity: EntityKind,
  after: EntityId.or(z.literal('')).default(''),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const syncRoutes: FastifyPluginAsyncZod<{ ctx: HubContext }> = async (app, { ctx }) => {
  const staff = ['agent', 'lead', 'admin'] as const;
  const actor = (request: Parameters<typeof currentUser>[0]): SyncActor => {
    const user = currentUser(request);
    return { userId: user.id, username: user.username, role: user.role };
  };
  app.post(
    '/api/sync/push',
    { config: { roles: staff }, bodyLimit: 8 * 1024 * 1024, schema: { body: PushRequest, response: { 200: PushResponse } } },
    async (request) => ({ results: ctx.sync.push(request.body.seatId, actor(request), request.body.mutations) }),
  );
  app.get(
    '/api/sync/changes',
    { config: { roles: staff }, schema: { querystring: ChangesQuery, response: { 200: ChangeFeedPage } } },
    async (request) => ctx.sync.changes(request.query.seat, actor(request), request.query.cursor, request.query.limit),
  );
  app.get(
    '/api/sync/snapshot',
    // The body is a SnapshotPage (protocol/sync.ts) pre-built as JSON text by SyncService.snapshotJson,
    // so no response serializer runs here; the seat validates each page against SnapshotPage.
    { config: { roles: staff }, schema: { querystring: SnapshotQuery } },
    async (request, reply) => reply.type('application/json').send(ctx.sync.snapshotJson(request.query.entity, request.query.after, request.query.limit)),
  );
};

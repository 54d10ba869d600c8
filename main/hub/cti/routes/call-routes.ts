/**
 * CTI call commands over HTTP: a seat hangs up, holds or blind-transfers a call it is on; leads
 * and admins may act on any call. Click-to-dial is not served yet: the CallEngine cannot
 * originate a call from the hub (see the TODO in call-control.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BranchlineError } from '../../../../protocol/errors';
import type { CallEngine } from '../../calls';
import { findCall, hangupCall, holdCall, legOf, transferCall } from '../call-control';
import type { HubContext } from '../hub-context';
import { currentUser } from '../plugins/auth-plugin';

const Params = z.object({ callId: z.string().min(1).max(64) });
const Ok = z.object({ ok: z.literal(true) });

export const callRoutes: FastifyPluginAsyncZod<{ ctx: HubContext; calls: CallEngine | undefined }> = async (app, { ctx, calls }) => {
  const config = { roles: ['agent', 'lead', 'admin'] as const };

  /** The call and the caller's own leg on it; agents may only touch calls their extension is on. */
  const resolve = (request: { params: { callId: string } }, user: ReturnType<typeof currentUser>) => {
    if (!calls) throw new BranchlineError('BL_ERR_CALL_TELEPHONY_OFF');
    const call = findCall(calls, request.params.callId);
    const own = legOf(call, user.extension);
    if (user.role === 'agent' && !own) throw new BranchlineError('BL_ERR_AUTH_FORBIDDEN', 'Agents may only control their own calls');
    return { engine: calls, call, own };
  };

  app.post('/api/calls/:callId/hangup', { config, schema: { params: Params, response: { 200: Ok } } }, async (request) => {
    const { call, own } = resolve(request, currentUser(request));
    await hangupCall(call, own);
    return { ok: true as const };
  });

  app.post(
    '/api/calls/:callId/hold',
    { config, schema: { params: Params, body: z.object({ held: z.boolean() }), response: { 200: Ok } } },
    async (request) => {
      const { call, own } = resolve(request, currentUser(request));
      await holdCall(ctx.bus, call, own, request.body.held);
      return { ok: true as const };
    },
  );

  app.post(
    '/api/calls/:callId/transfer',
    { config, schema: { params: Params, body: z.object({ target: z.string().regex(/^[0-9*#]{1,32}$/) }), response: { 202: Ok } } },
    async (request, reply) => {
      const { engine, call, own } = resolve(request, currentUser(request));
      transferCall(engine, ctx.bus, call, own, request.body.target);
      // Accepted, not done: the outcome follows as `call.transferred` events on /cti.
      return reply.code(202).send({ ok: true as const });
    },
  );
};

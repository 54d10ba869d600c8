import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AgentStatus, ReasonCode, SetPresenceRequest } from '../../../../protocol/agent';
import type { HubContext } from '../hub-context';
import { currentUser } from '../plugins/auth-plugin';

export const agentRoutes: FastifyPluginAsyncZod<{ ctx: HubContext }> = async (app, { ctx }) => {
  const own = { config: { roles: ['agent', 'lead'] as const } };

  app.get('/api/agent/status', { ...own, schema: { response: { 200: AgentStatus } } }, async (request) =>
    ctx.agents.status(currentUser(request)),
  );
  app.post('/api/agent/login', { ...own, schema: { response: { 200: AgentStatus } } }, async (request) =>
    ctx.agents.login(currentUser(request)),
  );
  app.put('/api/agent/presence', { ...own, schema: { body: SetPresenceRequest, response: { 200: AgentStatus } } }, async (request) =>
    ctx.agents.setPresence(currentUser(request), request.body),
  );
  app.get('/api/agent/reason-codes', { ...own, schema: { response: { 200: z.array(ReasonCode) } } }, async () => ctx.agents.reasonCodes());

  // Supervisors see every agent (wallboard).
  app.get('/api/agents', { config: { roles: ['lead', 'admin'] }, schema: { response: { 200: z.array(AgentStatus) } } }, async () =>
    ctx.agents.listAll(),
  );
};

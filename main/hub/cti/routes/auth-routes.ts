import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LoginRequest, LoginResponse, UserInfo } from '../../../../protocol/auth';
import { toUserInfo } from '../../auth/session-service';
import type { HubContext } from '../hub-context';
import { ALL_ROLES, currentUser } from '../plugins/auth-plugin';

export const authRoutes: FastifyPluginAsyncZod<{ ctx: HubContext }> = async (app, { ctx }) => {
  app.post(
    '/api/auth/login',
    { config: { roles: 'public' }, schema: { body: LoginRequest, response: { 200: LoginResponse } } },
    async (request) => {
      const result = await ctx.sessions.login(request.body.username, request.body.password, request.ip);
      ctx.logger.info({ user: result.user.username, ip: request.ip }, 'login');
      return result;
    },
  );

  app.post('/api/auth/logout', { config: { roles: ALL_ROLES }, schema: { response: { 200: z.object({ ok: z.literal(true) }) } } }, async (request) => {
    const user = currentUser(request);
    if (user.extension) {
      const status = ctx.agents.status(user);
      if (status.presence !== 'LOGGED_OUT') ctx.agents.logout(user);
    }
    ctx.sessions.logout(request.token!);
    ctx.bus.publish('session.ended', { userId: user.id, reason: 'logout' });
    return { ok: true as const };
  });

  app.get('/api/auth/me', { config: { roles: ALL_ROLES }, schema: { response: { 200: UserInfo } } }, async (request) =>
    toUserInfo(currentUser(request)),
  );
};

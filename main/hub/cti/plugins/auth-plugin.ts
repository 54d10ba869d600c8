/**
 * Authentication and role checks for every hub route. A route must declare `config.roles`
 * (or `'public'`); a route that forgets is refused at start-up, so no API is open by accident.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../../protocol/auth';
import { BranchlineError } from '../../../../protocol/errors';
import type { UserRecord } from '../../store/types';
import type { HubContext } from '../hub-context';

declare module 'fastify' {
  interface FastifyContextConfig {
    roles?: readonly Role[] | 'public';
  }
  interface FastifyRequest {
    user: UserRecord | null;
    token: string | null;
  }
  interface FastifyInstance {
    /** Every route with the roles it declared, for audits and the role test. */
    readonly declaredRoutes: { method: string; url: string; roles: readonly Role[] | 'public' }[];
  }
}

type FastifyInstanceRoutes = { method: string; url: string; roles: readonly Role[] | 'public' }[];

export const ALL_ROLES: readonly Role[] = ['agent', 'lead', 'admin', 'installer'];

export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match ? match[1]! : null;
}

export const authPlugin = fp<{ ctx: HubContext }>(
  async (app, { ctx }) => {
    const declared: FastifyInstanceRoutes = [];
    app.decorate('declaredRoutes', declared);
    app.decorateRequest('user', null);
    app.decorateRequest('token', null);
    app.addHook('onRoute', (route) => {
      const roles = (route.config as { roles?: unknown } | undefined)?.roles;
      if (route.method === 'HEAD' || route.url === '*') return;
      if (roles !== 'public' && !(Array.isArray(roles) && roles.length > 0)) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no roles`);
      }
      declared.push({ method: String(route.method), url: route.url, roles: roles as readonly Role[] | 'public' });
    });
    app.addHook('onRequest', async (request) => {
      const roles = request.routeOptions.config.roles;
      if (roles === 'public' || roles === undefined) return;
      const token = bearerToken(request);
      const user = ctx.sessions.authenticate(token ?? undefined);
      if (!roles.includes(user.role)) throw new BranchlineError('BL_ERR_AUTH_FORBIDDEN');
      request.user = user;
      request.token = token;
    });
  },
  { name: 'auth' },
);

/** The authenticated user of a route that declared roles (the hook guarantees it is set). */
export function currentUser(request: FastifyRequest): UserRecord {
  if (!request.user) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
  return request.user;
}

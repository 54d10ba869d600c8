/**
 * Per-login SIP credentials for a seat's softphone. Issued for the agent's own extension only and
 * revoked when the login session ends.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BranchlineError } from '../../../../protocol/errors';
import { SipCredentialsResponse } from '../../../../protocol/softphone';
import type { EphemeralSipCredentials } from '../../telephony/ephemeral-sip-credentials';
import type { HubContext } from '../hub-context';
import { currentUser } from '../plugins/auth-plugin';

export const softphoneRoutes: FastifyPluginAsyncZod<{ ctx: HubContext; credentials: EphemeralSipCredentials; realm: string }> = async (
  app,
  { ctx, credentials, realm },
) => {
  const unsubscribe = ctx.bus.subscribe('session.ended', ({ userId }) => {
    const ext = ctx.store.users.findById(userId)?.extension;
    if (ext) credentials.revokeExtension(ext);
  });
  app.addHook('onClose', async () => unsubscribe());

  app.get(
    '/api/softphone/credentials',
    { config: { roles: ['agent', 'lead'] }, schema: { response: { 200: SipCredentialsResponse } } },
    async (request) => {
      const user = currentUser(request);
      if (!user.extension) throw new BranchlineError('BL_ERR_AGENT_NOT_AN_AGENT');
      const issued = credentials.issue(user.extension, 12 * 3600_000);
      return { realm, aor: user.extension, username: issued.username, password: issued.password, wsPath: '/sip', expiresAt: issued.expiresAt };
    },
  );
};

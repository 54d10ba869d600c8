/**
 * The hub's HTTP/WebSocket application as a Fastify plugin tree. `server.ts` only listens; tests
 * call `buildHubApp()` and use `inject()` without a port.
 */
import websocket from '@fastify/websocket';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { CallEngine } from '../calls';
import type { SipStack } from '../sip';
import { ctiSocket } from './cti-socket';
import { sipSocket } from './sip-socket';
import type { HubContext } from './hub-context';
import { authPlugin } from './plugins/auth-plugin';
import { installErrorHandler } from './plugins/error-handler';
import { agentRoutes } from './routes/agent-routes';
import { authRoutes } from './routes/auth-routes';
import { callRoutes } from './routes/call-routes';
import { directoryRoutes } from './routes/directory-routes';
import { healthRoutes } from './routes/health-routes';
import { queueStatsRoutes } from './routes/queue-stats-routes';
import { recordingRoutes } from './routes/recording-routes';
import { softphoneRoutes } from './routes/softphone-routes';
import type { EphemeralSipCredentials } from '../telephony/ephemeral-sip-credentials';
import { syncRoutes } from '../sync/sync-routes';

export interface HubAppOptions {
  /** When set, SIP over WebSocket is served at `/sip`. */
  sip?: SipStack;
  /** When set, seats get per-login softphone credentials. */
  softphone?: { credentials: EphemeralSipCredentials; realm: string };
  /** The B2BUA; absent = telephony off, and call commands answer BL_ERR_CALL_TELEPHONY_OFF. */
  calls?: CallEngine;
  /** CTI liveness (tests shorten them): see cti-socket.ts. */
  cti?: { offlineGraceMs?: number; idleTimeoutMs?: number };
}

export async function buildHubApp(ctx: HubContext, options: HubAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ mod: 'hub.http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(websocket, {
    options: {
      maxPayload: 64 * 1024,
      // Browsers' sip.js offers "sip"; CTI clients offer no subprotocol.
      handleProtocols: (protocols: Set<string>) => (protocols.has('sip') ? 'sip' : false),
    },
  });
  await app.register(authPlugin, { ctx });
  await app.register(healthRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(agentRoutes, { ctx });
  await app.register(directoryRoutes, { ctx });
  await app.register(queueStatsRoutes, { ctx, acd: ctx.acd });
  await app.register(syncRoutes, { ctx });
  await app.register(recordingRoutes, { ctx });
  await app.register(callRoutes, { ctx, calls: options.calls });
  await app.register(ctiSocket, { ctx, ...options.cti });
  if (options.sip) await app.register(sipSocket, { sip: options.sip });
  if (options.softphone) await app.register(softphoneRoutes, { ctx, ...options.softphone });
  return app;
}

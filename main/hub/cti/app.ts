/**
 * The hub's HTTP/WebSocket application as a Fastify plugin tree. `server.ts` only listens; tests
 * call `buildHubApp()` and use `inject()` without a port.
 */
import websocket from '@fastify/websocket';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ctiSocket } from './cti-socket';
import type { HubContext } from './hub-context';
import { authPlugin } from './plugins/auth-plugin';
import { installErrorHandler } from './plugins/error-handler';
import { agentRoutes } from './routes/agent-routes';
import { authRoutes } from './routes/auth-routes';
import { directoryRoutes } from './routes/directory-routes';
import { healthRoutes } from './routes/health-routes';

export async function buildHubApp(ctx: HubContext): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.logger.child({ mod: 'hub.http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  await app.register(authPlugin, { ctx });
  await app.register(healthRoutes, { ctx });
  await app.register(authRoutes, { ctx });
  await app.register(agentRoutes, { ctx });
  await app.register(directoryRoutes, { ctx });
  await app.register(ctiSocket, { ctx });
  return app;
}

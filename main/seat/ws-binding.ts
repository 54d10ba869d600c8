/**
 * Web mode: serves the built renderer and binds the seat contract to a WebSocket at `/rpc`
 * (frames `{id, service, method, args}` → `{type:'result'|'error', id, ...}`, pushes `{type:'event'}`).
 * Only pages from this very origin may open the socket, so another site open in the same browser
 * cannot drive the seat.
 */
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import type { WebSocket } from 'ws';
import { BranchlineError } from '../../protocol/errors';
import type { EventFrame, ServerFrame } from '../../protocol/rpc';
import type { Logger } from '../common/logger';
import type { ListenAddress } from '../common/listen-address';
import { formatHttpUrl } from '../common/listen-address';
import { contentSecurityPolicy } from './content-security-policy';
import type { Seat } from './seat';

const MAX_FRAME_BYTES = 1024 * 1024;

export interface WebBindingOptions {
  seat: Seat;
  hubUrl: string;
  listen: ListenAddress;
  rendererDir: string;
  logger: Logger;
}

export interface RunningWebBinding {
  readonly url: string;
  readonly address: ListenAddress;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

function send(socket: WebSocket, frame: ServerFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

export function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host === host;
  } catch {
    return false;
  }
}

export async function startWebBinding(options: WebBindingOptions): Promise<RunningWebBinding> {
  const log = options.logger.child({ mod: 'seat.web' });
  if (!existsSync(options.rendererDir)) {
    throw new Error(`renderer build not found at ${options.rendererDir}: run "npm run build" (npm install runs it)`);
  }
  const csp = contentSecurityPolicy(options.hubUrl);
  const app = Fastify({ loggerInstance: log as FastifyBaseLogger, logController: new LogController({ disableRequestLogging: true }) });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    return payload;
  });
  await app.register(websocket, {
    options: {
      maxPayload: MAX_FRAME_BYTES,
      verifyClient: (info: { origin: string; req: { headers: { host?: string } } }) => isSameOrigin(info.origin, info.req.headers.host),
    },
  });
  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'], cacheControl: false });

  app.get('/rpc', { websocket: true }, (socket) => {
    const session = options.seat.createSession((name, payload) => {
      const dot = name.indexOf('.');
      const frame: EventFrame = { type: 'event', service: name.slice(0, dot), event: name.slice(dot + 1), payload };
      send(socket, frame);
    });
    socket.on('message', async (data, isBinary) => {
      let frame: unknown;
      try {
        frame = isBinary ? undefined : JSON.parse(String(data));
      } catch {
        frame = undefined;
      }
      if (frame === undefined) {
        send(socket, { type: 'error', id: null, error: new BranchlineError('BL_ERR_RPC_BAD_FRAME', 'Request frames are JSON text').toWire() });
        return;
      }
      send(socket, await options.seat.dispatcher.dispatch(frame, session));
    });
    socket.on('close', () => session.dispose());
    socket.on('error', (err) => log.debug({ err }, 'rpc socket error'));
  });

  await app.listen({ host: options.listen.host, port: options.listen.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.listen.port;
  const bound = { host: options.listen.host, port };
  return { url: `${formatHttpUrl(bound)}/`, address: bound, app, close: () => app.close() };
}

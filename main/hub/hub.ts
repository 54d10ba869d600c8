/**
 * Starts a routing hub: store, services, and the HTTP/WebSocket API. Runs headless (no Electron)
 * on the branch's industrial PC, or embedded in a seat in server mode.
 */
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../common/logger';
import type { ListenAddress } from '../common/listen-address';
import { formatHttpUrl } from '../common/listen-address';
import { VERSION } from '../common/version';
import { createAcdRuntime } from './acd/acd-store-adapter';
import { AgentStatusService } from './acd/agent-status-service';
import { SessionService } from './auth/session-service';
import { buildHubApp } from './cti/app';
import type { HubContext } from './cti/hub-context';
import { seedDemo } from './demo/demo-seed';
import { seedDemoSip } from './demo/demo-sip';
import type { SipStack } from './sip';
import { createCallEngine } from './telephony/create-call-engine';
import { createSipStack, describeSipListeners } from './telephony/create-sip-stack';
import type { CallEngine } from './calls';
import { EphemeralSipCredentials } from './telephony/ephemeral-sip-credentials';
import type { TelephonyOptions } from './telephony/telephony-options';
import { createLocalEventBus } from './events/hub-event-bus';
import { openHubStore } from './store/hub-store';
import { SyncService } from './sync/sync-service';

export interface HubOptions {
  dataDir: string;
  demo: boolean;
  http: ListenAddress;
  logger: Logger;
  /** SIP/RTP listeners; absent = no telephony (API only). */
  telephony?: TelephonyOptions;
}

export interface RunningHub {
  readonly url: string;
  readonly http: ListenAddress;
  readonly ctx: HubContext;
  readonly app: FastifyInstance;
  readonly sip: SipStack | undefined;
  /** The B2BUA (calls, media, recordings); present when telephony is on. */
  readonly calls: CallEngine | undefined;
  /** SIP listeners for the ready line (`udp`, `tcp`, `ws`). */
  readonly sipListeners: Record<string, string>;
  close(): Promise<void>;
}

export async function createHubContext(options: Pick<HubOptions, 'dataDir' | 'demo' | 'logger'>): Promise<HubContext> {
  const logger = options.logger;
  const store = openHubStore(join(options.dataDir, 'hub.sqlite'), logger);
  if (options.demo) await seedDemo(store, logger);
  const bus = createLocalEventBus();
  const sessions = new SessionService(store);
  const agents = new AgentStatusService(store, bus, logger.child({ mod: 'hub.acd.agent' }));
  const sync = new SyncService(store.sync, logger.child({ mod: 'hub.sync' }));
  sync.importLegacy();
  const acd = createAcdRuntime(store, bus, logger.child({ mod: 'hub.acd' }));
  return { store, bus, sessions, agents, acd, sync, logger, version: VERSION };
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const ctx = await createHubContext(options);
  let http: ListenAddress = options.http;
  const telephony = options.telephony;
  if (telephony && options.demo) seedDemoSip(ctx.store, telephony.realm);
  const softphone = telephony ? { credentials: new EphemeralSipCredentials(telephony.realm), realm: telephony.realm } : undefined;
  const sip = telephony ? createSipStack(ctx, telephony, options.dataDir, () => http, options.logger, softphone?.credentials) : undefined;
  const calls = sip && telephony ? createCallEngine(ctx, sip, telephony, options.dataDir, options.logger, softphone?.credentials) : undefined;
  const app = await buildHubApp(ctx, { sip, softphone, calls });
  await app.listen({ host: options.http.host, port: options.http.port });
  const address = app.server.address();
  http = { host: options.http.host, port: typeof address === 'object' && address ? address.port : options.http.port };
  const sipListeners = sip ? describeSipListeners(await sip.start()) : {};
  const sweeper = setInterval(() => ctx.sessions.sweep(), 10 * 60_000);
  sweeper.unref();
  ctx.acd.startTimers();
  return {
    url: formatHttpUrl(http),
    http,
    ctx,
    app,
    sip,
    calls,
    sipListeners,
    async close() {
      clearInterval(sweeper);
      ctx.acd.dispose();
      await calls?.stop();
      await sip?.stop();
      await app.close();
      ctx.store.close();
    },
  };
}

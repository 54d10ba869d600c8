/**
 * A seat's services without any shell: the hub client, the seat store and the sessions the
 * renderer bindings create. The Electron shell and web mode both start one of these.
 */
import type { Logger } from '../common/logger';
import { VERSION } from '../common/version';
import { Locale } from '../../protocol/seat-api';
import { createDispatcher } from '../../protocol/rpc-dispatcher';
import type { Dispatcher } from '../../protocol/rpc-dispatcher';
import { seatApi } from '../../protocol/seat-api';
import { HubClient } from './hub-client';
import { seatServiceImpl } from './seat-service-impl';
import { SeatSession } from './seat-session';
import type { EmitFn, SeatEnvironment } from './seat-session';
import { openSeatStore } from './store/seat-store';
import type { SeatStore } from './store/seat-store';

export interface SeatOptions {
  hubUrl: string;
  dataDir: string;
  serverMode: boolean;
  shell: 'electron' | 'web';
  logger: Logger;
}

export interface Seat {
  readonly dispatcher: Dispatcher<SeatSession>;
  createSession(emit: EmitFn): SeatSession;
  close(): void;
}

export function createSeat(options: SeatOptions): Seat {
  const logger = options.logger.child({ mod: 'seat' });
  const store: SeatStore = openSeatStore(options.dataDir, logger);
  const env: SeatEnvironment = {
    hub: new HubClient(options.hubUrl),
    logger,
    version: VERSION,
    serverMode: options.serverMode,
    shell: options.shell,
    getLocale: () => Locale.catch('zh-CN').parse(store.getSetting('locale')),
    setLocale: (locale) => store.setSetting('locale', locale),
  };
  const sessions = new Set<SeatSession>();
  const dispatcher = createDispatcher(seatApi, seatServiceImpl, {
    onUnexpectedError: (err, where) => logger.error({ err, where }, 'seat service failed'),
  });
  return {
    dispatcher,
    createSession(emit) {
      const session: SeatSession = new SeatSession(env, emit, () => sessions.delete(session));
      sessions.add(session);
      return session;
    },
    close() {
      for (const s of [...sessions]) s.dispose();
      store.close();
    },
  };
}

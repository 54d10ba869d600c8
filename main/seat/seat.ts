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
import { HardwareManager } from './hardware/hardware-manager';
import type { HardwareOptions } from './hardware/hardware-manager';
import { HubClient } from './hub-client';
import { seatServiceImpl } from './seat-service-impl';
import { SeatSession } from './seat-session';
import type { EmitFn, SeatEnvironment } from './seat-session';
import { openSeatStore } from './store/seat-store';
import type { SeatStore } from './store/seat-store';
import { Workstation } from './workstation/workstation';
import type { WorkstationOptions } from './workstation/workstation';

export interface SeatOptions {
  hubUrl: string;
  dataDir: string;
  serverMode: boolean;
  shell: 'electron' | 'web';
  logger: Logger;
  /** Headsets and serial boxes; default off (no hardware host process). */
  hardware?: HardwareOptions;
  /** Offline cache and workstation services; tests shorten the intervals. */
  workstation?: Pick<WorkstationOptions, 'simulateCalls' | 'syncIntervalMs' | 'reminderIntervalMs'>;
}

export interface Seat {
  readonly dispatcher: Dispatcher<SeatSession>;
  createSession(emit: EmitFn): SeatSession;
  /** Closes sessions and the store at once; resolves when the hardware host has exited. */
  close(): Promise<void>;
}

export function createSeat(options: SeatOptions): Seat {
  const logger = options.logger.child({ mod: 'seat' });
  const store: SeatStore = openSeatStore(options.dataDir, logger);
  const hardware = new HardwareManager(
    options.hardware ?? { mode: 'off' },
    // The profile is one settings row: what this desk's installer chose.
    { load: () => store.getSetting('hardware.profile'), save: (json) => store.setSetting('hardware.profile', json) },
    logger,
    { dataDir: options.dataDir, version: VERSION },
  );
  // After openSeatStore: the cache's worker opens the same seat.sqlite once its migrations ran (offline-cache.ts).
  const workstation = new Workstation({
    dataDir: options.dataDir,
    hub: new HubClient(options.hubUrl),
    logger,
    settings: { get: (key) => store.getSetting(key), set: (key, value) => store.setSetting(key, value) },
    simulateCalls: process.env.BRANCHLINE_SIMULATE_CALLS === '1',
    ...options.workstation,
  });
  const env: SeatEnvironment = {
    hub: new HubClient(options.hubUrl),
    logger,
    version: VERSION,
    serverMode: options.serverMode,
    shell: options.shell,
    getLocale: () => Locale.catch('zh-CN').parse(store.getSetting('locale')),
    setLocale: (locale) => store.setSetting('locale', locale),
    hardware,
    workstation,
  };
  hardware.start();
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
      const stopped = hardware.close();
      // The cache worker closes its own connection; the settings store closes after its last write.
      const desk = workstation.close().finally(() => store.close());
      return Promise.all([stopped, desk]).then(() => undefined);
    },
  };
}

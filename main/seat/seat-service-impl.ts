/**
 * The seat contract's implementation. Stateless: every method works on the caller's SeatSession,
 * which each binding (IPC per window, WebSocket per connection) creates and passes in.
 */
import { BranchlineError } from '../../protocol/errors';
import type { ImplOf } from '../../protocol/rpc';
import type { SeatApi } from '../../protocol/seat-api';
import { callsServiceImpl } from './seat-calls';
import type { SeatSession } from './seat-session';
import { workstationServiceImpl } from './workstation/workstation-impl';

/** Any logged-in user: agents read hardware status and drive LEDs from their softphone. */
function signedIn(s: SeatSession): SeatSession['environment']['hardware'] {
  if (!s.currentUser) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
  return s.environment.hardware;
}

/** Hardware configuration and tests are the installer's job (README demo user `installer`). */
function installer(s: SeatSession): SeatSession['environment']['hardware'] {
  const hw = signedIn(s);
  if (s.currentUser?.role !== 'installer') throw new BranchlineError('BL_ERR_AUTH_FORBIDDEN', 'Only the installer may configure hardware');
  return hw;
}

export const seatServiceImpl: ImplOf<SeatApi, SeatSession> = {
  app: {
    getInfo: (_input, s) => ({
      version: s.environment.version,
      shell: s.environment.shell,
      serverMode: s.environment.serverMode,
      hubUrl: s.environment.hub.baseUrl,
      locale: s.environment.getLocale(),
    }),
    setLocale: ({ locale }, s) => s.environment.setLocale(locale),
  },
  auth: {
    login: (input, s) => s.login(input),
    logout: (_input, s) => s.logout(),
    current: (_input, s) => s.currentUser,
  },
  agent: {
    getStatus: (_input, s) => s.agentStatus(),
    setPresence: (input, s) => s.setPresence(input),
    listReasonCodes: (_input, s) => s.reasonCodes(),
  },
  hub: {
    getLink: (_input, s) => s.hubLink,
  },
  // Customers, knowledge, screen pop, wrap-up, work orders, callbacks, care and sync: main/seat/workstation.
  ...workstationServiceImpl,
  ...callsServiceImpl,
  queues: {
    list: (_input, s) => {
      if (!s.currentUser) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
      return s.listQueues();
    },
  },
  softphone: {
    getConfig: (_input, s) => s.softphoneConfig(),
  },
  hardware: {
    getStatus: (_input, s) => signedIn(s).status(),
    setCallState: (input, s) => signedIn(s).setCallState(input),
    listDevices: (_input, s) => installer(s).listDevices(),
    getProfile: (_input, s) => installer(s).getProfile(),
    saveProfile: (input, s) => installer(s).saveProfile(input),
    selectHeadset: ({ key }, s) => installer(s).selectHeadset(key),
    selectSerialPort: ({ path, kind }, s) => installer(s).selectSerialPort(path, kind),
    testLed: ({ led, on, target }, s) => installer(s).testLed(led, on, target),
    testRinger: ({ on }, s) => installer(s).testRinger(on),
    recentEvents: ({ limit }, s) => installer(s).recentEvents(limit),
    exportDiagnostics: (_input, s) => installer(s).exportDiagnostics(),
    simulate: (input, s) => installer(s).simulate(input),
  },
};

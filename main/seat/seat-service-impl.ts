/**
 * The seat contract's implementation. Stateless: every method works on the caller's SeatSession,
 * which each binding (IPC per window, WebSocket per connection) creates and passes in.
 */
import { BranchlineError } from '../../protocol/errors';
import type { ImplOf } from '../../protocol/rpc';
import type { SeatApi } from '../../protocol/seat-api';
import type { SeatSession } from './seat-session';

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
  customers: {
    search: (input, s) => s.searchCustomers(input),
  },
  knowledge: {
    search: (input, s) => s.searchKnowledge(input),
  },
  queues: {
    list: (_input, s) => {
      if (!s.currentUser) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
      return s.listQueues();
    },
  },
  softphone: {
    getConfig: (_input, s) => s.softphoneConfig(),
  },
};

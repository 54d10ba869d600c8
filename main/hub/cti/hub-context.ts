import type { Logger } from '../../common/logger';
import type { AcdRuntime } from '../acd/acd-store-adapter';
import type { AgentStatusService } from '../acd/agent-status-service';
import type { SessionService } from '../auth/session-service';
import type { HubEventBus } from '../events/hub-event-bus';
import type { HubStore } from '../store/hub-store';
import type { SyncService } from '../sync/sync-service';

/** What the hub's HTTP/WebSocket layer is given: services only, no transport-specific state. */
export interface HubContext {
  readonly store: HubStore;
  readonly bus: HubEventBus;
  readonly sessions: SessionService;
  readonly agents: AgentStatusService;
  /** The routing engine (queues, strategies, statistics) rebuilt from the store. */
  readonly acd: AcdRuntime;
  readonly sync: SyncService;
  readonly logger: Logger;
  readonly version: string;
}

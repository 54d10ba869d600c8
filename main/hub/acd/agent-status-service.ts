/**
 * The single writer of agent presence. Every change is checked by the state machine, stored with
 * its cause in one transaction, and published on the event bus. After a hub restart the last
 * stored presence is read back, so a pause is never lost (CALLCENTER-SEMANTICS.md pitfall 2).
 */
import type { AgentStatus, ReasonCode, SetPresenceRequest } from '../../../protocol/agent';
import { BranchlineError } from '../../../protocol/errors';
import type { Logger } from '../../common/logger';
import type { HubEventBus } from '../events/hub-event-bus';
import type { HubStore } from '../store/hub-store';
import type { UserRecord } from '../store/types';
import { nextPresence } from './agent-presence-machine';
import type { PresenceCommand } from './agent-presence-machine';

export class AgentStatusService {
  private reasonCache: ReasonCode[] | undefined;

  constructor(
    private readonly store: HubStore,
    private readonly bus: HubEventBus,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  reasonCodes(): ReasonCode[] {
    this.reasonCache ??= this.store.presence.listReasonCodes();
    return this.reasonCache;
  }

  status(user: UserRecord): AgentStatus {
    const agent = this.requireAgent(user);
    const p = this.store.presence.get(user.id);
    return {
      userId: user.id,
      extension: agent,
      displayName: user.displayName,
      presence: p?.presence ?? 'LOGGED_OUT',
      reasonCode: p?.reasonCode ?? null,
      work: 'IDLE',
      since: p?.since ?? 0,
    };
  }

  listAll(): AgentStatus[] {
    return this.store.users.listAgents().map((u) => this.status(u));
  }

  login(user: UserRecord): AgentStatus {
    return this.apply(user, 'login', 'LOGIN', 'agent login');
  }

  logout(user: UserRecord): AgentStatus {
    return this.apply(user, 'logout', null, 'agent logout');
  }

  /** The seat's connection is gone (CTI socket lost past its grace period). */
  connectionLost(user: UserRecord): AgentStatus {
    return this.apply(user, 'connectionLost', null, 'desktop connection lost');
  }

  /** The seat is back after OFFLINE: not ready until the agent chooses otherwise. */
  reconnected(user: UserRecord): AgentStatus {
    return this.apply(user, 'reconnect', 'DESKTOP_LOST', 'desktop reconnected');
  }

  setPresence(user: UserRecord, request: SetPresenceRequest, cause = 'agent'): AgentStatus {
    if (request.presence === 'READY') return this.apply(user, 'setReady', null, cause);
    const reason = this.reasonCodes().find((r) => r.code === request.reasonCode);
    // System reasons are set by the hub itself, never chosen from a seat.
    if (!reason || reason.system) throw new BranchlineError('BL_ERR_AGENT_UNKNOWN_REASON', `Unknown reason code ${request.reasonCode}`);
    return this.apply(user, 'setNotReady', reason.code, cause);
  }

  private apply(user: UserRecord, command: PresenceCommand, reasonCode: string | null, cause: string): AgentStatus {
    const before = this.status(user);
    const next = nextPresence(before.presence, command);
    if (!next) {
      throw new BranchlineError('BL_ERR_AGENT_ILLEGAL_TRANSITION', `Cannot ${command} while ${before.presence}`);
    }
    // Logging in again from a second window keeps the agent's current choice.
    const keep = command === 'login' && before.presence !== 'LOGGED_OUT' && before.presence !== 'OFFLINE';
    if (keep) return before;
    const after: AgentStatus = { ...before, presence: next, reasonCode: next === 'NOT_READY' ? reasonCode : null, since: this.now() };
    this.store.presence.save({ userId: user.id, presence: after.presence, reasonCode: after.reasonCode, since: after.since, work: after.work, cause });
    this.logger.info({ agent: after.extension, from: before.presence, to: after.presence, reason: after.reasonCode, cause }, 'agent presence changed');
    this.bus.publish('agent.status', after);
    return after;
  }

  private requireAgent(user: UserRecord): string {
    if (!user.extension) throw new BranchlineError('BL_ERR_AGENT_NOT_AN_AGENT');
    return user.extension;
  }
}

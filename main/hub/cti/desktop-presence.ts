/**
 * Ties an agent's presence to their seat's CTI connection (CALLCENTER-SEMANTICS.md pitfall 16): when
 * the last CTI socket of an agent is gone for `graceMs`, the agent becomes OFFLINE (the ACD then
 * puts any call ringing there back in the queue); when a socket returns, the agent comes back
 * NOT_READY(DESKTOP_LOST) and chooses to go ready again. A seat that reloads its page within the
 * grace period changes nothing.
 */
import type { Logger } from '../../common/logger';
import type { AgentStatusService } from '../acd/agent-status-service';
import type { UserRecord } from '../store/types';

export class DesktopPresence {
  private readonly sockets = new Map<number, number>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly agents: AgentStatusService,
    private readonly logger: Logger,
    private readonly graceMs: number,
  ) {}

  connected(user: UserRecord): void {
    if (!user.extension) return;
    this.sockets.set(user.id, (this.sockets.get(user.id) ?? 0) + 1);
    clearTimeout(this.timers.get(user.id));
    this.timers.delete(user.id);
    if (this.agents.status(user).presence === 'OFFLINE') this.agents.reconnected(user);
  }

  disconnected(user: UserRecord): void {
    if (!user.extension) return;
    const left = (this.sockets.get(user.id) ?? 1) - 1;
    if (left > 0) {
      this.sockets.set(user.id, left);
      return;
    }
    this.sockets.delete(user.id);
    const timer = setTimeout(() => {
      this.timers.delete(user.id);
      if (this.sockets.has(user.id)) return;
      const presence = this.agents.status(user).presence;
      if (presence !== 'READY' && presence !== 'NOT_READY') return;
      this.logger.warn({ agent: user.extension }, 'seat connection lost: agent offline');
      this.agents.connectionLost(user);
    }, this.graceMs);
    timer.unref();
    this.timers.set(user.id, timer);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}

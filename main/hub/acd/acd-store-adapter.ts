/**
 * Thin adapter between the pure engine and the hub: builds the engine from stored queue config,
 * skills and presence (recovery after a restart, pitfall 2), writes queue-log lines, replays the
 * last day of the log into the statistics (counters survive restarts, pitfall 12), persists
 * presence the engine changes by itself (RONA, offline, pending applied), mirrors presence chosen
 * through AgentStatusService into the engine, and fires deadlines on a real timer.
 */
import type { AgentStatus, Presence } from '../../../protocol/agent';
import { AcdQueueConfig } from '../../../protocol/queue';
import type { QueueStats } from '../../../protocol/queue';
import type { Logger } from '../../common/logger';
import type { HubEventBus } from '../events/hub-event-bus';
import type { HubStore } from '../store/hub-store';
import { AcdEngine } from './acd-engine';
import { AcdIntervalStats } from './acd-interval-stats';
import { buildQueueStats } from './queue-stats';
import type { AcdDecision, AcdEngineOptions, AgentChange, AgentDefinition, PresenceSnapshot, QueueDefinition, QueueLogEntry } from './types';

export function loadAcdDefinitions(store: HubStore, logger?: Logger): { queues: QueueDefinition[]; agents: AgentDefinition[] } {
  const queues = store.acd.listQueues().map((q) => {
    const parsed = AcdQueueConfig.safeParse(q.config ?? {});
    if (!parsed.success) logger?.warn({ queue: q.name, error: parsed.error.message }, 'queue config invalid, using defaults');
    return {
      name: q.name,
      strategy: q.strategy,
      config: parsed.success ? parsed.data : AcdQueueConfig.parse({}),
      members: q.members.map((m) => ({ agentId: m.extension, penalty: m.penalty, paused: m.paused })),
    };
  });
  const skills = new Map<string, Record<string, number>>();
  for (const s of store.acd.listSkills()) skills.set(s.extension, { ...skills.get(s.extension), [s.skill]: s.level });
  const agents = store.users.listAgents().flatMap((u) => (u.extension ? [{ agentId: u.extension, skills: skills.get(u.extension) ?? {} }] : []));
  return { queues, agents };
}

export function loadPresence(store: HubStore): PresenceSnapshot[] {
  return store.users.listAgents().flatMap((u) => {
    if (!u.extension) return [];
    const p = store.presence.get(u.id);
    return [{ agentId: u.extension, presence: p?.presence ?? 'LOGGED_OUT', reason: p?.reasonCode ?? null, since: p?.since ?? 0 }];
  });
}

export interface AcdRuntime {
  readonly engine: AcdEngine;
  readonly stats: AcdIntervalStats;
  /** Decisions caused outside the call layer's own commands (timers, presence from seats). */
  onDecisions(listener: (decisions: AcdDecision[]) => void): () => void;
  /** Runs the engine's deadlines on a real timer. */
  startTimers(): void;
  queueStats(queue: string, from: number, to: number): QueueStats | undefined;
  dispose(): void;
}

export function createAcdRuntime(
  store: HubStore,
  bus: HubEventBus,
  logger: Logger,
  options: Partial<AcdEngineOptions> = {},
): AcdRuntime {
  const now = options.now ?? Date.now;
  const engine = new AcdEngine({ ...options, now });
  const defs = loadAcdDefinitions(store, logger);
  const thresholds = new Map(defs.queues.map((q) => [q.name, q.config]));
  const stats = new AcdIntervalStats((queue) => thresholds.get(queue) ?? AcdQueueConfig.parse({}));
  const listeners = new Set<(d: AcdDecision[]) => void>();
  const users = new Map(store.users.listAgents().flatMap((u) => (u.extension ? [[u.extension, u] as const] : [])));
  let mirroring = false;
  let timer: NodeJS.Timeout | undefined;
  let timersOn = false;

  for (const row of store.acd.logBetween(now() - 24 * 3_600_000, now() + 1)) stats.apply(row as QueueLogEntry);

  const persistAgent = (c: AgentChange) => {
    const user = users.get(c.agentId);
    if (!user) return;
    const status: AgentStatus = { userId: user.id, extension: c.agentId, displayName: user.displayName, presence: c.presence, reasonCode: c.reason, work: c.work, since: c.at };
    const stored = store.presence.get(user.id);
    if (!mirroring && (stored?.presence !== c.presence || stored.reasonCode !== c.reason)) {
      store.presence.save({ userId: user.id, presence: c.presence, reasonCode: c.reason, since: c.at, work: c.work, cause: `acd:${c.cause}` });
      logger.info({ agent: c.agentId, presence: c.presence, reason: c.reason, cause: c.cause }, 'agent presence changed by the ACD');
    }
    const was = mirroring;
    mirroring = true;
    try {
      bus.publish('agent.status', status);
    } finally {
      mirroring = was;
    }
  };

  let rescheduling = false;
  const offEngine = engine.onEvent((e) => {
    // Any state change may move the next deadline (the call layer drives the engine directly).
    if (timersOn && !rescheduling) {
      rescheduling = true;
      queueMicrotask(() => {
        rescheduling = false;
        schedule();
      });
    }
    if (e.kind === 'queue-log') {
      store.acd.appendLog([e.entry]);
      stats.apply(e.entry);
    } else persistAgent(e.change);
  });

  const emit = (decisions: AcdDecision[]) => {
    if (decisions.length > 0) for (const l of listeners) l(decisions);
    schedule();
  };

  const mirror = (agentId: string, presence: Presence, reason: string | null): AcdDecision[] => {
    const view = engine.agentView(agentId);
    if (!view || (view.presence === presence && view.reason === reason) || view.pending?.presence === presence) return [];
    const out: AcdDecision[] = [];
    const loggedOut = view.presence === 'LOGGED_OUT' || view.presence === 'OFFLINE';
    if (presence === 'LOGGED_OUT') return engine.logout(agentId);
    if (presence === 'OFFLINE') return engine.agentDisconnected(agentId);
    if (loggedOut) out.push(...engine.login(agentId));
    if (presence === 'READY') out.push(...engine.setReady(agentId, 'seat'));
    else if (reason && reason !== 'LOGIN') out.push(...engine.setNotReady(agentId, reason, 'seat'));
    return out;
  };

  const offBus = bus.subscribe('agent.status', (s) => {
    if (mirroring) return;
    mirroring = true;
    try {
      emit(mirror(s.extension, s.presence, s.reasonCode));
    } catch (err) {
      logger.warn({ agent: s.extension, err }, 'could not mirror presence into the ACD');
    } finally {
      mirroring = false;
    }
  });

  function schedule(): void {
    if (!timersOn) return;
    if (timer) clearTimeout(timer);
    const next = engine.nextDeadline();
    if (next === null) return;
    timer = setTimeout(() => emit(engine.tick()), Math.max(0, next - now()));
    timer.unref();
  }

  engine.configure(defs.queues, defs.agents);
  engine.restorePresence(loadPresence(store));
  logger.info({ queues: defs.queues.length, agents: defs.agents.length }, 'ACD engine rebuilt from the store');

  return {
    engine,
    stats,
    onDecisions(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    startTimers() {
      timersOn = true;
      schedule();
    },
    queueStats: (queue, from, to) => buildQueueStats(engine, stats, queue, from, to, now()),
    dispose() {
      timersOn = false;
      if (timer) clearTimeout(timer);
      offEngine();
      offBus();
    },
  };
}

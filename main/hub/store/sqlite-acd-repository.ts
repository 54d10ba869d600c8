/** Storage of the ACD engine: queue configuration and members, agent skills, the queue log. */
import type { Database } from 'better-sqlite3';
import type { AgentSkill, QueueStrategy } from '../../../protocol/queue';

export interface AcdQueueRecord {
  id: number;
  name: string;
  strategy: QueueStrategy;
  /** Raw JSON of `queues.config`; the ACD validates it with `AcdQueueConfig`. */
  config: unknown;
  /** In configuration order. */
  members: { userId: number; extension: string; penalty: number; paused: boolean }[];
}

export interface QueueLogRow {
  at: number;
  callId: string;
  conversationId: string;
  queue: string;
  agent: string | null;
  event: string;
  data: Record<string, number | string>;
}

export interface AcdRepository {
  listQueues(): AcdQueueRecord[];
  setQueueConfig(name: string, strategy: QueueStrategy, config: Record<string, unknown>): void;
  setMemberPaused(queueId: number, userId: number, paused: boolean): void;
  listSkills(): { userId: number; extension: string; skill: string; level: number }[];
  /** Replaces the agent's skills. */
  setSkills(userId: number, skills: readonly AgentSkill[]): void;
  appendLog(rows: readonly QueueLogRow[]): void;
  /** Log lines with `at` in [from, to), oldest first. */
  logBetween(from: number, to: number): QueueLogRow[];
}

export function createAcdRepository(db: Database): AcdRepository {
  const queues = db.prepare<[], { id: number; name: string; strategy: QueueStrategy; config: string }>('SELECT id, name, strategy, config FROM queues ORDER BY id');
  const members = db.prepare<[], { queue_id: number; user_id: number; extension: string; penalty: number; paused: number }>(
    `SELECT m.queue_id, m.user_id, u.extension, m.penalty, m.paused
     FROM queue_members m JOIN users u ON u.id = m.user_id
     WHERE u.extension IS NOT NULL AND u.disabled = 0 ORDER BY m.rowid`,
  );
  const setConfig = db.prepare('UPDATE queues SET strategy = ?, config = ? WHERE name = ?');
  const setPaused = db.prepare('UPDATE queue_members SET paused = ? WHERE queue_id = ? AND user_id = ?');
  const skills = db.prepare<[], { user_id: number; extension: string; skill: string; level: number }>(
    'SELECT s.user_id, u.extension, s.skill, s.level FROM agent_skills s JOIN users u ON u.id = s.user_id WHERE u.extension IS NOT NULL ORDER BY s.user_id, s.skill',
  );
  const clearSkills = db.prepare('DELETE FROM agent_skills WHERE user_id = ?');
  const addSkill = db.prepare('INSERT INTO agent_skills (user_id, skill, level) VALUES (?, ?, ?)');
  const insertLog = db.prepare('INSERT INTO queue_log (at, call_id, conversation_id, queue, agent, event, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const logBetween = db.prepare<[number, number], { at: number; call_id: string; conversation_id: string; queue: string; agent: string | null; event: string; data: string }>(
    'SELECT at, call_id, conversation_id, queue, agent, event, data FROM queue_log WHERE at >= ? AND at < ? ORDER BY id',
  );
  const replaceSkills = db.transaction((userId: number, list: readonly AgentSkill[]) => {
    clearSkills.run(userId);
    for (const s of list) addSkill.run(userId, s.skill, s.level);
  });
  const append = db.transaction((rows: readonly QueueLogRow[]) => {
    for (const r of rows) insertLog.run(r.at, r.callId, r.conversationId, r.queue, r.agent, r.event, JSON.stringify(r.data));
  });
  return {
    listQueues: () => {
      const all = members.all();
      return queues.all().map((q) => ({
        id: q.id,
        name: q.name,
        strategy: q.strategy,
        config: JSON.parse(q.config) as unknown,
        members: all.filter((m) => m.queue_id === q.id).map((m) => ({ userId: m.user_id, extension: m.extension, penalty: m.penalty, paused: m.paused !== 0 })),
      }));
    },
    setQueueConfig: (name, strategy, config) => void setConfig.run(strategy, JSON.stringify(config), name),
    setMemberPaused: (queueId, userId, paused) => void setPaused.run(paused ? 1 : 0, queueId, userId),
    listSkills: () => skills.all().map((s) => ({ userId: s.user_id, extension: s.extension, skill: s.skill, level: s.level })),
    setSkills: (userId, list) => replaceSkills(userId, list),
    appendLog: (rows) => append(rows),
    logBetween: (from, to) =>
      logBetween.all(from, to).map((r) => ({
        at: r.at,
        callId: r.call_id,
        conversationId: r.conversation_id,
        queue: r.queue,
        agent: r.agent,
        event: r.event,
        data: JSON.parse(r.data) as Record<string, number | string>,
      })),
  };
}

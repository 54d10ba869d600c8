import type { Database } from 'better-sqlite3';
import type { Presence, ReasonCode } from '../../../protocol/agent';
import type { AgentPresenceRepository, PresenceLogEntry, PresenceRecord } from './types';

interface PresenceRow {
  user_id: number;
  presence: Presence;
  reason_code: string | null;
  since: number;
}

export function createAgentPresenceRepository(db: Database): AgentPresenceRepository {
  const get = db.prepare<[number], PresenceRow>('SELECT * FROM agent_presence WHERE user_id = ?');
  const upsert = db.prepare(
    `INSERT INTO agent_presence (user_id, presence, reason_code, since) VALUES (?, ?, ?, ?)
     ON CONFLICT(user_id) DO UPDATE SET presence = excluded.presence, reason_code = excluded.reason_code, since = excluded.since`,
  );
  const log = db.prepare('INSERT INTO agent_state_log (user_id, presence, reason_code, work, cause, at) VALUES (?, ?, ?, ?, ?, ?)');
  const reasons = db.prepare<[], { code: string; label: string; label_en: string; system: number }>(
    'SELECT code, label, label_en, system FROM reason_codes ORDER BY sort',
  );
  const history = db.prepare<[number, number], PresenceRow & { work: string; cause: string; at: number }>(
    'SELECT user_id, presence, reason_code, work, cause, at AS since FROM agent_state_log WHERE user_id = ? ORDER BY id DESC LIMIT ?',
  );
  const save = db.transaction((e: PresenceLogEntry) => {
    upsert.run(e.userId, e.presence, e.reasonCode, e.since);
    log.run(e.userId, e.presence, e.reasonCode, e.work, e.cause, e.since);
  });
  return {
    get: (userId): PresenceRecord | undefined => {
      const r = get.get(userId);
      return r && { userId: r.user_id, presence: r.presence, reasonCode: r.reason_code, since: r.since };
    },
    save: (entry) => save(entry),
    listReasonCodes: (): ReasonCode[] =>
      reasons.all().map((r) => ({ code: r.code, label: r.label, labelEn: r.label_en, system: r.system !== 0 })),
    log: (userId, limit) =>
      history.all(userId, limit).map((r) => ({
        userId: r.user_id,
        presence: r.presence,
        reasonCode: r.reason_code,
        since: r.since,
        work: r.work,
        cause: r.cause,
      })),
  };
}

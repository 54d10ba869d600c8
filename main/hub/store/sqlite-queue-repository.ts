import type { Database } from 'better-sqlite3';
import type { QueueStrategy } from '../../../protocol/queue';
import type { QueueRepository } from './types';

export function createQueueRepository(db: Database): QueueRepository {
  const insert = db.prepare('INSERT INTO queues (name, strategy, config) VALUES (?, ?, ?)');
  const addMember = db.prepare('INSERT OR REPLACE INTO queue_members (queue_id, user_id, penalty) VALUES (?, ?, ?)');
  const list = db.prepare<[], { id: number; name: string; strategy: QueueStrategy; members: string | null }>(`
    SELECT q.id, q.name, q.strategy, group_concat(u.extension) AS members
    FROM queues q LEFT JOIN queue_members m ON m.queue_id = q.id LEFT JOIN users u ON u.id = m.user_id
    GROUP BY q.id ORDER BY q.id`);
  return {
    create: (q) => Number(insert.run(q.name, q.strategy, JSON.stringify(q.config ?? {})).lastInsertRowid),
    addMember: (queueId, userId, penalty) => void addMember.run(queueId, userId, penalty),
    list: () =>
      list.all().map((r) => ({
        id: r.id,
        name: r.name,
        strategy: r.strategy,
        members: r.members ? r.members.split(',').sort() : [],
      })),
  };
}

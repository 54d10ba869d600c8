/**
 * SQLite storage of the hub's sync state: entities, the change feed (which is also the table of
 * applied mutation ids) and per-seat cursors. Also imports the hub's own customers and knowledge
 * articles into the synced set, masking card and ID numbers on the way in.
 */
import type { Database } from 'better-sqlite3';
import { maskCard, maskIdNumber } from '../../../protocol/masking';
import { formatHlc } from '../../../protocol/sync';
import type { Change, EntityKind, EntityMeta, FieldChange, Mutation } from '../../../protocol/sync';
import type { EntityRecord } from '../../common/sync/field-merge';

export interface SeatCursor {
  seatId: string;
  userId: number | null;
  cursor: number;
  seenAt: number;
}

export interface SnapshotRow {
  id: string;
  baseHlc: string | null;
  docJson: string;
  metaJson: string;
}

export interface SyncRepository {
  load(kind: EntityKind, id: string): EntityRecord | undefined;
  save(kind: EntityKind, record: EntityRecord, cursor: number): void;
  /** The feed cursor of a mutation already applied, if it was. */
  appliedCursor(mutationId: string): number | undefined;
  appendChange(m: Mutation, seatId: string | null, now: number): number;
  changesAfter(cursor: number, limit: number): Change[];
  maxCursor(): number;
  /** One snapshot page as stored JSON text, so serving it never re-parses documents. */
  snapshotRows(kind: EntityKind, after: string, limit: number): SnapshotRow[];
  setSeatCursor(c: SeatCursor): void;
  seatCursors(): SeatCursor[];
  /** Brings customers and knowledge articles not yet synced into the synced set; returns how many. */
  importLegacy(): number;
  transaction<T>(fn: () => T): T;
}

interface EntityRow {
  id: string;
  doc: string;
  meta: string;
  base_hlc: string | null;
}

export function createSyncRepository(db: Database): SyncRepository {
  const load = db.prepare<[string, string], EntityRow>('SELECT id, doc, meta, base_hlc FROM sync_entities WHERE kind = ? AND id = ?');
  const save = db.prepare(
    `INSERT INTO sync_entities (kind, id, doc, meta, base_hlc, cursor) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(kind, id) DO UPDATE SET doc = excluded.doc, meta = excluded.meta, base_hlc = excluded.base_hlc, cursor = excluded.cursor`,
  );
  const applied = db.prepare<[string], { cursor: number }>('SELECT cursor FROM sync_changes WHERE mutation_id = ?');
  const append = db.prepare(
    'INSERT INTO sync_changes (mutation_id, kind, entity_id, hlc, author, changes, seat_id, applied_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const after = db.prepare<[number, number], { cursor: number; mutation_id: string; kind: EntityKind; entity_id: string; hlc: string; author: string; changes: string }>(
    'SELECT cursor, mutation_id, kind, entity_id, hlc, author, changes FROM sync_changes WHERE cursor > ? ORDER BY cursor LIMIT ?',
  );
  const max = db.prepare<[], { c: number | null }>('SELECT max(cursor) AS c FROM sync_changes');
  const page = db.prepare<[string, string, number], EntityRow>(
    'SELECT id, doc, meta, base_hlc FROM sync_entities WHERE kind = ? AND id > ? ORDER BY id LIMIT ?',
  );
  const setSeat = db.prepare(
    `INSERT INTO sync_seat_cursors (seat_id, user_id, cursor, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(seat_id) DO UPDATE SET user_id = excluded.user_id, cursor = max(cursor, excluded.cursor), seen_at = excluded.seen_at`,
  );
  const seats = db.prepare<[], { seat_id: string; user_id: number | null; cursor: number; seen_at: number }>('SELECT * FROM sync_seat_cursors ORDER BY seat_id');

  const repo: SyncRepository = {
    load(kind, id) {
      const r = load.get(kind, id);
      return r ? { id: r.id, baseHlc: r.base_hlc, doc: JSON.parse(r.doc) as Record<string, unknown>, meta: JSON.parse(r.meta) as EntityMeta } : undefined;
    },
    save(kind, record, cursor) {
      save.run(kind, record.id, JSON.stringify(record.doc), JSON.stringify(record.meta), record.baseHlc, cursor);
    },
    appliedCursor: (mutationId) => applied.get(mutationId)?.cursor,
    appendChange(m, seatId, now) {
      return Number(append.run(m.mutationId, m.kind, m.entityId, m.hlc, m.author, JSON.stringify(m.changes), seatId, now).lastInsertRowid);
    },
    changesAfter: (cursor, limit) =>
      after.all(cursor, limit).map((r) => ({
        cursor: r.cursor,
        mutationId: r.mutation_id,
        kind: r.kind,
        entityId: r.entity_id,
        hlc: r.hlc,
        author: r.author,
        changes: JSON.parse(r.changes) as Record<string, FieldChange>,
      })),
    maxCursor: () => max.get()?.c ?? 0,
    snapshotRows: (kind, afterId, limit) => page.all(kind, afterId, limit).map((r) => ({ id: r.id, baseHlc: r.base_hlc, docJson: r.doc, metaJson: r.meta })),
    setSeatCursor: (c) => void setSeat.run(c.seatId, c.userId, c.cursor, c.seenAt),
    seatCursors: () => seats.all().map((r) => ({ seatId: r.seat_id, userId: r.user_id, cursor: r.cursor, seenAt: r.seen_at })),
    importLegacy: () => db.transaction(() => importLegacy(db, repo))(),
    transaction: (fn) => db.transaction(fn)(),
  };
  return repo;
}

/**
 * Each imported entity gets one feed entry carrying all its fields at its base stamp, so seats that
 * finished their snapshot earlier still receive it; replaying that entry onto a snapshot row is a no-op.
 */
function importLegacy(db: Database, repo: SyncRepository): number {
  const customers = db.prepare<[number], { id: number; name: string; tier: string; id_number: string | null; birthday: string | null; tags: string; notes: string; updated_at: number }>(
    `SELECT c.id, c.name, c.tier, c.id_number, c.birthday, c.tags, c.notes, c.updated_at FROM customers c
     WHERE c.id > ? AND NOT EXISTS (SELECT 1 FROM sync_entities s WHERE s.kind = 'customer' AND s.id = CAST(c.id AS TEXT))
     ORDER BY c.id LIMIT 2000`,
  );
  const phones = db.prepare<[number], { digits: string }>('SELECT digits FROM customer_phones WHERE customer_id = ? ORDER BY rowid');
  const cards = db.prepare<[number], { card_number: string }>('SELECT card_number FROM customer_accounts WHERE customer_id = ? ORDER BY id');
  const articles = db.prepare<[], { id: number; category: string; question: string; answer: string; updated_at: number }>(
    `SELECT k.id, k.category, k.question, k.answer, k.updated_at FROM knowledge_articles k
     WHERE NOT EXISTS (SELECT 1 FROM sync_entities s WHERE s.kind = 'knowledge' AND s.id = CAST(k.id AS TEXT)) ORDER BY k.id`,
  );
  let n = 0;
  const put = (kind: EntityKind, id: string, doc: Record<string, unknown>, updatedAt: number) => {
    const hlc = formatHlc(updatedAt, 0, 'hub');
    const changes = Object.fromEntries(Object.entries(doc).map(([f, value]) => [f, { value, parents: [] }]));
    const cursor = repo.appendChange({ mutationId: `import:${kind}:${id}`, kind, entityId: id, hlc, author: 'hub', changes }, null, Date.now());
    repo.save(kind, { id, baseHlc: hlc, doc, meta: {} }, cursor);
    n++;
  };
  // Batches by id rather than iterate(): better-sqlite3 allows no writes while a cursor is open.
  for (let batch = customers.all(0); batch.length > 0; batch = customers.all(batch.at(-1)!.id)) {
    for (const c of batch) {
      const doc = {
        name: c.name,
        tier: c.tier,
        phones: phones.all(c.id).map((p) => p.digits),
        maskedCards: cards.all(c.id).map((a) => maskCard(a.card_number)),
        maskedIdNumber: c.id_number ? maskIdNumber(c.id_number) : null,
        tags: JSON.parse(c.tags) as string[],
        notes: c.notes,
        birthday: c.birthday,
        deleted: false,
      };
      put('customer', String(c.id), doc, c.updated_at);
    }
  }
  for (const a of articles.all()) put('knowledge', String(a.id), { category: a.category, question: a.question, answer: a.answer, deleted: false }, a.updated_at);
  return n;
}

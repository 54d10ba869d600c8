/**
 * Reads and writes whole entity rows of the seat cache (doc + per-field version sets) and keeps
 * the side indexes that generated columns cannot: digits-only phones, name n-grams, conflicts.
 */
import type { Database, Statement } from 'better-sqlite3';
import { normalizePhone } from '../../../protocol/phone';
import type { Conflict, EntityKind, EntityMeta } from '../../../protocol/sync';
import { conflictsOf } from '../../common/sync/field-merge';
import type { EntityRecord } from '../../common/sync/field-merge';

export const TABLE_OF: { readonly [K in EntityKind]: string } = {
  customer: 'customers',
  knowledge: 'knowledge',
  interaction: 'interactions',
  work_order: 'work_orders',
  callback: 'callbacks',
};

interface Row {
  id: string;
  doc: string;
  meta: string;
  base_hlc: string | null;
}

/** 1- and 2-character pieces of a name: what trigram FTS cannot answer. */
export function shortGrams(name: string): string[] {
  const chars = [...name.replace(/\s+/g, '')];
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The phone and name-piece index keys of a customer (none once deleted). */
function sideKeys(record: EntityRecord): { phones: string[]; grams: string[] } {
  if (record.doc.deleted === true) return { phones: [], grams: [] };
  const phones = ((record.doc.phones as string[] | undefined) ?? []).map(normalizePhone).filter((d) => d.length > 0);
  return { phones: [...new Set(phones)], grams: shortGrams(String(record.doc.name ?? '')) };
}

export class EntityTables {
  /** While true (bulk initial snapshot), customer phone and name-piece rows wait for rebuildCustomerIndexes(). */
  deferCustomerIndexes = false;
  private readonly loadStmt = new Map<EntityKind, Statement<[string], Row>>();
  private readonly upsertStmt = new Map<EntityKind, Statement>();
  private readonly delPhone: Statement<[string, string]>;
  private readonly addPhone: Statement<[string, string]>;
  private readonly delGram: Statement<[string, string]>;
  private readonly addGram: Statement<[string, string]>;
  private readonly delConflicts: Statement<[string, string]>;
  private readonly addConflict: Statement<[string, string, string, string, string]>;

  constructor(private readonly db: Database) {
    // The same normalisation as row-by-row indexing, for the set-based rebuild.
    db.function('normalize_phone', { deterministic: true }, (raw: unknown) => normalizePhone(String(raw ?? '')));
    db.table('short_grams', {
      columns: ['gram'],
      parameters: ['name'],
      *rows(name: unknown) {
        for (const gram of shortGrams(String(name ?? ''))) yield { gram };
      },
    });
    for (const [kind, table] of Object.entries(TABLE_OF) as [EntityKind, string][]) {
      this.loadStmt.set(kind, db.prepare(`SELECT id, doc, meta, base_hlc FROM ${table} WHERE id = ?`));
      // An upsert, not INSERT OR REPLACE: the rowid must stay put because the FTS rows point at it.
      this.upsertStmt.set(
        kind,
        db.prepare(
          `INSERT INTO ${table} (id, doc, meta, base_hlc) VALUES (?, ?, ?, ?)
           ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, meta = excluded.meta, base_hlc = excluded.base_hlc`,
        ),
      );
    }
    this.delPhone = db.prepare('DELETE FROM customer_phones WHERE digits = ? AND customer_id = ?');
    this.addPhone = db.prepare('INSERT OR IGNORE INTO customer_phones (digits, customer_id) VALUES (?, ?)');
    this.delGram = db.prepare('DELETE FROM customer_grams WHERE gram = ? AND customer_id = ?');
    this.addGram = db.prepare('INSERT OR IGNORE INTO customer_grams (gram, customer_id) VALUES (?, ?)');
    this.delConflicts = db.prepare('DELETE FROM conflicts WHERE kind = ? AND entity_id = ?');
    this.addConflict = db.prepare('INSERT INTO conflicts (kind, entity_id, field, winner, candidates) VALUES (?, ?, ?, ?, ?)');
  }

  load(kind: EntityKind, id: string): EntityRecord | undefined {
    const row = this.loadStmt.get(kind)!.get(id);
    if (!row) return undefined;
    return { id: row.id, baseHlc: row.base_hlc, doc: JSON.parse(row.doc) as Record<string, unknown>, meta: JSON.parse(row.meta) as EntityMeta };
  }

  /** Stores a merged record; `previous` (the row before, if any) says which side rows to replace. */
  save(kind: EntityKind, record: EntityRecord, previous: EntityRecord | undefined): void {
    this.upsertStmt.get(kind)!.run(record.id, JSON.stringify(record.doc), JSON.stringify(record.meta), record.baseHlc);
    if (kind === 'customer' && !this.deferCustomerIndexes) this.indexCustomer(record, previous);
    if (previous) this.delConflicts.run(kind, record.id);
    if (Object.keys(record.meta).length > 0) {
      for (const c of conflictsOf(kind, record)) this.addConflict.run(kind, c.entityId, c.field, c.winner, JSON.stringify(c.candidates));
    }
  }

  private indexCustomer(record: EntityRecord, previous: EntityRecord | undefined): void {
    const before = previous ? sideKeys(previous) : { phones: [], grams: [] };
    const after = sideKeys(record);
    for (const d of before.phones) if (!after.phones.includes(d)) this.delPhone.run(d, record.id);
    for (const g of before.grams) if (!after.grams.includes(g)) this.delGram.run(g, record.id);
    for (const d of after.phones) this.addPhone.run(d, record.id);
    for (const g of after.grams) this.addGram.run(g, record.id);
  }

  /** Rebuilds every customer search index from the rows, set-based (end of a bulk snapshot). */
  rebuildCustomerIndexes(): void {
    this.db.exec(`
      INSERT INTO customers_fts(customers_fts) VALUES ('delete-all');
      INSERT INTO customers_fts(rowid, text) SELECT rowid, search_text FROM customers;
      DELETE FROM customer_phones;
      INSERT OR IGNORE INTO customer_phones (digits, customer_id)
        SELECT normalize_phone(j.value), c.id FROM customers c, json_each(c.doc, '$.phones') j
        WHERE c.deleted = 0 AND normalize_phone(j.value) <> '';
      DELETE FROM customer_grams;
      INSERT OR IGNORE INTO customer_grams (gram, customer_id)
        SELECT g.gram, c.id FROM customers c, short_grams(c.name) g WHERE c.deleted = 0 ORDER BY 1, 2;
    `);
  }

  conflicts(limit: number): Conflict[] {
    return this.db
      .prepare<[number], { kind: EntityKind; entity_id: string; field: string; winner: string; candidates: string }>(
        'SELECT * FROM conflicts ORDER BY kind, entity_id, field LIMIT ?',
      )
      .all(limit)
      .map((r) => ({ kind: r.kind, entityId: r.entity_id, field: r.field, winner: r.winner, candidates: JSON.parse(r.candidates) as Conflict['candidates'] }));
  }
}

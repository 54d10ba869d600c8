/**
 * Reads of the seat's offline cache: they never leave the seat. Chinese substring search uses FTS5
 * trigram for 3+ characters and the 1-2 character name pieces below that; phone lookups probe the
 * digits-only index.
 */
import type { Database, Statement } from 'better-sqlite3';
import { normalizePhone } from '../../../protocol/phone';
import type {
  CachedArticle,
  CachedCustomer,
  Callback,
  Conflict,
  EntityKind,
  Interaction,
  WorkOrder,
  WorkOrderHistoryEntry,
  WorkOrderStatus,
} from '../../../protocol/sync';
import type { EntityTables } from './entity-tables';
import { TABLE_OF } from './entity-tables';

interface DocRow {
  id: string;
  doc: string;
}

const hydrate = <T>(rows: DocRow[]): T[] => rows.map((r) => ({ ...(JSON.parse(r.doc) as object), id: r.id }) as T);

/** A trigram MATCH phrase: the query quoted, inner quotes doubled, so user text is never FTS syntax. */
const ftsPhrase = (q: string) => `"${q.replace(/"/g, '""')}"`;

export interface WorkOrderFilter {
  status?: WorkOrderStatus;
  assignee?: string;
  customerId?: string;
  limit?: number;
}

export interface CallbackFilter {
  status?: Callback['status'];
  assignee?: string;
  from?: number;
  to?: number;
  limit?: number;
}

export class OfflineQueries {
  private readonly byPhone: Statement<[string], DocRow>;
  private readonly byPhonePrefix: Statement<[string, string, number], DocRow>;
  private readonly byExactName: Statement<[string, number], DocRow>;
  private readonly byGram: Statement<[string, number], DocRow>;
  private readonly byFts: Statement<[string, number], DocRow>;
  private readonly kbFts: Statement<[string, number], DocRow>;
  private readonly kbLike: Statement<[string, number], DocRow>;
  private readonly history: Statement<[string], { mutation_id: string; hlc: string; author: string; changes: string }>;

  constructor(
    private readonly db: Database,
    private readonly tables: EntityTables,
  ) {
    const cust = 'c.id, c.doc FROM customers c';
    this.byPhone = db.prepare(`SELECT ${cust} JOIN customer_phones p ON p.customer_id = c.id WHERE p.digits = ? AND c.deleted = 0 ORDER BY c.id`);
    this.byPhonePrefix = db.prepare(
      `SELECT DISTINCT ${cust} JOIN customer_phones p ON p.customer_id = c.id WHERE p.digits >= ? AND p.digits < ? AND c.deleted = 0 LIMIT ?`,
    );
    this.byExactName = db.prepare(`SELECT ${cust} WHERE c.name = ? AND c.deleted = 0 LIMIT ?`);
    this.byGram = db.prepare(`SELECT ${cust} JOIN customer_grams g ON g.customer_id = c.id WHERE g.gram = ? AND c.deleted = 0 LIMIT ?`);
    this.byFts = db.prepare(`SELECT ${cust} JOIN customers_fts f ON f.rowid = c.rowid WHERE customers_fts MATCH ? AND c.deleted = 0 LIMIT ?`);
    this.kbFts = db.prepare('SELECT k.id, k.doc FROM knowledge k JOIN knowledge_fts f ON f.rowid = k.rowid WHERE knowledge_fts MATCH ? AND k.deleted = 0 LIMIT ?');
    this.kbLike = db.prepare("SELECT id, doc FROM knowledge WHERE deleted = 0 AND search_text LIKE ? ESCAPE '\\' ORDER BY id LIMIT ?");
    this.history = db.prepare("SELECT mutation_id, hlc, author, changes FROM applied_mutations WHERE kind = 'work_order' AND entity_id = ? ORDER BY hlc");
  }

  get(kind: EntityKind, id: string): (Record<string, unknown> & { id: string }) | null {
    const r = this.tables.load(kind, id);
    return r ? { ...r.doc, id: r.id } : null;
  }

  /** Screen pop: every customer owning this number, whatever prefix (+86, 0086, 0) it came with. */
  customersByPhone(raw: string): CachedCustomer[] {
    const digits = normalizePhone(raw);
    return digits ? hydrate<CachedCustomer>(this.byPhone.all(digits)) : [];
  }

  searchCustomers(query: string, limit = 50): CachedCustomer[] {
    const q = query.trim();
    if (!q) return [];
    if (/^[+\d][\d\s-]{2,}$/.test(q)) {
      const digits = normalizePhone(q);
      // A digits prefix as an index range: "138" matches 138..., and never scans the table.
      return hydrate<CachedCustomer>(this.byPhonePrefix.all(digits, `${digits}:`, limit));
    }
    const chars = [...q];
    if (chars.length >= 3) return hydrate<CachedCustomer>(this.byFts.all(ftsPhrase(q), limit));
    // Exact two-character names (王芳) first, then names containing the piece.
    const exact = this.byExactName.all(q, limit);
    const seen = new Set(exact.map((r) => r.id));
    const more = this.byGram.all(q, limit + exact.length).filter((r) => !seen.has(r.id));
    return hydrate<CachedCustomer>([...exact, ...more].slice(0, limit));
  }

  searchKnowledge(query: string, limit = 20): CachedArticle[] {
    const q = query.trim();
    if ([...q].length >= 3) return hydrate<CachedArticle>(this.kbFts.all(ftsPhrase(q), limit));
    // The knowledge base is small (thousands of rows): a scan for 0-2 characters is fine.
    return hydrate<CachedArticle>(this.kbLike.all(`%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit));
  }

  listWorkOrders(filter: WorkOrderFilter = {}): WorkOrder[] {
    const where: string[] = ['deleted = 0'];
    const args: (string | number)[] = [];
    if (filter.status) (where.push('status = ?'), args.push(filter.status));
    if (filter.assignee) (where.push('assignee = ?'), args.push(filter.assignee));
    if (filter.customerId) (where.push('customer_id = ?'), args.push(filter.customerId));
    args.push(filter.limit ?? 200);
    const sql = `SELECT id, doc FROM ${TABLE_OF.work_order} WHERE ${where.join(' AND ')} ORDER BY due_at IS NULL, due_at, id LIMIT ?`;
    return hydrate<WorkOrder>(this.db.prepare<(string | number)[], DocRow>(sql).all(...args));
  }

  /** A work order's timeline: every mutation applied to it, by stamp order. */
  workOrderHistory(id: string): WorkOrderHistoryEntry[] {
    return this.history.all(id).map((r) => {
      const changes = JSON.parse(r.changes) as Record<string, { value: unknown }>;
      return { mutationId: r.mutation_id, hlc: r.hlc, author: r.author, changes: Object.fromEntries(Object.entries(changes).map(([f, c]) => [f, c.value])) };
    });
  }

  listCallbacks(filter: CallbackFilter = {}): Callback[] {
    const where: string[] = ['deleted = 0'];
    const args: (string | number)[] = [];
    if (filter.status) (where.push('status = ?'), args.push(filter.status));
    if (filter.assignee) (where.push("json_extract(doc, '$.assignee') = ?"), args.push(filter.assignee));
    if (filter.from !== undefined) (where.push('scheduled_at >= ?'), args.push(filter.from));
    if (filter.to !== undefined) (where.push('scheduled_at < ?'), args.push(filter.to));
    args.push(filter.limit ?? 200);
    const sql = `SELECT id, doc FROM callbacks WHERE ${where.join(' AND ')} ORDER BY scheduled_at, id LIMIT ?`;
    return hydrate<Callback>(this.db.prepare<(string | number)[], DocRow>(sql).all(...args));
  }

  listInteractions(customerId: string, limit = 50): Interaction[] {
    const sql = 'SELECT id, doc FROM interactions WHERE customer_id = ? AND deleted = 0 ORDER BY started_at DESC LIMIT ?';
    return hydrate<Interaction>(this.db.prepare<[string, number], DocRow>(sql).all(customerId, limit));
  }

  listConflicts(limit = 200): Conflict[] {
    return this.tables.conflicts(limit);
  }
}

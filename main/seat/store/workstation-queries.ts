/**
 * Reads the workstation needs beyond the sync queries (offline-queries.ts): customer care lists,
 * export pages and the rows that follow a customer when two are merged. They run in the database
 * worker like every other read; the care lists scan, which is fine for a list opened by hand.
 */
import type { Database, Statement } from 'better-sqlite3';
import type { CachedCustomer, Callback } from '../../../protocol/sync';

interface DocRow {
  id: string;
  doc: string;
}

const hydrate = <T>(rows: DocRow[]): T[] => rows.map((r) => ({ ...(JSON.parse(r.doc) as object), id: r.id }) as T);

export class WorkstationQueries {
  private readonly birthdays: Statement<[string, number], DocRow>;
  private readonly byTagOrText: Statement<[string, string, number], DocRow>;
  private readonly lastContact: Statement<[string], { customer_id: string; at: number | null }>;
  private readonly quietSince: Statement<[number, number], { customer_id: string; at: number }>;
  private readonly page: Statement<[string, number], DocRow>;
  private readonly byName: Statement<[string, number], DocRow>;
  private readonly callbacksOf: Statement<[string], DocRow>;
  private readonly dueWorkOrders: Statement<[number], DocRow>;

  constructor(db: Database) {
    // Notes are free text: the fund-anomaly rule matches keywords in them. Registered before the
    // statements that use it are prepared; one compiled pattern serves every row.
    const compiled = new Map<string, RegExp>();
    db.function('regexp', { deterministic: true }, (pattern: unknown, text: unknown) => {
      const p = String(pattern);
      let re = compiled.get(p);
      if (!re) compiled.set(p, (re = new RegExp(p)));
      return re.test(String(text ?? '')) ? 1 : 0;
    });
    this.birthdays = db.prepare(
      `SELECT id, doc FROM customers WHERE deleted = 0
       AND substr(json_extract(doc, '$.birthday'), 6, 5) IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?`,
    );
    this.byTagOrText = db.prepare(
      `SELECT id, doc FROM customers WHERE deleted = 0
       AND (EXISTS (SELECT 1 FROM json_each(doc, '$.tags') t WHERE t.value IN (SELECT value FROM json_each(?)))
            OR json_extract(doc, '$.notes') REGEXP ?) ORDER BY id LIMIT ?`,
    );
    this.lastContact = db.prepare(
      `SELECT customer_id, max(started_at) AS at FROM interactions
       WHERE deleted = 0 AND customer_id IN (SELECT value FROM json_each(?)) GROUP BY customer_id`,
    );
    this.quietSince = db.prepare(
      `SELECT customer_id, max(started_at) AS at FROM interactions WHERE deleted = 0 AND customer_id IS NOT NULL
       GROUP BY customer_id HAVING max(started_at) < ? LIMIT ?`,
    );
    this.page = db.prepare('SELECT id, doc FROM customers WHERE deleted = 0 AND id > ? ORDER BY id LIMIT ?');
    this.byName = db.prepare('SELECT id, doc FROM customers WHERE deleted = 0 AND name = ? ORDER BY id LIMIT ?');
    this.callbacksOf = db.prepare('SELECT id, doc FROM callbacks WHERE deleted = 0 AND customer_id = ? ORDER BY scheduled_at');
    this.dueWorkOrders = db.prepare(
      `SELECT id, doc FROM work_orders WHERE deleted = 0 AND due_at IS NOT NULL AND due_at < ?
       AND status NOT IN ('resolved', 'closed', 'cancelled') ORDER BY due_at LIMIT 500`,
    );
  }

  /** Customers whose birthday (month-day) is one of `monthDays` ("MM-DD"). */
  customersWithBirthday(monthDays: string[], limit = 500): CachedCustomer[] {
    return hydrate<CachedCustomer>(this.birthdays.all(JSON.stringify(monthDays), limit));
  }

  /** Customers carrying any of `tags`, or whose notes match `notesPattern` (a JS regular expression). */
  customersFlagged(tags: string[], notesPattern: string, limit = 500): CachedCustomer[] {
    return hydrate<CachedCustomer>(this.byTagOrText.all(JSON.stringify(tags), notesPattern, limit));
  }

  /** The latest interaction per customer, for the ones that have any. */
  lastContacts(customerIds: string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.lastContact.all(JSON.stringify(customerIds))) if (r.at !== null) out[r.customer_id] = r.at;
    return out;
  }

  /** Customers whose last interaction is older than `before` (customers never contacted are not counted). */
  quietCustomers(before: number, limit = 500): { customerId: string; at: number }[] {
    return this.quietSince.all(before, limit).map((r) => ({ customerId: r.customer_id, at: r.at }));
  }

  customersPage(after: string, limit: number): CachedCustomer[] {
    return hydrate<CachedCustomer>(this.page.all(after, limit));
  }

  customersNamed(name: string, limit = 50): CachedCustomer[] {
    return hydrate<CachedCustomer>(this.byName.all(name, limit));
  }

  callbacksOfCustomer(customerId: string): Callback[] {
    return hydrate<Callback>(this.callbacksOf.all(customerId));
  }

  /** Open work orders due before `before`, for reminders and escalation. */
  workOrdersDueBefore(before: number): { id: string; doc: Record<string, unknown> }[] {
    return this.dueWorkOrders.all(before).map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as Record<string, unknown> }));
  }
}

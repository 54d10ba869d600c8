import type { Database } from 'better-sqlite3';
import type { CustomerTier } from '../../../protocol/customer';
import { normalizePhone } from '../../../protocol/phone';
import type { CustomerRecord, CustomerRepository, NewCustomer } from './types';

interface CustomerRow {
  id: number;
  name: string;
  tier: CustomerTier;
  id_number: string | null;
  birthday: string | null;
  tags: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function createCustomerRepository(db: Database): CustomerRepository {
  const insertCustomer = db.prepare(
    'INSERT INTO customers (name, tier, id_number, birthday, tags, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPhone = db.prepare('INSERT OR IGNORE INTO customer_phones (customer_id, digits) VALUES (?, ?)');
  const insertAccount = db.prepare('INSERT INTO customer_accounts (customer_id, kind, card_number, balance_cents) VALUES (?, ?, ?, ?)');
  const phonesOf = db.prepare<[number], { digits: string }>('SELECT digits FROM customer_phones WHERE customer_id = ?');
  const cardsOf = db.prepare<[number], { card_number: string }>('SELECT card_number FROM customer_accounts WHERE customer_id = ? ORDER BY id');
  const byPhone = db.prepare<[string], CustomerRow>(
    'SELECT c.* FROM customers c JOIN customer_phones p ON p.customer_id = c.id WHERE p.digits = ? ORDER BY c.id',
  );
  const search = db.prepare<{ like: string; digits: string; last4: string; limit: number }, CustomerRow>(`
    SELECT DISTINCT c.* FROM customers c
    WHERE c.name LIKE :like ESCAPE '\\'
       OR (:digits <> '' AND c.id IN (SELECT customer_id FROM customer_phones WHERE digits LIKE :digits || '%'))
       OR (:last4 <> '' AND c.id IN (SELECT customer_id FROM customer_accounts WHERE substr(card_number, -4) = :last4))
       OR (:digits <> '' AND c.id_number = :digits)
    ORDER BY c.id LIMIT :limit`);
  const count = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');

  const hydrate = (r: CustomerRow): CustomerRecord => ({
    id: r.id,
    name: r.name,
    tier: r.tier,
    idNumber: r.id_number,
    birthday: r.birthday,
    tags: JSON.parse(r.tags) as string[],
    phones: phonesOf.all(r.id).map((p) => p.digits),
    cards: cardsOf.all(r.id).map((a) => a.card_number),
  });

  const create = db.transaction((c: NewCustomer, now: number) => {
    const id = Number(insertCustomer.run(c.name, c.tier, c.idNumber, c.birthday, JSON.stringify(c.tags), now, now).lastInsertRowid);
    for (const phone of c.phones) insertPhone.run(id, normalizePhone(phone));
    for (const a of c.accounts) insertAccount.run(id, a.kind, a.cardNumber, a.balanceCents);
    return id;
  });

  return {
    create: (c, now) => create(c, now),
    findByPhone: (digits) => byPhone.all(normalizePhone(digits)).map(hydrate),
    search: (query, limit) => {
      const q = query.trim();
      if (!q) return [];
      const digits = /^\+?[\d\s-]{3,}$/.test(q) ? normalizePhone(q) : '';
      const last4 = /^\d{4}$/.test(q) ? q : '';
      return search.all({ like: `%${escapeLike(q)}%`, digits, last4, limit }).map(hydrate);
    },
    count: () => count.get()!.n,
  };
}

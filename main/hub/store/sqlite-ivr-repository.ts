/**
 * SQLite storage for the IVR: flow versions per hotline, card PIN hashes with their persisted
 * failure counter, and the self-service data the IVR reads and writes (balances, transactions,
 * tickets, survey scores). Synchronous like every better-sqlite3 repository; callers above wrap it.
 */
import type { Database } from 'better-sqlite3';
import type { CustomerTier } from '../../../protocol/customer';

export interface StoredFlow {
  hotline: string;
  version: number;
  definition: string;
  checksum: string;
  createdAt: number;
  active: boolean;
}

export interface CardAccount {
  customerId: number;
  kind: 'debit' | 'credit';
  cardNumber: string;
  balanceCents: number;
  tier: CustomerTier;
}

export interface CardPinState {
  pinHash: string;
  failedAttempts: number;
  lockedAt: number | null;
}

export interface AccountTransaction {
  at: number;
  amountCents: number;
  description: string;
}

export interface IvrTicket {
  ticketNo: string;
  kind: 'complaint' | 'voicemail' | 'inquiry';
  status: string;
  customerId: number | null;
  updatedAt: number;
}

export interface NewIvrTicket {
  kind: IvrTicket['kind'];
  status: string;
  customerId: number | null;
  caller: string | null;
  callId: string | null;
  audioPath: string | null;
  durationMs: number | null;
}

export interface IvrRepository {
  /** Stores a new version (next number) and makes it active; returns the version. */
  publishFlow(hotline: string, definition: string, checksum: string, now: number): number;
  activateFlow(hotline: string, version: number): void;
  activeFlow(hotline: string): StoredFlow | undefined;
  flowVersion(hotline: string, version: number): StoredFlow | undefined;
  listFlows(hotline: string): StoredFlow[];
  hotlines(): string[];

  cardAccount(cardNumber: string): CardAccount | undefined;
  cardsWithoutPin(): string[];
  cardNumbers(): string[];
  setPinHash(cardNumber: string, pinHash: string): void;
  pinState(cardNumber: string): CardPinState | undefined;
  /** Adds one failure and locks at `lockAfter`; atomic, so two calls cannot both get a last try. */
  recordPinFailure(cardNumber: string, lockAfter: number, now: number): CardPinState;
  resetPinFailures(cardNumber: string): void;
  unlockPin(cardNumber: string): void;

  addTransaction(cardNumber: string, tx: AccountTransaction): void;
  countTransactions(): number;
  recentTransactions(cardNumber: string, limit: number): AccountTransaction[];

  /** Creates a ticket with the next free number from `firstNumber`; returns it. */
  createTicket(ticket: NewIvrTicket, now: number, ticketNo?: string): string;
  findTicket(ticketNo: string): IvrTicket | undefined;
  countTickets(kind?: IvrTicket['kind']): number;

  recordSurvey(survey: { callId: string; hotline: string | null; score: number; agent: string | null }, now: number): void;
  surveyScore(callId: string): number | undefined;
}

interface FlowRow {
  hotline: string;
  version: number;
  definition: string;
  checksum: string;
  created_at: number;
  active: number;
}

const FIRST_TICKET = 100001;

export function createIvrRepository(db: Database): IvrRepository {
  const flowCols = `f.hotline, f.version, f.definition, f.checksum, f.created_at,
    (SELECT count(*) FROM ivr_hotlines h WHERE h.hotline = f.hotline AND h.active_version = f.version) AS active`;
  const maxVersion = db.prepare<[string], { v: number | null }>('SELECT max(version) AS v FROM ivr_flows WHERE hotline = ?');
  const insertFlow = db.prepare('INSERT INTO ivr_flows (hotline, version, definition, checksum, created_at) VALUES (?, ?, ?, ?, ?)');
  const activate = db.prepare(
    'INSERT INTO ivr_hotlines (hotline, active_version) VALUES (?, ?) ON CONFLICT(hotline) DO UPDATE SET active_version = excluded.active_version',
  );
  const active = db.prepare<[string], FlowRow>(
    `SELECT ${flowCols} FROM ivr_flows f JOIN ivr_hotlines a ON a.hotline = f.hotline AND a.active_version = f.version WHERE f.hotline = ?`,
  );
  const byVersion = db.prepare<[string, number], FlowRow>(`SELECT ${flowCols} FROM ivr_flows f WHERE f.hotline = ? AND f.version = ?`);
  const list = db.prepare<[string], FlowRow>(`SELECT ${flowCols} FROM ivr_flows f WHERE f.hotline = ? ORDER BY f.version`);
  const hotlines = db.prepare<[], { hotline: string }>('SELECT hotline FROM ivr_hotlines ORDER BY hotline');

  const card = db.prepare<[string], { customer_id: number; kind: 'debit' | 'credit'; card_number: string; balance_cents: number; tier: CustomerTier }>(
    'SELECT a.customer_id, a.kind, a.card_number, a.balance_cents, c.tier FROM customer_accounts a JOIN customers c ON c.id = a.customer_id WHERE a.card_number = ?',
  );
  const noPin = db.prepare<[], { card_number: string }>(
    'SELECT a.card_number FROM customer_accounts a LEFT JOIN ivr_card_pins p ON p.card_number = a.card_number WHERE p.card_number IS NULL ORDER BY a.id',
  );
  const cardNumbers = db.prepare<[], { card_number: string }>('SELECT card_number FROM customer_accounts ORDER BY id');
  const setPin = db.prepare(
    `INSERT INTO ivr_card_pins (card_number, pin_hash) VALUES (?, ?)
     ON CONFLICT(card_number) DO UPDATE SET pin_hash = excluded.pin_hash, failed_attempts = 0, locked_at = NULL`,
  );
  const pin = db.prepare<[string], { pin_hash: string; failed_attempts: number; locked_at: number | null }>(
    'SELECT pin_hash, failed_attempts, locked_at FROM ivr_card_pins WHERE card_number = ?',
  );
  const fail = db.prepare<[number, number, string], { pin_hash: string; failed_attempts: number; locked_at: number | null }>(
    `UPDATE ivr_card_pins SET failed_attempts = failed_attempts + 1,
       locked_at = CASE WHEN locked_at IS NULL AND failed_attempts + 1 >= ? THEN ? ELSE locked_at END
     WHERE card_number = ? RETURNING pin_hash, failed_attempts, locked_at`,
  );
  const reset = db.prepare('UPDATE ivr_card_pins SET failed_attempts = 0 WHERE card_number = ? AND locked_at IS NULL');
  const unlock = db.prepare('UPDATE ivr_card_pins SET failed_attempts = 0, locked_at = NULL WHERE card_number = ?');

  const addTx = db.prepare('INSERT INTO account_transactions (card_number, at, amount_cents, description) VALUES (?, ?, ?, ?)');
  const countTx = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM account_transactions');
  const recentTx = db.prepare<[string, number], { at: number; amount_cents: number; description: string }>(
    'SELECT at, amount_cents, description FROM account_transactions WHERE card_number = ? ORDER BY at DESC, id DESC LIMIT ?',
  );

  const maxTicket = db.prepare<[], { n: number | null }>('SELECT max(CAST(ticket_no AS INTEGER)) AS n FROM ivr_tickets');
  const insertTicket = db.prepare(
    `INSERT INTO ivr_tickets (ticket_no, kind, status, customer_id, caller, call_id, audio_path, duration_ms, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const ticket = db.prepare<[string], { ticket_no: string; kind: IvrTicket['kind']; status: string; customer_id: number | null; updated_at: number }>(
    'SELECT ticket_no, kind, status, customer_id, updated_at FROM ivr_tickets WHERE ticket_no = ?',
  );
  const countTickets = db.prepare<[string | null, string | null], { n: number }>('SELECT count(*) AS n FROM ivr_tickets WHERE ? IS NULL OR kind = ?');
  const insertSurvey = db.prepare(
    `INSERT INTO ivr_surveys (call_id, hotline, score, agent, at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(call_id) DO UPDATE SET score = excluded.score, at = excluded.at`,
  );
  const survey = db.prepare<[string], { score: number }>('SELECT score FROM ivr_surveys WHERE call_id = ?');

  const toFlow = (r: FlowRow): StoredFlow => ({
    hotline: r.hotline,
    version: r.version,
    definition: r.definition,
    checksum: r.checksum,
    createdAt: r.created_at,
    active: r.active > 0,
  });
  const toPin = (r: { pin_hash: string; failed_attempts: number; locked_at: number | null }): CardPinState => ({
    pinHash: r.pin_hash,
    failedAttempts: r.failed_attempts,
    lockedAt: r.locked_at,
  });

  const publish = db.transaction((hotline: string, definition: string, checksum: string, now: number): number => {
    const version = (maxVersion.get(hotline)?.v ?? 0) + 1;
    insertFlow.run(hotline, version, definition, checksum, now);
    activate.run(hotline, version);
    return version;
  });
  const newTicket = db.transaction((t: NewIvrTicket, now: number, no?: string): string => {
    const ticketNo = no ?? String(Math.max(FIRST_TICKET, (maxTicket.get()?.n ?? 0) + 1));
    insertTicket.run(ticketNo, t.kind, t.status, t.customerId, t.caller, t.callId, t.audioPath, t.durationMs, now, now);
    return ticketNo;
  });

  return {
    publishFlow: (hotline, definition, checksum, now) => publish(hotline, definition, checksum, now),
    activateFlow: (hotline, version) => {
      if (!byVersion.get(hotline, version)) throw new Error(`no flow ${hotline} v${version}`);
      activate.run(hotline, version);
    },
    activeFlow: (hotline) => {
      const r = active.get(hotline);
      return r ? toFlow(r) : undefined;
    },
    flowVersion: (hotline, version) => {
      const r = byVersion.get(hotline, version);
      return r ? toFlow(r) : undefined;
    },
    listFlows: (hotline) => list.all(hotline).map(toFlow),
    hotlines: () => hotlines.all().map((r) => r.hotline),

    cardAccount: (cardNumber) => {
      const r = card.get(cardNumber);
      return r ? { customerId: r.customer_id, kind: r.kind, cardNumber: r.card_number, balanceCents: r.balance_cents, tier: r.tier } : undefined;
    },
    cardsWithoutPin: () => noPin.all().map((r) => r.card_number),
    cardNumbers: () => cardNumbers.all().map((r) => r.card_number),
    setPinHash: (cardNumber, pinHash) => void setPin.run(cardNumber, pinHash),
    pinState: (cardNumber) => {
      const r = pin.get(cardNumber);
      return r ? toPin(r) : undefined;
    },
    recordPinFailure: (cardNumber, lockAfter, now) => {
      const r = fail.get(lockAfter, now, cardNumber);
      if (!r) throw new Error('no PIN for this card');
      return toPin(r);
    },
    resetPinFailures: (cardNumber) => void reset.run(cardNumber),
    unlockPin: (cardNumber) => void unlock.run(cardNumber),

    addTransaction: (cardNumber, tx) => void addTx.run(cardNumber, tx.at, tx.amountCents, tx.description),
    countTransactions: () => countTx.get()?.n ?? 0,
    recentTransactions: (cardNumber, limit) =>
      recentTx.all(cardNumber, limit).map((r) => ({ at: r.at, amountCents: r.amount_cents, description: r.description })),

    createTicket: (t, now, no) => newTicket(t, now, no),
    findTicket: (ticketNo) => {
      const r = ticket.get(ticketNo);
      return r ? { ticketNo: r.ticket_no, kind: r.kind, status: r.status, customerId: r.customer_id, updatedAt: r.updated_at } : undefined;
    },
    countTickets: (kind) => countTickets.get(kind ?? null, kind ?? null)?.n ?? 0,

    recordSurvey: (s, now) => void insertSurvey.run(s.callId, s.hotline, s.score, s.agent, now),
    surveyScore: (callId) => survey.get(callId)?.score,
  };
}

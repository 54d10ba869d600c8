/**
 * The writer side of the seat's offline cache (it runs inside the database worker). A local write
 * changes the entity and appends its mutation to the outbox in one transaction; remote changes and
 * snapshot pages go through the same per-field merge, with their checkpoint in the same transaction.
 */
import type { Database, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { BranchlineError } from '../../../protocol/errors';
import { DOC_DEFAULTS, DOC_SCHEMAS, HUB_OWNED_FIELDS, WORK_ORDER_TRANSITIONS } from '../../../protocol/sync';
import type { Change, DocOf, EntityKind, FieldChange, Mutation, MutationResult, SnapshotPage, WorkOrderStatus } from '../../../protocol/sync';
import { applyMutation, fieldState, headStamps, mergeSnapshot, winner } from '../../common/sync/field-merge';
import type { EntityRecord } from '../../common/sync/field-merge';
import { HybridLogicalClock } from '../sync/hlc';
import { EntityTables } from './entity-tables';

export type WithId<K extends EntityKind> = DocOf[K] & { id: string };

export interface SnapshotCheckpoint {
  kind: EntityKind;
  /** Last id stored of `kind`; null when that kind is finished. */
  after: string | null;
  feedCursor: number;
  pages: number;
}

export interface OutboxCounts {
  queued: number;
  rejected: number;
  conflicts: number;
}

const docOf = <K extends EntityKind>(record: EntityRecord): WithId<K> => ({ ...(record.doc as DocOf[K]), id: record.id });

export class OfflineStore {
  readonly tables: EntityTables;
  readonly seatId: string;
  private readonly clock: HybridLogicalClock;
  private readonly stmts: {
    applied: Statement<[string], { mutation_id: string }>;
    addApplied: Statement<[string, string, string, string, string, string]>;
    addOutbox: Statement<[string, string, number]>;
    outbox: Statement<[number], { body: string }>;
    dropOutbox: Statement<[string]>;
    rejectOutbox: Statement<[string, string]>;
    attempt: Statement<[string]>;
    getState: Statement<[string], { value: string }>;
    setState: Statement<[string, string]>;
    counts: Statement<[], OutboxCounts>;
  };

  constructor(
    private readonly db: Database,
    options: { now?: () => number; seatId?: string } = {},
  ) {
    this.tables = new EntityTables(db);
    this.stmts = {
      applied: db.prepare('SELECT mutation_id FROM applied_mutations WHERE mutation_id = ?'),
      addApplied: db.prepare('INSERT INTO applied_mutations (mutation_id, kind, entity_id, hlc, author, changes) VALUES (?, ?, ?, ?, ?, ?)'),
      addOutbox: db.prepare('INSERT INTO outbox (mutation_id, body, created_at) VALUES (?, ?, ?)'),
      outbox: db.prepare("SELECT body FROM outbox WHERE state = 'queued' ORDER BY seq LIMIT ?"),
      dropOutbox: db.prepare('DELETE FROM outbox WHERE mutation_id = ?'),
      rejectOutbox: db.prepare("UPDATE outbox SET state = 'rejected', error = ? WHERE mutation_id = ?"),
      attempt: db.prepare('UPDATE outbox SET attempts = attempts + 1 WHERE mutation_id = ?'),
      getState: db.prepare('SELECT value FROM sync_state WHERE key = ?'),
      setState: db.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      counts: db.prepare(`SELECT
        (SELECT count(*) FROM outbox WHERE state = 'queued') AS queued,
        (SELECT count(*) FROM outbox WHERE state = 'rejected') AS rejected,
        (SELECT count(*) FROM conflicts) AS conflicts`),
    };
    // The seat id is the HLC node: made once, kept across restarts.
    let seatId = this.getState('seat.id');
    if (!seatId) {
      seatId = options.seatId ?? randomUUID();
      this.setState('seat.id', seatId);
    }
    this.seatId = seatId;
    this.clock = new HybridLogicalClock({ node: seatId, now: options.now });
    const latest = db.prepare<[], { hlc: string | null }>('SELECT max(hlc) AS hlc FROM applied_mutations').get()?.hlc;
    this.clock.restore(latest);
    this.tables.deferCustomerIndexes = this.getState('bulk.customers') === '1';
  }

  getState(key: string): string | undefined {
    return this.stmts.getState.get(key)?.value;
  }

  setState(key: string, value: string): void {
    this.stmts.setState.run(key, value);
  }

  counts(): OutboxCounts {
    return this.stmts.counts.get()!;
  }

  // ---- local writes -------------------------------------------------------------------------

  create<K extends EntityKind>(kind: K, doc: Partial<DocOf[K]>, author: string, id: string = randomUUID()): WithId<K> {
    const full = parseDoc(kind, { ...DOC_DEFAULTS[kind], ...doc }, false);
    return this.db.transaction(() => {
      if (this.tables.load(kind, id)) throw new BranchlineError('BL_ERR_VALIDATION', `${kind} ${id} already exists`);
      return docOf<K>(this.writeLocal(kind, id, undefined, full, author));
    })();
  }

  update<K extends EntityKind>(kind: K, id: string, patch: Partial<DocOf[K]>, author: string): WithId<K> {
    const fields = parseDoc(kind, patch, true);
    return this.db.transaction(() => {
      const current = this.tables.load(kind, id);
      if (!current) throw new BranchlineError('BL_ERR_NOT_FOUND', `No ${kind} ${id}`);
      if (kind === 'work_order' && 'status' in fields) checkTransition(current.doc.status as WorkOrderStatus, fields.status as WorkOrderStatus);
      return docOf<K>(this.writeLocal(kind, id, current, fields, author));
    })();
  }

  /** Ends a conflict by choosing one of its candidates (or a new value): the edit names every head. */
  resolveConflict(kind: EntityKind, id: string, field: string, choice: { hlc: string } | { value: unknown }, author: string): WithId<EntityKind> {
    return this.db.transaction(() => {
      const current = this.tables.load(kind, id);
      const state = current ? fieldState(current, field) : undefined;
      if (!current || !state || state.heads.length < 2) throw new BranchlineError('BL_ERR_NOT_FOUND', `No conflict on ${kind} ${id}.${field}`);
      const value = 'hlc' in choice ? state.heads.find((h) => h.hlc === choice.hlc)?.value : parseDoc(kind, { [field]: choice.value }, true)[field];
      if ('hlc' in choice && !state.heads.some((h) => h.hlc === choice.hlc)) throw new BranchlineError('BL_ERR_NOT_FOUND', `No candidate ${choice.hlc}`);
      return docOf(this.commit(current, this.mutation(kind, id, author, { [field]: { value, parents: headStamps(state) } })));
    })();
  }

  private writeLocal(kind: EntityKind, id: string, current: EntityRecord | undefined, fields: Record<string, unknown>, author: string): EntityRecord {
    const changes: Record<string, FieldChange> = {};
    for (const [field, value] of Object.entries(fields)) {
      if (current && isDeepStrictEqual(current.doc[field], value)) continue;
      // A new entity leaves hub-owned fields at their defaults: the hub refuses any write to them.
      if (!current && HUB_OWNED_FIELDS[kind].includes(field)) continue;
      // An ordinary edit replaces only the version the user saw; an open conflict stays open.
      const shown = current ? winner(fieldState(current, field)) : undefined;
      changes[field] = { value, parents: shown ? [shown.hlc] : [] };
    }
    if (current && Object.keys(changes).length === 0) return current;
    return this.commit(current, this.mutation(kind, id, author, changes));
  }

  private mutation(kind: EntityKind, entityId: string, author: string, changes: Record<string, FieldChange>): Mutation {
    return { mutationId: randomUUID(), kind, entityId, hlc: this.clock.now(), author, changes };
  }

  private commit(current: EntityRecord | undefined, m: Mutation): EntityRecord {
    const out = applyMutation(current, m, DOC_DEFAULTS[m.kind]);
    this.tables.save(m.kind, out.record, current);
    this.stmts.addApplied.run(m.mutationId, m.kind, m.entityId, m.hlc, m.author, JSON.stringify(m.changes));
    this.stmts.addOutbox.run(m.mutationId, JSON.stringify(m), Date.now());
    return out.record;
  }

  // ---- sync side ----------------------------------------------------------------------------

  outboxBatch(limit: number): Mutation[] {
    return this.stmts.outbox.all(limit).map((r) => JSON.parse(r.body) as Mutation);
  }

  /** Applied and duplicate mutations leave the outbox; rejected ones stay, marked, and stop retrying. */
  ackPushed(results: readonly MutationResult[]): void {
    this.db.transaction(() => {
      for (const r of results) {
        if (r.status === 'rejected') this.stmts.rejectOutbox.run(JSON.stringify(r.error), r.mutationId);
        else this.stmts.dropOutbox.run(r.mutationId);
      }
    })();
  }

  markAttempt(mutationIds: readonly string[]): void {
    this.db.transaction(() => mutationIds.forEach((id) => this.stmts.attempt.run(id)))();
  }

  /** Applies a page of the hub's change feed and moves the feed cursor in the same transaction. */
  applyChanges(changes: readonly Change[], cursor: number): { applied: number; duplicates: number } {
    return this.db.transaction(() => {
      let applied = 0;
      for (const c of changes) {
        if (this.applyRemote(c)) applied++;
      }
      this.setState('feed.cursor', String(cursor));
      return { applied, duplicates: changes.length - applied };
    })();
  }

  /** Applies one remote mutation unless this seat already has it (its own writes come back too). */
  applyRemote(m: Mutation): boolean {
    if (this.stmts.applied.get(m.mutationId)) return false;
    this.clock.receive(m.hlc);
    const current = this.tables.load(m.kind, m.entityId);
    const out = applyMutation(current, m, DOC_DEFAULTS[m.kind]);
    this.tables.save(m.kind, out.record, current);
    this.stmts.addApplied.run(m.mutationId, m.kind, m.entityId, m.hlc, m.author, JSON.stringify(m.changes));
    return true;
  }

  /** Stores one snapshot page and its checkpoint atomically: a crash resumes after this page. */
  applySnapshotPage(page: SnapshotPage, checkpoint: SnapshotCheckpoint): number {
    return this.db.transaction(() => {
      for (const item of page.items) {
        const current = this.tables.load(page.kind, item.id);
        const out = mergeSnapshot(current, item, DOC_DEFAULTS[page.kind]);
        this.tables.save(page.kind, out.record, current);
      }
      this.setState('snapshot.checkpoint', JSON.stringify(checkpoint));
      return page.items.length;
    })();
  }

  /**
   * Starts (or resumes) the initial snapshot. A fresh one defers the customer search indexes to
   * finishSnapshot(): built set-based once, they cost a fraction of row-by-row upkeep.
   */
  beginSnapshot(): void {
    if (this.snapshotCheckpoint() === null && this.getState('snapshot.done') !== '1') this.setState('bulk.customers', '1');
    this.tables.deferCustomerIndexes = this.getState('bulk.customers') === '1';
  }

  /** Ends the initial snapshot atomically: indexes built, feed cursor set, snapshot marked done. */
  finishSnapshot(feedCursor: number): void {
    this.db.transaction(() => {
      if (this.tables.deferCustomerIndexes) {
        this.db.prepare("DELETE FROM sync_state WHERE key = 'bulk.customers'").run();
        this.tables.rebuildCustomerIndexes();
      }
      if (this.getState('feed.cursor') === undefined) this.setState('feed.cursor', String(feedCursor));
      this.setState('snapshot.done', '1');
    })();
    this.tables.deferCustomerIndexes = false;
  }

  snapshotCheckpoint(): SnapshotCheckpoint | null {
    const raw = this.getState('snapshot.checkpoint');
    return raw ? (JSON.parse(raw) as SnapshotCheckpoint) : null;
  }
}

function parseDoc(kind: EntityKind, input: Record<string, unknown>, partial: boolean): Record<string, unknown> {
  const owned = Object.keys(input).filter((k) => HUB_OWNED_FIELDS[kind].includes(k));
  // Creating a customer copies the defaults of these fields (empty); only a change is refused.
  const changed = owned.filter((k) => partial || !isDeepStrictEqual(input[k], (DOC_DEFAULTS[kind] as Record<string, unknown>)[k]));
  if (changed.length > 0) throw new BranchlineError('BL_ERR_SYNC_READ_ONLY_FIELD', `${kind}.${changed.join(', ')} is written by the hub only`);
  const schema = partial ? DOC_SCHEMAS[kind].partial().strict() : DOC_SCHEMAS[kind].strict();
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new BranchlineError('BL_ERR_VALIDATION', `${kind}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data as Record<string, unknown>;
}

function checkTransition(from: WorkOrderStatus, to: WorkOrderStatus): void {
  if (from !== to && !WORK_ORDER_TRANSITIONS[from].includes(to)) {
    throw new BranchlineError('BL_ERR_WORKORDER_ILLEGAL_TRANSITION', `Work order cannot go from ${from} to ${to}`);
  }
}

/**
 * The hub's authority over synced entities. Pushed mutations apply at most once (their id is unique
 * in the feed), merge per field with the same rules as the seats, and append to a feed whose cursor
 * only increases; seats read that feed and a paged snapshot.
 */
import type { Role } from '../../../protocol/auth';
import { BranchlineError } from '../../../protocol/errors';
import type { WireError } from '../../../protocol/errors';
import { DOC_DEFAULTS, DOC_SCHEMAS, HUB_OWNED_FIELDS } from '../../../protocol/sync';
import type { ChangeFeedPage, EntityKind, Mutation, MutationResult, SnapshotPage } from '../../../protocol/sync';
import type { Logger } from '../../common/logger';
import { applyMutation, conflictFields } from '../../common/sync/field-merge';
import type { SyncRepository } from '../store/sqlite-sync-repository';

export interface SyncActor {
  userId: number;
  username: string;
  role: Role;
}

/** Kinds a role may write; everyone on staff reads everything. */
const WRITERS: Readonly<Record<EntityKind, readonly Role[]>> = {
  customer: ['agent', 'lead', 'admin'],
  interaction: ['agent', 'lead', 'admin'],
  work_order: ['agent', 'lead', 'admin'],
  callback: ['agent', 'lead', 'admin'],
  knowledge: ['lead', 'admin'],
};

export class SyncService {
  constructor(
    private readonly repo: SyncRepository,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Makes the hub's own customers and knowledge part of the synced set (run at start-up). */
  importLegacy(): number {
    const n = this.repo.importLegacy();
    if (n > 0) this.logger.info({ imported: n }, 'hub records imported into sync');
    return n;
  }

  push(seatId: string, actor: SyncActor, mutations: readonly Mutation[]): MutationResult[] {
    return this.repo.transaction(() => mutations.map((m) => this.applyOne(seatId, actor, m)));
  }

  private applyOne(seatId: string, actor: SyncActor, m: Mutation): MutationResult {
    const seen = this.repo.appliedCursor(m.mutationId);
    if (seen !== undefined) {
      const current = this.repo.load(m.kind, m.entityId);
      return { mutationId: m.mutationId, status: 'duplicate', cursor: seen, conflicts: current ? conflictFields(current) : [], error: null };
    }
    const problem = this.check(actor, m);
    if (problem) {
      this.logger.warn({ seatId, mutationId: m.mutationId, code: problem.code }, 'mutation rejected');
      return { mutationId: m.mutationId, status: 'rejected', cursor: null, conflicts: [], error: problem };
    }
    // The author is who the hub authenticated, whatever the seat wrote there.
    const stored: Mutation = { ...m, author: actor.username };
    const cursor = this.repo.appendChange(stored, seatId, this.now());
    const out = applyMutation(this.repo.load(m.kind, m.entityId), stored, DOC_DEFAULTS[m.kind]);
    this.repo.save(m.kind, out.record, cursor);
    if (out.conflicts.length > 0) this.logger.info({ kind: m.kind, entityId: m.entityId, fields: out.conflicts }, 'sync conflict kept');
    return { mutationId: m.mutationId, status: 'applied', cursor, conflicts: out.conflicts, error: null };
  }

  private check(actor: SyncActor, m: Mutation): WireError | null {
    if (!WRITERS[m.kind].includes(actor.role)) return new BranchlineError('BL_ERR_AUTH_FORBIDDEN', `${actor.role} may not write ${m.kind}`).toWire();
    const shape = DOC_SCHEMAS[m.kind].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
    for (const [field, change] of Object.entries(m.changes)) {
      if (HUB_OWNED_FIELDS[m.kind].includes(field)) {
        return new BranchlineError('BL_ERR_SYNC_READ_ONLY_FIELD', `${m.kind}.${field} is written by the hub only`).toWire();
      }
      const schema = Object.hasOwn(shape, field) ? shape[field] : undefined;
      if (!schema || !schema.safeParse(change.value).success) {
        return new BranchlineError('BL_ERR_SYNC_INVALID_MUTATION', `${m.kind}.${field} does not accept this value`).toWire();
      }
    }
    return null;
  }

  /** The feed after `cursor`; also records that this seat has applied everything up to `cursor`. */
  changes(seatId: string | undefined, actor: SyncActor, cursor: number, limit: number): ChangeFeedPage {
    if (seatId) this.repo.setSeatCursor({ seatId, userId: actor.userId, cursor, seenAt: this.now() });
    const changes = this.repo.changesAfter(cursor, limit);
    return { changes, cursor: changes.at(-1)?.cursor ?? cursor, more: changes.length === limit };
  }

  /**
   * One snapshot page as a JSON text in the SnapshotPage shape. Documents are spliced in as stored
   * rather than parsed and re-serialized: this is the hot path of a seat's first sync (a million
   * customers), and the seat validates every page against the schema when it arrives.
   */
  snapshotJson(kind: EntityKind, after: string, limit: number): string {
    // The cursor is read before the page: anything changed meanwhile is replayed by the feed (idempotently).
    const feedCursor = this.repo.maxCursor();
    const rows = this.repo.snapshotRows(kind, after, limit);
    const items = rows.map((r) => `{"id":${JSON.stringify(r.id)},"baseHlc":${JSON.stringify(r.baseHlc)},"doc":${r.docJson},"meta":${r.metaJson}}`);
    const next = rows.length === limit ? rows.at(-1)!.id : null;
    return `{"kind":${JSON.stringify(kind)},"items":[${items.join(',')}],"next":${JSON.stringify(next)},"feedCursor":${feedCursor}}`;
  }

  snapshot(kind: EntityKind, after: string, limit: number): SnapshotPage {
    return JSON.parse(this.snapshotJson(kind, after, limit)) as SnapshotPage;
  }

  seatCursors() {
    return this.repo.seatCursors();
  }
}

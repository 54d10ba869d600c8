/**
 * Per-field last-writer-wins with conflicts kept, shared by the seat cache and the hub.
 *
 * A field's state is a grow-only set: `superseded` holds every stamp some version named as a
 * parent, `heads` every version received whose stamp nobody superseded. Merging is set union, so
 * any delivery order and any number of duplicates give the same state on every replica. The shown
 * value is the head with the highest stamp; more than one head means edits that did not see each
 * other (both descend from the same base), which is a conflict until an edit names all heads.
 */
import type { Conflict, EntityKind, EntityMeta, FieldState, FieldVersion, Hlc, Mutation, SnapshotItem } from '../../../protocol/sync';

export interface EntityRecord {
  id: string;
  /** Stamp of fields that still hold their first (imported) value; null for entities born on a seat. */
  baseHlc: Hlc | null;
  /** Shown values: each field's winning head. */
  doc: Record<string, unknown>;
  /** States of fields that differ from "one version at baseHlc" (so imported rows stay small). */
  meta: EntityMeta;
}

const EMPTY: FieldState = { heads: [], superseded: [] };

export function fieldState(record: EntityRecord, field: string): FieldState {
  const stored = record.meta[field];
  if (stored) return stored;
  if (record.baseHlc !== null && field in record.doc) {
    return { heads: [{ hlc: record.baseHlc, parents: [], value: record.doc[field] }], superseded: [] };
  }
  return EMPTY;
}

export function mergeStates(a: FieldState, b: FieldState): FieldState {
  const superseded = [...new Set([...a.superseded, ...b.superseded])].sort();
  const gone = new Set(superseded);
  const heads = new Map<Hlc, FieldVersion>();
  for (const v of [...a.heads, ...b.heads]) if (!gone.has(v.hlc) && !heads.has(v.hlc)) heads.set(v.hlc, v);
  return { heads: [...heads.values()].sort((x, y) => (x.hlc < y.hlc ? -1 : 1)), superseded };
}

export function sameState(a: FieldState, b: FieldState): boolean {
  return (
    a.superseded.length === b.superseded.length &&
    a.heads.length === b.heads.length &&
    a.superseded.every((s, i) => s === b.superseded[i]) &&
    a.heads.every((h, i) => h.hlc === b.heads[i]?.hlc)
  );
}

/** The shown version: the head with the highest stamp. */
export function winner(state: FieldState): FieldVersion | undefined {
  return state.heads.at(-1);
}

export function headStamps(state: FieldState): Hlc[] {
  return state.heads.map((h) => h.hlc);
}

function storeField(record: EntityRecord, field: string, state: FieldState, fallback: unknown): void {
  const top = winner(state);
  record.doc[field] = top ? top.value : fallback;
  const baseline = record.baseHlc !== null && state.superseded.length === 0 && state.heads.length === 1 && top?.hlc === record.baseHlc;
  if (baseline) delete record.meta[field];
  else record.meta[field] = state;
}

export interface MergeOutcome {
  record: EntityRecord;
  /** Fields whose state changed (a new version or a new superseded stamp). */
  changed: string[];
  /** Fields that hold more than one head afterwards. */
  conflicts: string[];
}

function copy(record: EntityRecord): EntityRecord {
  return { id: record.id, baseHlc: record.baseHlc, doc: { ...record.doc }, meta: { ...record.meta } };
}

/** Applies one mutation; `defaults` fills the fields of an entity that did not exist yet. */
export function applyMutation(current: EntityRecord | undefined, m: Mutation, defaults: Record<string, unknown>): MergeOutcome {
  const record = current ? copy(current) : { id: m.entityId, baseHlc: null, doc: { ...defaults }, meta: {} };
  const changed: string[] = [];
  for (const [field, change] of Object.entries(m.changes)) {
    const before = fieldState(record, field);
    const after = mergeStates(before, { heads: [{ hlc: m.hlc, parents: change.parents, value: change.value }], superseded: change.parents });
    if (!sameState(before, after)) {
      storeField(record, field, after, defaults[field]);
      changed.push(field);
    }
  }
  return { record, changed, conflicts: conflictFields(record) };
}

/** Folds a snapshot row into what this replica already holds (set union per field). */
export function mergeSnapshot(current: EntityRecord | undefined, item: SnapshotItem, defaults: Record<string, unknown>): MergeOutcome {
  const incoming: EntityRecord = { id: item.id, baseHlc: item.baseHlc, doc: { ...defaults, ...item.doc }, meta: item.meta };
  if (!current) return { record: incoming, changed: Object.keys(incoming.doc), conflicts: conflictFields(incoming) };
  const record = copy(current);
  // The imported baseline is the hub's: adopt its stamp and re-express our baseline fields explicitly.
  if (record.baseHlc !== incoming.baseHlc) {
    const fields = new Set([...Object.keys(record.doc), ...Object.keys(incoming.doc)]);
    for (const f of fields) record.meta[f] = fieldState(record, f);
    record.baseHlc = incoming.baseHlc;
  }
  const changed: string[] = [];
  for (const field of new Set([...Object.keys(incoming.doc), ...Object.keys(incoming.meta), ...Object.keys(record.meta)])) {
    const before = fieldState(record, field);
    const after = mergeStates(before, fieldState(incoming, field));
    if (!sameState(before, after)) changed.push(field);
    storeField(record, field, after, defaults[field]);
  }
  return { record, changed, conflicts: conflictFields(record) };
}

export function conflictFields(record: EntityRecord): string[] {
  return Object.entries(record.meta)
    .filter(([, s]) => s.heads.length > 1)
    .map(([f]) => f)
    .sort();
}

export function conflictsOf(kind: EntityKind, record: EntityRecord): Conflict[] {
  return conflictFields(record).map((field) => {
    const state = fieldState(record, field);
    const heads = [...state.heads].reverse();
    return { kind, entityId: record.id, field, winner: heads[0]!.hlc, candidates: heads.map((h) => ({ hlc: h.hlc, value: h.value })) };
  });
}

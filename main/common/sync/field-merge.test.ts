import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../protocol/sync';
import type { Mutation, SnapshotItem } from '../../../protocol/sync';
import { applyMutation, conflictsOf, fieldState, mergeSnapshot } from './field-merge';
import type { EntityRecord } from './field-merge';

const h = (ms: number, node: string) => formatHlc(1_700_000_000_000 + ms, 0, node);
const base = h(0, 'hub');
const imported: EntityRecord = { id: 'c1', baseHlc: base, doc: { name: '王芳', notes: '', tier: 'GOLD' }, meta: {} };
const defaults = { name: '', notes: '', tier: 'NORMAL' };
let n = 0;
const edit = (hlc: string, changes: Record<string, [unknown, string[]]>): Mutation => ({
  mutationId: `m-${++n}-aaaaaaaa`,
  kind: 'customer',
  entityId: 'c1',
  hlc,
  author: 'x',
  changes: Object.fromEntries(Object.entries(changes).map(([f, [value, parents]]) => [f, { value, parents }])),
});

describe('per-field merge', () => {
  it('applies an edit that descends from the shown version, per field', () => {
    const a = applyMutation(imported, edit(h(10, 'a'), { notes: ['VIP 客户', [base]] }), defaults);
    expect(a.record.doc).toEqual({ name: '王芳', notes: 'VIP 客户', tier: 'GOLD' });
    expect(a.changed).toEqual(['notes']);
    expect(a.conflicts).toEqual([]);
    expect(a.record.meta.name).toBeUndefined(); // untouched fields stay compact
  });

  it('merges concurrent edits of different fields without a conflict', () => {
    const a = edit(h(10, 'a'), { notes: ['a', [base]] });
    const b = edit(h(20, 'b'), { tier: ['DIAMOND', [base]] });
    const ab = applyMutation(applyMutation(imported, a, defaults).record, b, defaults).record;
    const ba = applyMutation(applyMutation(imported, b, defaults).record, a, defaults).record;
    expect(ab.doc).toEqual({ name: '王芳', notes: 'a', tier: 'DIAMOND' });
    expect(ba).toEqual(ab);
    expect(conflictsOf('customer', ab)).toEqual([]);
  });

  it('keeps concurrent edits of one field as a conflict, shows the later stamp, and resolves by choice', () => {
    const a = edit(h(10, 'a'), { name: ['王芳芳', [base]] });
    const b = edit(h(20, 'b'), { name: ['汪芳', [base]] });
    const merged = applyMutation(applyMutation(imported, a, defaults).record, b, defaults);
    expect(merged.record.doc.name).toBe('汪芳');
    expect(merged.conflicts).toEqual(['name']);
    expect(conflictsOf('customer', merged.record)).toEqual([
      { kind: 'customer', entityId: 'c1', field: 'name', winner: h(20, 'b'), candidates: [{ hlc: h(20, 'b'), value: '汪芳' }, { hlc: h(10, 'a'), value: '王芳芳' }] },
    ]);
    // An ordinary later edit of the winner does not hide the loser: still a conflict.
    const later = applyMutation(merged.record, edit(h(30, 'b'), { name: ['汪芳2', [h(20, 'b')]] }), defaults);
    expect(later.conflicts).toEqual(['name']);
    // Choosing a value names every head as parent: resolved everywhere it arrives.
    const resolved = applyMutation(later.record, edit(h(40, 'a'), { name: ['王芳芳', [h(10, 'a'), h(30, 'b')]] }), defaults);
    expect(resolved.conflicts).toEqual([]);
    expect(resolved.record.doc.name).toBe('王芳芳');
  });

  it('ignores duplicates and stale versions already superseded', () => {
    const a = edit(h(10, 'a'), { notes: ['one', [base]] });
    const a2 = edit(h(11, 'a'), { notes: ['two', [h(10, 'a')]] });
    const s1 = applyMutation(applyMutation(imported, a, defaults).record, a2, defaults).record;
    const again = applyMutation(s1, a, defaults);
    expect(again.changed).toEqual([]);
    expect(again.record).toEqual(s1);
    // Out of order: the child first, then its parent: same final state, no phantom conflict.
    const reversed = applyMutation(applyMutation(imported, a2, defaults).record, a, defaults).record;
    expect(reversed).toEqual(s1);
    expect(reversed.doc.notes).toBe('two');
  });

  it('folds a snapshot row into local edits made before the snapshot arrived', () => {
    const local = applyMutation(imported, edit(h(10, 'a'), { notes: ['local', [base]] }), defaults).record;
    const remoteState = applyMutation(imported, edit(h(20, 'b'), { tier: ['PLATINUM', [base]] }), defaults).record;
    const item: SnapshotItem = { id: 'c1', baseHlc: base, doc: remoteState.doc, meta: remoteState.meta };
    const merged = mergeSnapshot(local, item, defaults).record;
    expect(merged.doc).toEqual({ name: '王芳', notes: 'local', tier: 'PLATINUM' });
    expect(fieldState(merged, 'name').heads).toHaveLength(1);
    expect(mergeSnapshot(merged, item, defaults).changed).toEqual([]);
  });

  it('creates an entity born on a seat from its defaults', () => {
    const m: Mutation = { ...edit(h(5, 'a'), { name: ['李雷', []] }), entityId: 'new-1' };
    const out = applyMutation(undefined, m, defaults);
    expect(out.record).toMatchObject({ id: 'new-1', baseHlc: null, doc: { name: '李雷', notes: '', tier: 'NORMAL' } });
  });
});

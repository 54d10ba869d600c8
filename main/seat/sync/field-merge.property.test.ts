/**
 * Property: 2-3 replicas edit the same entity at random, exchange mutations in random orders with
 * duplicates, and finally everyone receives everything. All replicas must end identical, and every
 * pair of concurrent edits of one field must either have been seen together by a later edit
 * (resolved) or still be reported as a conflict.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc } from '../../../protocol/sync';
import type { Mutation } from '../../../protocol/sync';
import { HybridLogicalClock } from './hlc';
import { applyMutation, conflictsOf, fieldState, headStamps, winner } from '../../common/sync/field-merge';
import type { EntityRecord } from '../../common/sync/field-merge';

const FIELDS = ['name', 'notes', 'tier'] as const;
const BASE = formatHlc(1_700_000_000_000, 0, 'hub');
const DEFAULTS = { name: '', notes: '', tier: 'NORMAL' };

type Step =
  | { t: 'edit'; replica: number; fields: number[]; value: number; resolve: boolean; tick: number }
  | { t: 'deliver'; to: number; pick: number; dup: boolean };

const step = (replicas: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({
      t: fc.constant('edit' as const),
      replica: fc.nat(replicas - 1),
      fields: fc.uniqueArray(fc.nat(FIELDS.length - 1), { minLength: 1, maxLength: 3 }),
      value: fc.nat(9),
      resolve: fc.boolean(),
      tick: fc.integer({ min: -3, max: 5 }),
    }),
    fc.record({ t: fc.constant('deliver' as const), to: fc.nat(replicas - 1), pick: fc.nat(), dup: fc.boolean() }),
  );

interface Replica {
  clock: HybridLogicalClock;
  record: EntityRecord;
  seen: Set<string>;
}

function receive(r: Replica, m: Mutation): void {
  // Duplicates still go through the merge: it must be idempotent on its own.
  r.clock.receive(m.hlc);
  r.record = applyMutation(r.record, m, DEFAULTS).record;
  r.seen.add(m.mutationId);
}

function ancestors(byStamp: Map<string, string[]>, stamp: string, out = new Set<string>()): Set<string> {
  for (const p of byStamp.get(stamp) ?? []) {
    if (!out.has(p)) {
      out.add(p);
      ancestors(byStamp, p, out);
    }
  }
  return out;
}

describe('per-field merge (property)', () => {
  it('converges on every replica and reports every unresolved concurrent edit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(fc.constant(n), fc.array(step(n), { maxLength: 60 }), fc.nat())),
        ([n, steps, seed]) => {
          let wall = 1_700_000_000_100;
          const replicas: Replica[] = Array.from({ length: n }, (_, i) => ({
            // Each replica has its own skew so stamps interleave in every way.
            clock: new HybridLogicalClock({ node: `r${i}`, now: () => wall + i * 7 - (seed % 11) * i }),
            record: { id: 'c1', baseHlc: BASE, doc: { name: '王芳', notes: '', tier: 'GOLD' }, meta: {} },
            seen: new Set(),
          }));
          const log: Mutation[] = [];
          let id = 0;
          for (const s of steps) {
            if (s.t === 'edit') {
              wall += s.tick;
              const r = replicas[s.replica]!;
              const hlc = r.clock.now();
              const changes = Object.fromEntries(
                s.fields.map((fi) => {
                  const f = FIELDS[fi]!;
                  const state = fieldState(r.record, f);
                  // Resolving names every head; an ordinary edit names only the shown one.
                  const parents = s.resolve ? headStamps(state) : [winner(state)!.hlc];
                  return [f, { value: f === 'tier' ? (['NORMAL', 'GOLD'][s.value % 2] as string) : `${f}-${s.value}-${id}`, parents }];
                }),
              );
              const m: Mutation = { mutationId: `mut-${String(id++).padStart(6, '0')}`, kind: 'customer', entityId: 'c1', hlc, author: `r${s.replica}`, changes };
              log.push(m);
              receive(r, m);
            } else if (log.length > 0) {
              const m = log[s.pick % log.length]!;
              const r = replicas[s.to]!;
              if (!r.seen.has(m.mutationId) || s.dup) receive(r, m);
            }
          }
          // Final anti-entropy: everyone gets everything, in a different shuffled order each.
          replicas.forEach((r, i) => {
            const order = [...log].sort((a, b) => ((a.mutationId.charCodeAt(6 + (i % 3)) * 31 + seed) % 7) - ((b.mutationId.charCodeAt(6 + (i % 3)) * 31 + seed) % 7));
            for (const m of [...order, ...order.slice(0, 3)]) receive(r, m);
          });
          const first = replicas[0]!.record;
          for (const r of replicas) expect(r.record).toEqual(first);

          for (const f of FIELDS) {
            const parentsOf = new Map<string, string[]>([[BASE, []]]);
            for (const m of log) if (m.changes[f]) parentsOf.set(m.hlc, m.changes[f].parents);
            const versions = [...parentsOf.keys()];
            const anc = new Map(versions.map((v) => [v, ancestors(parentsOf, v)]));
            const heads = fieldState(first, f).heads.map((h) => h.hlc);
            const named = new Set([...parentsOf.values()].flat());
            // Heads are exactly the versions nobody superseded: nothing dropped, nothing phantom.
            expect(heads.sort()).toEqual(versions.filter((v) => !named.has(v)).sort());
            const reported = conflictsOf('customer', first).some((c) => c.field === f);
            expect(reported).toBe(heads.length > 1);
            for (const v of versions) {
              for (const w of versions) {
                if (v >= w || anc.get(v)!.has(w) || anc.get(w)!.has(v)) continue;
                const resolved = versions.some((x) => anc.get(x)!.has(v) && anc.get(x)!.has(w));
                if (resolved) continue;
                // Unresolved concurrency: some head descends from (or is) each side.
                const side = (s: string) => heads.some((hd) => hd === s || anc.get(hd)!.has(s));
                expect(reported && side(v) && side(w)).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

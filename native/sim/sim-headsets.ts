/**
 * Named simulated headsets for `--hw sim` and `branchline sim headset --model NAME`: a name is a
 * fixture file in testdata/hid (with or without .json), its model string, or a unique part of either.
 */
import type { HidSimBinding } from './hid-sim-binding';
import { HeadsetSim } from './headset-sim';
import { allHidFixtures } from './hid-fixtures';
import type { HidFixtureFile } from './hid-fixtures';

export const DEFAULT_SIM_HEADSET = 'jabra-evolve-link-ms-0b0e-0307';

export function resolveHidFixture(name: string): HidFixtureFile {
  const all = allHidFixtures();
  const want = name.trim().toLowerCase().replace(/\.json$/, '');
  const exact = all.find((f) => f.file.replace(/\.json$/, '') === want || f.model.toLowerCase() === want);
  if (exact) return exact;
  const partial = all.filter((f) => f.file.includes(want) || f.model.toLowerCase().includes(want));
  if (partial.length === 1) return partial[0]!;
  const names = all.map((f) => f.file.replace(/\.json$/, '')).join(', ');
  throw new Error(partial.length > 1 ? `"${name}" matches several headsets: ${partial.map((f) => f.file).join(', ')}` : `no simulated headset "${name}"; known: ${names}`);
}

/** Adds one simulated headset per name; the n-th gets serial SIM000n so keys stay distinct. */
export function addSimHeadsets(binding: HidSimBinding, names: readonly string[]): HeadsetSim[] {
  return names.map((name, i) => {
    const fixture = resolveHidFixture(name);
    return HeadsetSim.fromFixture(binding, fixture, { serialNumber: `SIM${String(i + 1).padStart(4, '0')}`, path: `sim:hid/${fixture.file.replace(/\.json$/, '')}` });
  });
}

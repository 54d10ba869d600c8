/**
 * Loads the real headset descriptors in testdata/hid (copied from /work/shared/fixtures/hid),
 * for tests and demo simulators.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { HidFixture } from './headset-sim';

export interface HidFixtureFile extends HidFixture {
  file: string;
  descriptor_length: number;
  descriptor_sha256: string;
  top_level_collections: string[];
  windows_reconstructed_NOT_device_bytes?: Record<string, { descriptor_hex: string } | string>;
  collections_real?: Record<string, { descriptor_hex?: string }>;
  decoded_by_fixture_author?: {
    telephony_and_led_usages?: { page: string; usage: string; report_type: string; report_id: number; bit_offset: number; bit_size: number; flags: string }[];
    report_payload_bytes_excluding_report_id?: Record<string, Record<string, number>>;
  };
}

export const HID_FIXTURE_DIR = fileURLToPath(new URL('../../testdata/hid/', import.meta.url));

export function loadHidFixture(name: string): HidFixtureFile {
  const file = name.endsWith('.json') ? name : `${name}.json`;
  return { file, ...(JSON.parse(readFileSync(HID_FIXTURE_DIR + file, 'utf8')) as Omit<HidFixtureFile, 'file'>) };
}

export function allHidFixtures(): HidFixtureFile[] {
  return readdirSync(HID_FIXTURE_DIR).filter((f) => f.endsWith('.json')).sort().map(loadHidFixture);
}

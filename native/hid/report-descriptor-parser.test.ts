import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allHidFixtures, loadHidFixture } from '../sim/hid-fixtures';
import { isHidError } from './hid-error';
import { descriptorBytes, parseReportDescriptor } from './report-descriptor-parser';
import type { HidField, ParsedDescriptor } from './report-descriptor-parser';

const hex4 = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
const field = (d: ParsedDescriptor, kind: string, id: number, bit: number): HidField | undefined =>
  d.fields.find((f) => f.kind === kind && f.reportId === id && f.bitOffset === bit);

function flagString(f: HidField): string {
  return [f.flags.constant ? 'Const' : 'Data', f.flags.variable ? 'Var' : 'Array', f.flags.relative ? 'Rel' : 'Abs']
    .concat(f.flags.noPreferred ? ['NoPref'] : [], f.flags.nullState ? ['Null'] : [])
    .join(',');
}

describe('real fixtures', () => {
  const fixtures = allHidFixtures();

  it('has all 15 fixtures, byte counts and sha256 as recorded', () => {
    expect(fixtures).toHaveLength(15);
    for (const fx of fixtures) {
      const bytes = descriptorBytes(fx.descriptor_hex);
      expect(bytes.length, fx.file).toBe(fx.descriptor_length);
      expect(createHash('sha256').update(bytes).digest('hex'), fx.file).toBe(fx.descriptor_sha256);
    }
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s: top-level collections match', (_, fx) => {
    const d = parseReportDescriptor(fx.descriptor_hex);
    expect(d.collections.map((c) => `${hex4(c.usage >>> 16)}:${hex4(c.usage & 0xffff)}`)).toEqual(fx.top_level_collections);
    expect(d.collections.every((c) => c.type === 'application')).toBe(true);
  });

  it.each(fixtures.filter((f) => f.decoded_by_fixture_author?.telephony_and_led_usages).map((f) => [f.file, f] as const))(
    '%s: every telephony/LED usage the fixture author decoded is at the same report, bit, flags',
    (_, fx) => {
      const d = parseReportDescriptor(fx.descriptor_hex);
      for (const u of fx.decoded_by_fixture_author!.telephony_and_led_usages!) {
        const f = field(d, u.report_type.toLowerCase(), u.report_id, u.bit_offset);
        expect(f, `${u.usage} ${u.report_type} ${u.report_id} b${u.bit_offset}`).toBeDefined();
        const first = Number.parseInt(u.usage.split('..')[0]!, 16);
        const usage = f!.usage ?? f!.arrayUsages?.[0]?.min;
        expect(usage).toBe(((Number.parseInt(u.page, 16) << 16) | first) >>> 0);
        expect(f!.bitSize).toBe(u.bit_size);
        expect(flagString(f!)).toBe(u.flags);
      }
      for (const [kind, ids] of Object.entries(fx.decoded_by_fixture_author!.report_payload_bytes_excluding_report_id ?? {})) {
        for (const [id, bytes] of Object.entries(ids)) {
          const r = d.reports.find((x) => x.kind === kind.toLowerCase() && x.reportId === Number.parseInt(id, 16));
          expect(r?.byteLength, `${kind} ${id}`).toBe(bytes);
        }
      }
    },
  );

  it('Blackwire 3220: the other real collections and the Windows reconstructions parse too', () => {
    const fx = loadHidFixture('plantronics-blackwire-3220-047f-c056');
    const real = Object.values(fx.collections_real ?? {}).flatMap((c) => (c.descriptor_hex ? [c.descriptor_hex] : []));
    const win = Object.values(fx.windows_reconstructed_NOT_device_bytes ?? {}).flatMap((c) => (typeof c === 'object' ? [c.descriptor_hex] : []));
    expect(real).toHaveLength(2);
    expect(win).toHaveLength(3);
    expect(parseReportDescriptor(real[0]!).collections[0]!.usage).toBe(0x000c0001);
    expect(parseReportDescriptor(real[1]!).collections[0]!.usage).toBe(0xffa00003);
    // Same report lengths in both forms, although item order and padding differ.
    const lengths = (d: ParsedDescriptor) => d.reports.map((r) => `${r.kind}:${r.reportId}:${r.bitLength}`).sort();
    expect(lengths(parseReportDescriptor(win[0]!))).toEqual(lengths(parseReportDescriptor(real[0]!)));
    expect(lengths(parseReportDescriptor(win[1]!))).toEqual(lengths(parseReportDescriptor(real[1]!)));
    expect(lengths(parseReportDescriptor(win[2]!))).toEqual(lengths(parseReportDescriptor(fx.descriptor_hex)));
  });

  it('EPOS IMPACT: nested application collection with no usage does not throw and keeps the path', () => {
    const d = parseReportDescriptor(loadHidFixture('epos-impact-d1-1395-009c').descriptor_hex);
    const nested = d.allCollections.find((c) => c.type === 'application' && c.depth > 0);
    expect(nested?.usage).toBe(0);
    expect(d.allCollections[nested!.parent!]!.usage).toBe(0x000b0005);
    const hook = d.fields.find((f) => f.usage === 0x000b0020 && f.kind === 'input');
    expect(hook?.collectionPath[0]).toBe(0);
  });

  it('Jabra Link 380c: Constant-flagged fields keep their usages', () => {
    const d = parseReportDescriptor(loadHidFixture('jabra-link-380c-0b0e-24c9').descriptor_hex);
    const hook = field(d, 'input', 2, 0)!;
    expect(hook.usage).toBe(0x000b0020);
    expect(hook.flags.constant).toBe(true);
    expect(field(d, 'input', 2, 3)!.usage).toBe(0x000b002f);
    // 0x92 02 01 / 0x82 02 01: two-byte Main item data, Buffered Bytes bit 8.
    expect(d.fields.find((f) => f.kind === 'output' && f.reportId === 5)!.flags.bufferedBytes).toBe(true);
  });

  it('usage-page ordering: 09 07 05 09 81 02 is Button 7 (GN); 09 07 05 09 09 01 81 keeps Telephony 0x07 (Linux rule)', () => {
    const gn = parseReportDescriptor(loadHidFixture('jabra-evolve-link-ms-0b0e-0307').descriptor_hex);
    expect(field(gn, 'input', 2, 6)!.usage).toBe(0x00090007);
    const poly = parseReportDescriptor(loadHidFixture('poly-bt700-047f-02e6').descriptor_hex);
    expect(field(poly, 'input', 0x20, 4)!.usage).toBe(0x000b0007);
  });

  it('negative fixture G535 has no Telephony or LED usages', () => {
    const d = parseReportDescriptor(loadHidFixture('logitech-g535-046d-0ac4').descriptor_hex);
    const pages = new Set(d.fields.map((f) => (f.usage ?? f.arrayUsages?.[0]?.min ?? 0) >>> 16));
    expect(pages.has(0x0b)).toBe(false);
    expect(pages.has(0x08)).toBe(false);
  });
});

describe('synthetic items', () => {
  it('push/pop restores globals; bit offsets run per (kind, report id)', () => {
    const d = parseReportDescriptor(
      '05 0b 09 05 a1 01 85 01 15 00 25 01 75 01 95 01 a4 75 04 95 02 09 20 81 02 b4 09 21 81 02 ' +
        '09 2f 91 02 85 02 09 24 81 02 c0',
    );
    expect(d.fields.map((f) => [f.kind, f.reportId, f.bitOffset, f.bitSize, f.usage])).toEqual([
      ['input', 1, 0, 4, 0x000b0020],
      ['input', 1, 4, 4, 0x000b0020], // last usage repeats for extra elements
      ['input', 1, 8, 1, 0x000b0021],
      ['output', 1, 0, 1, 0x000b002f],
      ['input', 2, 0, 1, 0x000b0024],
    ]);
    expect(d.usesReportIds).toBe(true);
  });

  it('signed logical minimum, unsigned maximum when minimum >= 0', () => {
    const d = parseReportDescriptor('05 01 a1 01 09 30 15 81 25 7f 75 08 95 01 81 06 15 00 26 ff 00 09 31 81 02 c0');
    expect([d.fields[0]!.logicalMin, d.fields[0]!.logicalMax]).toEqual([-127, 127]);
    expect([d.fields[1]!.logicalMin, d.fields[1]!.logicalMax]).toEqual([0, 255]);
    expect(d.fields[0]!.flags.relative).toBe(true);
  });

  it('extended 32-bit usages ignore the usage page; usage min/max ranges; long items are skipped', () => {
    const d = parseReportDescriptor(
      '05 0b 0b 09 00 08 00 a1 01 fe 02 10 aa bb 0b 17 00 08 00 05 09 19 01 29 03 15 00 25 01 75 01 95 04 81 02 c0',
    );
    expect(d.collections[0]!.usage).toBe(0x00080009);
    expect(d.longItems).toEqual([{ tag: 0x10, data: Uint8Array.of(0xaa, 0xbb) }]);
    expect(d.fields.map((f) => f.usage)).toEqual([0x00080017, 0x00090001, 0x00090002, 0x00090003]);
  });

  it('array items list their usage range; padding advances offsets without fields', () => {
    const d = parseReportDescriptor('05 0b a1 01 75 03 95 01 81 01 19 b0 29 bb 15 00 25 0b 75 04 95 02 81 00 c0');
    expect(d.fields).toHaveLength(2);
    expect(d.fields[0]!.bitOffset).toBe(3);
    expect(d.fields[1]!.bitOffset).toBe(7);
    expect(d.fields[0]!.arrayUsages).toEqual([{ min: 0x000b00b0, max: 0x000b00bb }]);
    expect(d.reports).toEqual([{ kind: 'input', reportId: 0, bitLength: 11, byteLength: 2 }]);
  });

  it('delimiter sets keep only the first alternative', () => {
    const d = parseReportDescriptor('05 0b a1 01 a9 01 09 20 09 21 a9 00 09 2f 15 00 25 01 75 01 95 02 81 02 c0');
    expect(d.fields.map((f) => f.usage)).toEqual([0x000b0020, 0x000b002f]);
  });

  it.each([
    ['truncated short item', '05 0b 09'],
    ['truncated long item', 'fe 05 10 00'],
    ['End Collection without Collection', 'c0'],
    ['Pop without Push', 'b4'],
    ['collection left open', '05 0b 09 05 a1 01'],
    ['report id 0', '85 00'],
  ])('rejects %s with BL_ERR_HW_DESCRIPTOR', (_, hex) => {
    let caught: unknown;
    try {
      parseReportDescriptor(hex);
    } catch (err) {
      caught = err;
    }
    expect(isHidError(caught, 'BL_ERR_HW_DESCRIPTOR')).toBe(true);
  });
});

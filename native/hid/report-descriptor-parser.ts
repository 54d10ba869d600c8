/**
 * HID 1.11 report descriptor parser (§6.2.2). Pure: bytes in, collections tree + fields out.
 *
 * Usage-page resolution follows Linux hid-core (since "HID: core: move Usage Page concatenation
 * to Main item", 2019): a 1/2-byte usage takes the page current when it is declared, and at the
 * Main item the trailing usages are re-stamped with the page then current until one already
 * carries it. So `09 07 05 09 81 02` is Button 7 (what Jabra/Gigaset intended), not Telephony 0x07.
 */
import { HidError } from './hid-error';

export type ReportKind = 'input' | 'output' | 'feature';
export type CollectionType =
  | 'physical' | 'application' | 'logical' | 'report' | 'namedArray' | 'usageSwitch' | 'usageModifier' | 'vendor';

export interface MainItemFlags {
  constant: boolean;
  variable: boolean;
  relative: boolean;
  wrap: boolean;
  nonLinear: boolean;
  noPreferred: boolean;
  nullState: boolean;
  volatile: boolean;
  bufferedBytes: boolean;
}

/** An inclusive range of extended (page << 16 | id) usages; a single usage has min === max. */
export interface UsageRange {
  min: number;
  max: number;
}

export interface HidCollection {
  index: number;
  type: CollectionType;
  typeCode: number;
  /** Extended usage (page << 16 | id); 0 when the collection declares none. */
  usage: number;
  parent: number | undefined;
  depth: number;
  children: HidCollection[];
}

/** One report element (one of Report Count), flattened. */
export interface HidField {
  kind: ReportKind;
  /** 0 when the descriptor declares no report IDs. */
  reportId: number;
  /** Bit offset inside the payload (after the report-ID byte), per (kind, reportId). */
  bitOffset: number;
  bitSize: number;
  /** Variable items: the element's usage. Array items: undefined (see arrayUsages). */
  usage: number | undefined;
  /** Array items: the usages the element's value selects (value - logicalMin indexes into them). */
  arrayUsages: UsageRange[] | undefined;
  flags: MainItemFlags;
  logicalMin: number;
  logicalMax: number;
  /** Indices into ParsedDescriptor.allCollections, outermost first. */
  collectionPath: number[];
  /** Which Main item produced this field, and which element of its Report Count it is. */
  itemIndex: number;
  elementIndex: number;
  reportCount: number;
}

export interface ReportLayout {
  kind: ReportKind;
  reportId: number;
  bitLength: number;
  /** Payload bytes, without the report-ID byte. */
  byteLength: number;
}

export interface ParsedDescriptor {
  collections: HidCollection[];
  allCollections: HidCollection[];
  fields: HidField[];
  reports: ReportLayout[];
  usesReportIds: boolean;
  longItems: { tag: number; data: Uint8Array }[];
}

interface GlobalState {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  reportSize: number;
  reportId: number;
  reportCount: number;
}

interface LocalUsage extends UsageRange {
  /** 4-byte usages carry their own page and are never re-stamped. */
  extended: boolean;
}

const COLLECTION_TYPES: CollectionType[] = [
  'physical', 'application', 'logical', 'report', 'namedArray', 'usageSwitch', 'usageModifier',
];
const MAIN_KIND: Record<number, ReportKind> = { 0x8: 'input', 0x9: 'output', 0xb: 'feature' };

function fail(message: string, offset: number): never {
  throw new HidError('BL_ERR_HW_DESCRIPTOR', `report descriptor: ${message} at byte ${offset}`);
}

export function decodeMainFlags(data: number): MainItemFlags {
  const bit = (n: number) => (data & (1 << n)) !== 0;
  return {
    constant: bit(0), variable: bit(1), relative: bit(2), wrap: bit(3), nonLinear: bit(4),
    noPreferred: bit(5), nullState: bit(6), volatile: bit(7), bufferedBytes: bit(8),
  };
}

/** Accepts raw bytes or the fixtures' space-separated hex. */
export function descriptorBytes(input: Uint8Array | string): Uint8Array {
  if (typeof input !== 'string') return input;
  const hex = input.replace(/[^0-9a-fA-F]/g, '');
  if (hex.length % 2 !== 0) throw new HidError('BL_ERR_HW_DESCRIPTOR', 'odd number of hex digits');
  return Uint8Array.from(hex.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
}

/** Flattens a usage list into the usage for element `i` (last usage repeats, HID 1.11 §6.2.2.8). */
function usageAt(usages: readonly UsageRange[], i: number): number | undefined {
  let remaining = i;
  let last: number | undefined;
  for (const r of usages) {
    const span = r.max - r.min + 1;
    if (remaining < span) return r.min + remaining;
    remaining -= span;
    last = r.max;
  }
  return last;
}

export function parseReportDescriptor(input: Uint8Array | string): ParsedDescriptor {
  const bytes = descriptorBytes(input);
  let global: GlobalState = { usagePage: 0, logicalMin: 0, logicalMax: 0, reportSize: 0, reportId: 0, reportCount: 0 };
  const globalStack: GlobalState[] = [];
  let usages: LocalUsage[] = [];
  let pendingMin: { value: number; extended: boolean } | undefined;
  let pendingMax: { value: number; extended: boolean } | undefined;
  let delimiterDepth = 0;
  let delimiterUsed = false;

  const roots: HidCollection[] = [];
  const all: HidCollection[] = [];
  const open: HidCollection[] = [];
  const fields: HidField[] = [];
  const bitCursor = new Map<string, ReportLayout>();
  const longItems: { tag: number; data: Uint8Array }[] = [];
  let itemIndex = 0;
  let usesReportIds = false;

  const resolve = (value: number, size: number) =>
    size === 4 ? value >>> 0 : ((global.usagePage << 16) | (value & 0xffff)) >>> 0;
  const pushUsage = (u: LocalUsage) => {
    // Inside a delimiter set only the first alternative names the control (§6.2.2.8).
    if (delimiterDepth > 0) {
      if (delimiterUsed) return;
      delimiterUsed = true;
    }
    usages.push(u);
  };
  const takeRange = () => {
    if (pendingMin === undefined || pendingMax === undefined) return;
    pushUsage({ min: pendingMin.value, max: pendingMax.value, extended: pendingMin.extended });
    pendingMin = undefined;
    pendingMax = undefined;
  };
  /** Linux's hid_concatenate_last_usage_page, applied at every Main item. */
  const restampUsages = () => {
    const page = global.usagePage;
    for (let i = usages.length - 1; i >= 0; i--) {
      const u = usages[i]!;
      if (u.extended) continue;
      if (u.min >>> 16 === page) break;
      u.min = ((page << 16) | (u.min & 0xffff)) >>> 0;
      u.max = ((page << 16) | (u.max & 0xffff)) >>> 0;
    }
  };

  let pos = 0;
  while (pos < bytes.length) {
    const start = pos;
    const prefix = bytes[pos]!;
    if (prefix === 0xfe) {
      const size = bytes[pos + 1];
      const tag = bytes[pos + 2];
      if (size === undefined || tag === undefined || pos + 3 + size > bytes.length) fail('truncated long item', start);
      longItems.push({ tag, data: bytes.slice(pos + 3, pos + 3 + size) });
      pos += 3 + size;
      continue;
    }
    const sizeCode = prefix & 0x3;
    const size = sizeCode === 3 ? 4 : sizeCode;
    const type = (prefix >> 2) & 0x3;
    const tag = prefix >> 4;
    if (pos + 1 + size > bytes.length) fail(`truncated item 0x${prefix.toString(16)}`, start);
    let udata = 0;
    for (let i = 0; i < size; i++) udata += bytes[pos + 1 + i]! * 2 ** (8 * i);
    const sdata = size === 0 ? 0 : udata >= 2 ** (8 * size - 1) ? udata - 2 ** (8 * size) : udata;
    pos += 1 + size;

    if (type === 0) {
      const kind = MAIN_KIND[tag];
      if (kind !== undefined || tag === 0xa || tag === 0xc) restampUsages();
      if (kind !== undefined) {
        if (global.reportId !== 0) usesReportIds = true;
        const key = `${kind}:${global.reportId}`;
        let layout = bitCursor.get(key);
        if (!layout) {
          layout = { kind, reportId: global.reportId, bitLength: 0, byteLength: 0 };
          bitCursor.set(key, layout);
        }
        const flags = decodeMainFlags(udata);
        const path = open.map((c) => c.index);
        const ranges: UsageRange[] = usages.map(({ min, max }) => ({ min, max }));
        const count = global.reportCount;
        const bitSize = global.reportSize;
        // Padding (Constant, no usage) still advances the cursor but names no control.
        const named = ranges.length > 0;
        for (let e = 0; e < count && bitSize > 0; e++) {
          if (named) {
            fields.push({
              kind, reportId: global.reportId, bitOffset: layout.bitLength + e * bitSize, bitSize,
              usage: flags.variable ? usageAt(ranges, e) : undefined,
              arrayUsages: flags.variable ? undefined : ranges,
              flags, logicalMin: global.logicalMin, logicalMax: global.logicalMax,
              collectionPath: path, itemIndex, elementIndex: e, reportCount: count,
            });
          }
        }
        layout.bitLength += bitSize * count;
        layout.byteLength = Math.ceil(layout.bitLength / 8);
        itemIndex++;
      } else if (tag === 0xa) {
        const parent = open[open.length - 1];
        const c: HidCollection = {
          index: all.length, type: COLLECTION_TYPES[udata] ?? 'vendor', typeCode: udata,
          usage: usages[0]?.min ?? 0, parent: parent?.index, depth: open.length, children: [],
        };
        all.push(c);
        (parent ? parent.children : roots).push(c);
        open.push(c);
      } else if (tag === 0xc) {
        if (!open.pop()) fail('End Collection without Collection', start);
      } else {
        fail(`unknown main item tag 0x${tag.toString(16)}`, start);
      }
      usages = [];
      pendingMin = undefined;
      pendingMax = undefined;
      delimiterDepth = 0;
      delimiterUsed = false;
    } else if (type === 1) {
      switch (tag) {
        case 0x0: global.usagePage = udata & 0xffff; break;
        case 0x1: global.logicalMin = sdata; break;
        // Linux reads Logical Maximum unsigned unless the minimum is negative (26 ff 00 = 255).
        case 0x2: global.logicalMax = global.logicalMin < 0 ? sdata : udata; break;
        case 0x7: global.reportSize = udata; break;
        case 0x8:
          if (udata === 0) fail('Report ID 0 is reserved', start);
          global.reportId = udata;
          break;
        case 0x9: global.reportCount = udata; break;
        case 0xa: globalStack.push({ ...global }); break;
        case 0xb: {
          const top = globalStack.pop();
          if (!top) fail('Pop without Push', start);
          global = top;
          break;
        }
        default: break; // physical range, unit, unit exponent: not needed for telephony bits
      }
    } else if (type === 2) {
      switch (tag) {
        case 0x0: pushUsage({ min: resolve(udata, size), max: resolve(udata, size), extended: size === 4 }); break;
        case 0x1: pendingMin = { value: resolve(udata, size), extended: size === 4 }; takeRange(); break;
        case 0x2: pendingMax = { value: resolve(udata, size), extended: size === 4 }; takeRange(); break;
        case 0xa:
          if (udata === 1) {
            delimiterDepth++;
            delimiterUsed = false;
          } else if (delimiterDepth > 0) {
            delimiterDepth--;
          }
          break;
        default: break; // designator and string indices
      }
    }
    // type 3 short items are reserved; skipping them keeps us in step with the bytes.
  }
  if (open.length > 0) fail(`${open.length} collection(s) left open`, bytes.length);

  return { collections: roots, allCollections: all, fields, reports: [...bitCursor.values()], usesReportIds, longItems };
}

/** Usage page of an extended usage. */
export const usagePage = (usage: number): number => usage >>> 16;
/** Usage id of an extended usage. */
export const usageId = (usage: number): number => usage & 0xffff;

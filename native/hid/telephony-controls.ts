/**
 * Telephony view of a parsed descriptor: which Telephony-page (0x0B) inputs and LED-page (0x08)
 * outputs a headset offers, where their bits are, and bit-exact encode/decode of their reports.
 *
 * Pitfalls handled (testdata/hid/README.md): Constant-flagged fields that carry usages are kept
 * (Jabra Link 380c); controls inside nested application collections count (EPOS IMPACT); reports
 * are keyed by (direction, id) because input and output share ids (Jabra 0x02, Voyager 0x01);
 * outputs are always encoded as whole reports so sibling LEDs keep their state.
 */
import { HidError } from './hid-error';
import { readBits, writeBits } from './report-bits';
import { parseReportDescriptor } from './report-descriptor-parser';
import type { HidField, ParsedDescriptor } from './report-descriptor-parser';

export const PAGE_LED = 0x08;
export const PAGE_BUTTON = 0x09;
export const PAGE_TELEPHONY = 0x0b;

/** HUT 1.12 §14 Telephony usages we name; others get `tel_0xNN`. */
const TELEPHONY_NAMES: Record<number, string> = {
  0x07: 'programmableButton', 0x20: 'hookSwitch', 0x21: 'flash', 0x22: 'feature', 0x23: 'hold',
  0x24: 'redial', 0x25: 'transfer', 0x26: 'drop', 0x27: 'park', 0x2a: 'line', 0x2f: 'phoneMute',
  0x50: 'speedDial', 0x70: 'voiceMail', 0x97: 'lineBusyTone', 0x9e: 'ringer',
  0xb0: 'phoneKey0', 0xb1: 'phoneKey1', 0xb2: 'phoneKey2', 0xb3: 'phoneKey3', 0xb4: 'phoneKey4',
  0xb5: 'phoneKey5', 0xb6: 'phoneKey6', 0xb7: 'phoneKey7', 0xb8: 'phoneKey8', 0xb9: 'phoneKey9',
  0xba: 'phoneKeyStar', 0xbb: 'phoneKeyPound',
};
/** HUT 1.12 §11 LED usages relevant to telephony. */
const LED_NAMES: Record<number, string> = {
  0x09: 'mute', 0x17: 'offHook', 0x18: 'ring', 0x19: 'messageWaiting', 0x1e: 'speaker',
  0x20: 'hold', 0x21: 'microphone', 0x2a: 'onLine',
};

export type LedName = 'mute' | 'offHook' | 'ring' | 'messageWaiting' | 'speaker' | 'hold' | 'microphone' | 'onLine' | 'ringer';

export interface TelephonyControl {
  /** e.g. hookSwitch, phoneMute, offHook, ring, ringer, button7, tel_0x99. */
  name: string;
  /** Extended usage (page << 16 | id). */
  usage: number;
  direction: 'input' | 'output';
  reportId: number;
  bitOffset: number;
  bitSize: number;
  relative: boolean;
  constant: boolean;
  noPreferred: boolean;
  logicalMin: number;
  logicalMax: number;
  /** Array controls: the control is active when any of `count` slots holds `value`. */
  array: { value: number; count: number } | undefined;
}

export interface TelephonyProfile {
  hasTelephony: boolean;
  /** Extended usage of the top-level Telephony collection (e.g. 0x000B0005 Headset). */
  application: number | undefined;
  usesReportIds: boolean;
  inputs: TelephonyControl[];
  outputs: TelephonyControl[];
  /** Payload byte length per report id, per direction. */
  inputReportBytes: Map<number, number>;
  outputReportBytes: Map<number, number>;
  descriptor: ParsedDescriptor;
}

export type ControlValues = Record<string, number>;

function controlName(usage: number): string | undefined {
  const page = usage >>> 16;
  const id = usage & 0xffff;
  if (page === PAGE_TELEPHONY) return TELEPHONY_NAMES[id] ?? `tel_0x${id.toString(16)}`;
  if (page === PAGE_LED) return LED_NAMES[id] ?? `led_0x${id.toString(16)}`;
  if (page === PAGE_BUTTON) return `button${id}`;
  return undefined;
}

function control(f: HidField, usage: number, name: string, array: TelephonyControl['array']): TelephonyControl {
  return {
    name, usage, direction: f.kind === 'input' ? 'input' : 'output', reportId: f.reportId,
    bitOffset: f.bitOffset, bitSize: f.bitSize, relative: f.flags.relative, constant: f.flags.constant,
    noPreferred: f.flags.noPreferred, logicalMin: f.logicalMin, logicalMax: f.logicalMax, array,
  };
}

const MAX_ARRAY_USAGES = 256;

export function telephonyProfile(input: ParsedDescriptor | Uint8Array | string): TelephonyProfile {
  const d = typeof input === 'string' || input instanceof Uint8Array ? parseReportDescriptor(input) : input;
  const inTelephony = (f: HidField) =>
    f.collectionPath.some((i) => {
      const c = d.allCollections[i];
      return c !== undefined && c.type === 'application' && c.usage >>> 16 === PAGE_TELEPHONY;
    });
  const inputs: TelephonyControl[] = [];
  const outputs: TelephonyControl[] = [];
  for (const f of d.fields) {
    if (f.kind === 'feature' || !inTelephony(f)) continue;
    const list = f.kind === 'input' ? inputs : outputs;
    const wanted = (usage: number) => {
      const page = usage >>> 16;
      return f.kind === 'input' ? page === PAGE_TELEPHONY || page === PAGE_BUTTON : page === PAGE_LED || page === PAGE_TELEPHONY;
    };
    if (f.usage !== undefined) {
      const name = controlName(f.usage);
      if (name !== undefined && wanted(f.usage)) list.push(control(f, f.usage, name, undefined));
    } else if (f.arrayUsages && f.elementIndex === 0) {
      // One control per selectable usage; value = logicalMin + index into the usage list.
      let index = 0;
      for (const r of f.arrayUsages) {
        for (let u = r.min; u <= r.max && index < MAX_ARRAY_USAGES; u++, index++) {
          const name = controlName(u);
          if (name !== undefined && wanted(u)) {
            list.push(control(f, u, name, { value: f.logicalMin + index, count: f.reportCount }));
          }
        }
      }
    }
  }
  const top = d.collections.find((c) => c.type === 'application' && c.usage >>> 16 === PAGE_TELEPHONY);
  const bytesOf = (kind: 'input' | 'output', controls: TelephonyControl[]) => {
    const ids = new Set(controls.map((c) => c.reportId));
    return new Map(d.reports.filter((r) => r.kind === kind && ids.has(r.reportId)).map((r) => [r.reportId, r.byteLength]));
  };
  return {
    hasTelephony: inputs.length > 0 || outputs.length > 0,
    application: top?.usage,
    usesReportIds: d.usesReportIds,
    inputs, outputs,
    inputReportBytes: bytesOf('input', inputs),
    outputReportBytes: bytesOf('output', outputs),
    descriptor: d,
  };
}

export function findInput(p: TelephonyProfile, name: string): TelephonyControl | undefined {
  return p.inputs.find((c) => c.name === name);
}

export function findOutputs(p: TelephonyProfile, name: string): TelephonyControl[] {
  return p.outputs.filter((c) => c.name === name);
}

function readControl(c: TelephonyControl, payload: Uint8Array): number {
  if (c.array) {
    for (let s = 0; s < c.array.count; s++) {
      const v = readBits(payload, c.bitOffset + s * c.bitSize, c.bitSize, c.logicalMin < 0);
      if (v === c.array.value) return 1;
    }
    return 0;
  }
  return readBits(payload, c.bitOffset, c.bitSize, c.logicalMin < 0);
}

/**
 * Decodes an input report as node-hid delivers it (report-id byte first when the descriptor
 * uses ids). Returns undefined for reports that carry no telephony input.
 */
export function decodeInputReport(p: TelephonyProfile, report: Uint8Array): { reportId: number; values: ControlValues } | undefined {
  const reportId = p.usesReportIds ? (report[0] ?? 0) : 0;
  const payload = p.usesReportIds ? report.subarray(1) : report;
  const controls = p.inputs.filter((c) => c.reportId === reportId);
  if (controls.length === 0) return undefined;
  const values: ControlValues = {};
  for (const c of controls) values[c.name] = Math.max(values[c.name] ?? 0, readControl(c, payload));
  return { reportId, values };
}

function encode(p: TelephonyProfile, controls: TelephonyControl[], bytes: number, reportId: number, values: ControlValues): Uint8Array {
  const payload = new Uint8Array(bytes);
  const slotsUsed = new Map<string, number>();
  for (const c of controls) {
    const v = values[c.name];
    if (v === undefined || v === 0) continue;
    if (c.array) {
      // Array usages fill the next free slot of their field.
      const key = `${c.bitOffset}`;
      const slot = slotsUsed.get(key) ?? 0;
      if (slot >= c.array.count) continue;
      writeBits(payload, c.bitOffset + slot * c.bitSize, c.bitSize, c.array.value);
      slotsUsed.set(key, slot + 1);
      continue;
    }
    if (v < c.logicalMin || v > c.logicalMax) {
      throw new RangeError(`${c.name}=${v} outside logical range ${c.logicalMin}..${c.logicalMax}`);
    }
    writeBits(payload, c.bitOffset, c.bitSize, v);
  }
  if (!p.usesReportIds) return payload;
  const out = new Uint8Array(bytes + 1);
  out[0] = reportId;
  out.set(payload, 1);
  return out;
}

/**
 * Encodes a whole output report for `hid_write`: first byte is the report id (0x00 when the
 * descriptor has none, as hidapi expects). Controls missing from `values` are written as 0.
 */
export function encodeOutputReport(p: TelephonyProfile, reportId: number, values: ControlValues): Uint8Array {
  const bytes = p.outputReportBytes.get(reportId);
  if (bytes === undefined) throw new HidError('BL_ERR_HW_DESCRIPTOR', `no telephony output report ${reportId}`);
  const out = encode(p, p.outputs.filter((c) => c.reportId === reportId), bytes, reportId, values);
  if (p.usesReportIds) return out;
  const withZero = new Uint8Array(out.length + 1);
  withZero.set(out, 1);
  return withZero;
}

/** Decodes an output report written by encodeOutputReport (report-id byte first). */
export function decodeOutputReport(p: TelephonyProfile, report: Uint8Array): { reportId: number; values: ControlValues } {
  const reportId = report[0] ?? 0;
  const payload = report.subarray(1);
  const values: ControlValues = {};
  for (const c of p.outputs.filter((o) => o.reportId === reportId)) {
    values[c.name] = Math.max(values[c.name] ?? 0, readControl(c, payload));
  }
  return { reportId, values };
}

/** Encodes an input report the way the device sends it (used by the simulator). */
export function encodeInputReport(p: TelephonyProfile, reportId: number, values: ControlValues): Uint8Array {
  const bytes = p.inputReportBytes.get(reportId);
  if (bytes === undefined) throw new HidError('BL_ERR_HW_DESCRIPTOR', `no telephony input report ${reportId}`);
  return encode(p, p.inputs.filter((c) => c.reportId === reportId), bytes, reportId, values);
}

/** Output report ids that carry any of the named LEDs. */
export function outputReportsFor(p: TelephonyProfile, names: readonly string[]): number[] {
  return [...new Set(p.outputs.filter((c) => names.includes(c.name)).map((c) => c.reportId))];
}

/**
 * Encodes a feature report that sets one usage (e.g. GN's 0xFF30:0xFFFF) and zeroes the rest of
 * that report; undefined when the descriptor has no such feature field.
 */
export function encodeFeatureUsage(d: ParsedDescriptor, usage: number, value: number): Uint8Array | undefined {
  const f = d.fields.find((x) => x.kind === 'feature' && x.usage === usage);
  const layout = f && d.reports.find((r) => r.kind === 'feature' && r.reportId === f.reportId);
  if (!f || !layout) return undefined;
  const out = new Uint8Array(layout.byteLength + 1);
  out[0] = f.reportId;
  writeBits(out.subarray(1), f.bitOffset, f.bitSize, value);
  return out;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allHidFixtures, loadHidFixture } from '../sim/hid-fixtures';
import {
  decodeInputReport, decodeOutputReport, encodeFeatureUsage, encodeInputReport, encodeOutputReport, telephonyProfile,
} from './telephony-controls';
import type { TelephonyControl, TelephonyProfile } from './telephony-controls';

/**
 * The README's "Telephony (0x0B) and LED (0x08) usages per descriptor" table, transcribed.
 * Inputs: Telephony-page Variable controls; outputs: LED + Telephony outputs. "name id bN flags".
 */
const README_TABLE: Record<string, { in: string[]; out: string[] }> = {
  'epos-impact-d-1395-00a9': {
    in: ['hookSwitch 02 b2 Abs,NoPref', 'flash 02 b3 Rel', 'redial 02 b4 Rel', 'phoneMute 02 b5 Rel', 'drop 02 b6 Rel'],
    out: ['ringer 03 b0', 'offHook 03 b1', 'microphone 03 b2', 'ring 03 b3', 'mute 03 b4', 'onLine 03 b5', 'hold 03 b6'],
  },
  'epos-impact-d1-1395-009c': {
    in: ['hookSwitch 02 b0 Abs', 'flash 02 b1 Rel', 'redial 02 b2 Rel', 'phoneMute 02 b3 Rel', 'drop 02 b4 Rel'],
    out: ['offHook 03 b0', 'microphone 03 b1', 'ring 03 b2', 'mute 03 b3', 'onLine 03 b4', 'hold 03 b5'],
  },
  'epos-impact-dw-1395-00a2': {
    in: ['hookSwitch 02 b2 Abs,NoPref', 'flash 02 b3 Rel', 'redial 02 b4 Rel', 'phoneMute 02 b5 Rel', 'drop 02 b6 Rel'],
    out: ['ringer 03 b0', 'offHook 03 b1', 'microphone 03 b2', 'ring 03 b3', 'mute 03 b4', 'onLine 03 b5', 'hold 03 b6'],
  },
  'jabra-biz-2400-ii-0b0e-2453': {
    in: ['hookSwitch 02 b0 Abs,NoPref', 'lineBusyTone 02 b1 Abs,NoPref', 'phoneMute 02 b2 Rel', 'flash 02 b3 Rel',
      'redial 02 b4 Rel', 'voiceMail 02 b5 Rel', 'speedDial 02 b6 Rel'],
    out: ['offHook 02 b0', 'mute 02 b1', 'ring 02 b2', 'hold 02 b3', 'microphone 02 b4', 'ringer 02 b5'],
  },
  'jabra-evolve-link-ms-0b0e-0307': {
    in: ['hookSwitch 02 b0 Abs,NoPref', 'lineBusyTone 02 b1 Abs,NoPref', 'phoneMute 02 b2 Rel', 'flash 02 b3 Rel',
      'redial 02 b4 Rel', 'speedDial 02 b5 Rel'],
    out: ['offHook 02 b0', 'mute 02 b1', 'ring 02 b2', 'hold 02 b3', 'microphone 02 b4', 'ringer 02 b5'],
  },
  'jabra-link-380c-0b0e-24c9': {
    in: ['hookSwitch 02 b0 Const,Abs,NoPref', 'lineBusyTone 02 b1 Const,Abs,NoPref', 'line 02 b2 Const,Abs,NoPref',
      'phoneMute 02 b3 Const,Rel', 'flash 02 b4 Const,Rel', 'redial 02 b5 Const,Rel', 'speedDial 02 b6 Const,Rel'],
    out: ['offHook 02 b0', 'speaker 02 b1', 'mute 02 b2', 'ring 02 b3', 'hold 02 b4', 'microphone 02 b5', 'onLine 02 b6', 'ringer 02 b7'],
  },
  'jabra-speak-810-0b0e-2456': {
    in: ['hookSwitch 02 b0 Abs,NoPref', 'lineBusyTone 02 b1 Abs,NoPref', 'phoneMute 02 b2 Rel', 'flash 02 b3 Rel'],
    out: ['offHook 02 b0', 'mute 02 b1', 'ring 02 b2', 'hold 02 b3', 'microphone 02 b4', 'ringer 02 b5'],
  },
  'logitech-g535-046d-0ac4': { in: [], out: [] },
  'logitech-h540-046d-0a37': { in: [], out: [] },
  'plantronics-blackwire-3220-047f-c056': {
    in: ['phoneMute 08 b0 Rel', 'hookSwitch 08 b1 Abs,NoPref', 'flash 08 b2 Abs,NoPref'],
    out: ['mute 09 b0', 'offHook 17 b0', 'ring 18 b0', 'speaker 1e b0', 'hold 20 b0', 'onLine 2a b0'],
  },
  'plantronics-blackwire-c5220-047f-c053': {
    in: ['phoneMute 08 b0 Rel', 'hookSwitch 08 b1 Abs,NoPref', 'flash 08 b2 Abs', 'redial 08 b3 Rel'],
    out: ['mute 09 b0', 'offHook 17 b0', 'ring 18 b0', 'speaker 1a b0', 'hold 20 b0', 'onLine 2a b0'],
  },
  'poly-bt700-047f-02e6': {
    in: ['hookSwitch 20 b0 Abs,NoPref', 'phoneMute 20 b1 Rel', 'flash 20 b2 Abs', 'redial 20 b3 Rel'],
    out: ['ring 21 b0', 'speaker 22 b0', 'mute 23 b0', 'offHook 24 b0', 'hold 25 b0'],
  },
  'poly-voyager-base-cd-047f-02ec': {
    in: ['hookSwitch 01 b0 Abs,NoPref', 'phoneMute 01 b1 Rel', 'flash 01 b2 Abs', 'redial 01 b3 Rel'],
    out: ['ring 01 b0', 'speaker 02 b0', 'mute 03 b0', 'offHook 04 b0', 'hold 05 b0'],
  },
  'sennheiser-sc660-anc-usb-1395-0082': {
    in: ['phoneMute 08 b0 Rel', 'hookSwitch 08 b1 Abs,NoPref', 'redial 08 b2 Rel', 'flash 08 b3 Rel', 'drop 08 b4 Rel'],
    out: ['mute 09 b0', 'offHook 09 b1', 'ring 09 b2', 'microphone 09 b3', 'onLine 09 b4', 'hold 09 b5'],
  },
  'yealink-wh66-6993-b02b': {
    in: ['hookSwitch 02 b0 Abs,NoPref', 'lineBusyTone 02 b1 Abs,NoPref', 'phoneMute 02 b2 Rel', 'flash 02 b3 Rel',
      'redial 02 b4 Rel', 'speedDial 02 b5 Rel'],
    out: ['offHook 02 b0', 'mute 02 b1', 'ring 02 b2', 'hold 02 b3', 'microphone 02 b4', 'ringer 02 b5'],
  },
};

const id2 = (n: number) => n.toString(16).padStart(2, '0');
function describeInput(c: TelephonyControl): string {
  const flags = [...(c.constant ? ['Const'] : []), c.relative ? 'Rel' : 'Abs', ...(c.noPreferred ? ['NoPref'] : [])];
  return `${c.name} ${id2(c.reportId)} b${c.bitOffset} ${flags.join(',')}`;
}
const isTelVariable = (c: TelephonyControl) => c.usage >>> 16 === 0x0b && !c.array && (c.usage & 0xffff) !== 0x07;

describe('telephony profile of every fixture matches the README table', () => {
  it.each(Object.keys(README_TABLE))('%s', (name) => {
    const p = telephonyProfile(loadHidFixture(name).descriptor_hex);
    const want = README_TABLE[name]!;
    expect(p.inputs.filter(isTelVariable).map(describeInput)).toEqual(want.in);
    expect(p.outputs.map((c) => `${c.name} ${id2(c.reportId)} b${c.bitOffset}`)).toEqual(want.out);
    expect(p.hasTelephony).toBe(want.in.length > 0);
    expect(p.application).toBe(want.in.length > 0 ? 0x000b0005 : undefined);
  });

  it('covers all 15 fixtures', () => {
    expect(Object.keys(README_TABLE).sort()).toEqual(allHidFixtures().map((f) => f.file.replace(/\.json$/, '')));
  });
});

describe('pitfalls', () => {
  it('Windows-reconstructed Blackwire 3220 descriptor gives the same controls as the device bytes', () => {
    const fx = loadHidFixture('plantronics-blackwire-3220-047f-c056');
    const win = fx.windows_reconstructed_NOT_device_bytes!['0005_000B'];
    if (typeof win !== 'object') throw new Error('fixture lacks the reconstruction');
    const strip = (p: TelephonyProfile) => ({ inputs: p.inputs, outputs: p.outputs, i: [...p.inputReportBytes], o: [...p.outputReportBytes] });
    expect(win.descriptor_hex).not.toBe(fx.descriptor_hex);
    expect(strip(telephonyProfile(win.descriptor_hex))).toEqual(strip(telephonyProfile(fx.descriptor_hex)));
  });

  it('Voyager Base CD: input and output report 0x01 are kept apart', () => {
    const p = telephonyProfile(loadHidFixture('poly-voyager-base-cd-047f-02ec').descriptor_hex);
    expect(p.inputs.filter((c) => c.reportId === 1).map((c) => c.name)).toContain('hookSwitch');
    expect(p.outputs.filter((c) => c.reportId === 1).map((c) => c.name)).toEqual(['ring']);
    expect(encodeOutputReport(p, 1, { ring: 1, hookSwitch: 1 })).toEqual(Uint8Array.of(0x01, 0x01));
  });

  it('GN keypad is an array control; Button 7 sits at bit 6 on the EVOLVE LINK MS', () => {
    const p = telephonyProfile(loadHidFixture('jabra-evolve-link-ms-0b0e-0307').descriptor_hex);
    const keys = p.inputs.filter((c) => c.array);
    expect(keys.map((c) => c.name)).toEqual([...'0123456789'].map((d) => `phoneKey${d}`).concat('phoneKeyStar', 'phoneKeyPound'));
    expect(keys.every((c) => c.bitOffset === 7 && c.bitSize === 4)).toBe(true);
    expect(p.inputs.find((c) => c.name === 'button7')?.bitOffset).toBe(6);
    // Phone key 5 is array value 5 in bits 7..10.
    expect(encodeInputReport(p, 2, { phoneKey5: 1 })).toEqual(Uint8Array.of(0x02, 0x80, 0x02));
    expect(decodeInputReport(p, Uint8Array.of(0x02, 0x80, 0x02))!.values.phoneKey5).toBe(1);
  });

  it('Jabra: the 0xFF30:0xFFFF "USB.org values" feature encodes to report 4', () => {
    const p = telephonyProfile(loadHidFixture('jabra-biz-2400-ii-0b0e-2453').descriptor_hex);
    expect(encodeFeatureUsage(p.descriptor, 0xff30ffff, 1)).toEqual(Uint8Array.of(0x04, 0x01));
    expect(encodeFeatureUsage(p.descriptor, 0xff30ffff, 0)).toEqual(Uint8Array.of(0x04, 0x00));
    expect(encodeFeatureUsage(p.descriptor, 0x12345678, 0)).toBeUndefined();
  });
});

describe('bit-exact reports', () => {
  it('Jabra: Off-Hook + Mute share output report 0x02, whole byte written', () => {
    const p = telephonyProfile(loadHidFixture('jabra-evolve-link-ms-0b0e-0307').descriptor_hex);
    expect(encodeOutputReport(p, 2, { offHook: 1, mute: 1 })).toEqual(Uint8Array.of(0x02, 0x03, 0x00));
    expect(encodeOutputReport(p, 2, { offHook: 1, ringer: 1 })).toEqual(Uint8Array.of(0x02, 0x21, 0x00));
  });

  it('Blackwire: one LED per report, id = LED usage', () => {
    const p = telephonyProfile(loadHidFixture('plantronics-blackwire-3220-047f-c056').descriptor_hex);
    expect(encodeOutputReport(p, 0x17, { offHook: 1, mute: 1 })).toEqual(Uint8Array.of(0x17, 0x01));
    expect(decodeInputReport(p, Uint8Array.of(0x08, 0x02))!.values).toMatchObject({ hookSwitch: 1, phoneMute: 0, flash: 0 });
    expect(decodeInputReport(p, Uint8Array.of(0x09, 0x01))).toBeUndefined();
  });

  it('EPOS IMPACT D: hook at bit 2, Ringer at output bit 0', () => {
    const p = telephonyProfile(loadHidFixture('epos-impact-d-1395-00a9').descriptor_hex);
    expect(encodeInputReport(p, 2, { hookSwitch: 1, phoneMute: 1 })).toEqual(Uint8Array.of(0x02, 0x24));
    expect(encodeOutputReport(p, 3, { ringer: 1, ring: 1 })).toEqual(Uint8Array.of(0x03, 0x09));
  });

  it('short input reports decode missing bits as 0', () => {
    const p = telephonyProfile(loadHidFixture('jabra-biz-2400-ii-0b0e-2453').descriptor_hex);
    expect(decodeInputReport(p, Uint8Array.of(0x02))!.values.hookSwitch).toBe(0);
  });

  it('rejects values outside the logical range', () => {
    const p = telephonyProfile(loadHidFixture('jabra-evolve-link-ms-0b0e-0307').descriptor_hex);
    expect(() => encodeOutputReport(p, 2, { offHook: 2 })).toThrow(RangeError);
  });

  const telephonyFixtures = allHidFixtures().filter((f) => telephonyProfile(f.descriptor_hex).hasTelephony);
  it.each(telephonyFixtures.map((f) => [f.file, f] as const))('%s: encode/decode round trip (random values)', (_, fx) => {
    const p = telephonyProfile(fx.descriptor_hex);
    const variables = (cs: TelephonyControl[]) => cs.filter((c) => !c.array);
    for (const [dir, ids] of [['in', p.inputReportBytes], ['out', p.outputReportBytes]] as const) {
      for (const id of ids.keys()) {
        const controls = variables(dir === 'in' ? p.inputs : p.outputs).filter((c) => c.reportId === id);
        const arb = fc.record(Object.fromEntries(controls.map((c) => [c.name, fc.integer({ min: c.logicalMin, max: c.logicalMax })])));
        fc.assert(
          fc.property(arb, (values) => {
            const v = values as Record<string, number>;
            if (dir === 'out') {
              const bytes = encodeOutputReport(p, id, v);
              expect(bytes[0]).toBe(id);
              expect(bytes.length).toBe(1 + p.outputReportBytes.get(id)!);
              expect(decodeOutputReport(p, bytes).values).toMatchObject(v);
              expect(encodeOutputReport(p, id, decodeOutputReport(p, bytes).values)).toEqual(bytes);
            } else {
              const bytes = encodeInputReport(p, id, v);
              const decoded = decodeInputReport(p, bytes)!;
              expect(decoded.reportId).toBe(id);
              expect(decoded.values).toMatchObject(v);
            }
          }),
          { numRuns: 50 },
        );
      }
    }
  });
});

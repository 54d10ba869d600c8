/**
 * A telephony headset on top of HidSimBinding: replays a real descriptor and produces the input
 * reports its buttons would send, derived from the parsed descriptor (bit-exact), and reads the
 * LED state back from the output reports the host wrote.
 */
import { descriptorBytes } from '../hid/report-descriptor-parser';
import {
  decodeOutputReport, encodeInputReport, findInput, telephonyProfile,
} from '../hid/telephony-controls';
import type { ControlValues, TelephonyProfile } from '../hid/telephony-controls';
import type { HidSimBinding, SimDeviceSpec, SimPort } from './hid-sim-binding';

/** The shape of testdata/hid/*.json that the simulator needs. */
export interface HidFixture {
  vendor: string;
  model: string;
  vid: string;
  pid: string;
  descriptor_hex: string;
}

export class HeadsetSim {
  readonly port: SimPort;
  readonly profile: TelephonyProfile;
  /** Current level of every input control, as the device would report it. */
  readonly inputs: ControlValues = {};

  constructor(binding: HidSimBinding, spec: SimDeviceSpec) {
    this.port = binding.addDevice(spec);
    this.profile = telephonyProfile(spec.descriptor);
  }

  static fromFixture(binding: HidSimBinding, fixture: HidFixture, extra: Partial<SimDeviceSpec> = {}): HeadsetSim {
    const descriptor = descriptorBytes(fixture.descriptor_hex);
    const top = telephonyProfile(descriptor).application;
    return new HeadsetSim(binding, {
      vendorId: Number.parseInt(fixture.vid, 16), productId: Number.parseInt(fixture.pid, 16),
      manufacturer: fixture.vendor, product: fixture.model, serialNumber: 'SIM0001',
      usagePage: top === undefined ? 0x0c : top >>> 16, usage: top === undefined ? 0x01 : top & 0xffff,
      descriptor, ...extra,
    });
  }

  get path(): string {
    return this.port.info.path;
  }

  /** The input report that `set(name, value)` would send, without sending it. */
  reportFor(name: string, value: number): Uint8Array {
    const c = findInput(this.profile, name);
    if (!c) throw new Error(`${this.port.info.product ?? 'device'} has no input ${name}`);
    return encodeInputReport(this.profile, c.reportId, { ...this.inputs, [name]: value });
  }

  /** Sets one control's level and sends the whole input report that carries it. */
  set(name: string, value: number): Uint8Array {
    const report = this.reportFor(name, value);
    this.inputs[name] = value;
    this.port.emitInput(report);
    return report;
  }

  /** A momentary button: press (1) then release (0), two reports. */
  press(name: string): Uint8Array[] {
    return [this.set(name, 1), this.set(name, 0)];
  }

  /**
   * The hook button: an Absolute hook switch flips its level (and stays there); a Relative one
   * sends a press/release pair.
   */
  pressHook(): Uint8Array[] {
    const c = findInput(this.profile, 'hookSwitch');
    if (c && !c.relative) return [this.set('hookSwitch', this.inputs.hookSwitch ? 0 : 1)];
    return this.press('hookSwitch');
  }

  pressMute(): Uint8Array[] {
    return this.press('phoneMute');
  }

  /** LED state as last written by the host, merged over all output reports. */
  leds(): ControlValues {
    const latest = new Map<number, Uint8Array>();
    for (const w of this.port.writes) latest.set(w[0] ?? 0, w);
    const out: ControlValues = {};
    for (const c of this.profile.outputs) out[c.name] = 0;
    for (const w of latest.values()) Object.assign(out, decodeOutputReport(this.profile, w).values);
    return out;
  }
}

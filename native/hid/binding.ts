/**
 * The narrow transport the HID code runs on (cf. serialport's BindingInterface). Only
 * binding-node.ts talks to node-hid; native/sim/hid-sim-binding.ts implements the same contract.
 */
import type { HidError } from './hid-error';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  /** Opaque, platform-specific; the key used by open(). */
  path: string;
  product?: string | undefined;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  /** Top-level collection this entry stands for (Windows/macOS list one entry per collection). */
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface: number;
}

export interface HidDeviceEvents {
  /** One input report; report-id byte first when the device numbers its reports. */
  data: [report: Uint8Array];
  error: [err: HidError];
  /** The device went away or was closed; no further events follow. */
  close: [];
}

export interface HidDevice {
  readonly info: HidDeviceInfo;
  getReportDescriptor(): Promise<Uint8Array>;
  /** Output report; first byte is the report id (0x00 for unnumbered reports). */
  write(report: Uint8Array): Promise<void>;
  /** Feature report; first byte is the report id. */
  sendFeatureReport(report: Uint8Array): Promise<void>;
  on<E extends keyof HidDeviceEvents>(event: E, listener: (...args: HidDeviceEvents[E]) => void): this;
  off<E extends keyof HidDeviceEvents>(event: E, listener: (...args: HidDeviceEvents[E]) => void): this;
  close(): Promise<void>;
}

export interface HidBinding {
  list(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidDevice>;
}

/** vid:pid:serial, the identity a user's device choice is remembered by. */
export function deviceKey(info: Pick<HidDeviceInfo, 'vendorId' | 'productId' | 'serialNumber'>): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return `${hex(info.vendorId)}:${hex(info.productId)}:${info.serialNumber ?? ''}`;
}

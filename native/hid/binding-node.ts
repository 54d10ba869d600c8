/**
 * HidBinding over node-hid v3. node-hid (and its native addon) is imported on first use, never
 * at module load, so a seat without a working addon still starts and just turns headsets off.
 */
import { readFile } from 'node:fs/promises';
import type { HidBinding, HidDevice, HidDeviceEvents, HidDeviceInfo } from './binding';
import { HidError } from './hid-error';
import { TypedEmitter } from './typed-emitter';

/** The slice of node-hid's HIDAsync we use; getReportDescriptor only exists in newer releases. */
interface NodeHidAsyncDevice {
  write(values: number[] | Buffer): Promise<number>;
  sendFeatureReport(data: number[] | Buffer): Promise<number>;
  close(): Promise<void>;
  on(event: 'data', l: (data: Buffer) => void): unknown;
  on(event: 'error', l: (err: unknown) => void): unknown;
  getReportDescriptor?: () => Promise<Buffer | number[]>;
}

interface NodeHidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  manufacturer?: string | undefined;
  product?: string | undefined;
  interface: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

export interface NodeHidModule {
  devicesAsync(): Promise<NodeHidDeviceInfo[]>;
  HIDAsync: { open(path: string, options?: { nonExclusive?: boolean }): Promise<NodeHidAsyncDevice> };
}

export interface NodeHidBindingOptions {
  /** Injected in tests; defaults to `import('node-hid')`. */
  load?: () => Promise<NodeHidModule>;
  /** Injected in tests; reads the Linux sysfs descriptor. */
  readSysfs?: (file: string) => Promise<Uint8Array>;
  platform?: NodeJS.Platform;
}

async function defaultLoad(): Promise<NodeHidModule> {
  const mod = (await import('node-hid')) as unknown as Partial<NodeHidModule> & { default?: Partial<NodeHidModule> };
  const api = mod.HIDAsync ? mod : mod.default;
  if (!api?.HIDAsync || !api.devicesAsync) throw new Error('node-hid has no async API (HIDAsync); need v3+');
  return api as NodeHidModule;
}

/** `/dev/hidraw3` → `/sys/class/hidraw/hidraw3/device/report_descriptor` (hidapi's hidraw backend path). */
export function sysfsDescriptorPath(devicePath: string): string | undefined {
  const m = /^\/dev\/(hidraw\d+)$/.exec(devicePath);
  return m ? `/sys/class/hidraw/${m[1]}/device/report_descriptor` : undefined;
}

class NodeHidDevice extends TypedEmitter<HidDeviceEvents> implements HidDevice {
  #closed = false;

  constructor(
    readonly info: HidDeviceInfo,
    private readonly raw: NodeHidAsyncDevice,
    private readonly opts: Required<Pick<NodeHidBindingOptions, 'readSysfs' | 'platform'>>,
  ) {
    super();
    raw.on('data', (data: Buffer) => this.fire('data', new Uint8Array(data)));
    raw.on('error', (err: unknown) => {
      // hidapi reports an unplug as a read error; after it the handle is dead.
      this.fire('error', new HidError('BL_ERR_HW_DEVICE_LOST', `HID read failed on ${info.path}`, { cause: err }));
      void this.close();
    });
  }

  async getReportDescriptor(): Promise<Uint8Array> {
    if (this.raw.getReportDescriptor) return Uint8Array.from(await this.raw.getReportDescriptor());
    const file = this.opts.platform === 'linux' ? sysfsDescriptorPath(this.info.path) : undefined;
    if (file === undefined) {
      throw new HidError('BL_ERR_HW_DESCRIPTOR', `this node-hid cannot read report descriptors on ${this.opts.platform}`);
    }
    try {
      return await this.opts.readSysfs(file);
    } catch (err) {
      throw new HidError('BL_ERR_HW_DESCRIPTOR', `cannot read ${file}`, { cause: err });
    }
  }

  async write(report: Uint8Array): Promise<void> {
    await this.guard(() => this.raw.write(Buffer.from(report)));
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    await this.guard(() => this.raw.sendFeatureReport(Buffer.from(report)));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.raw.close();
    } finally {
      this.fire('close');
      this.removeAll();
    }
  }

  private async guard(op: () => Promise<number>): Promise<void> {
    if (this.#closed) throw new HidError('BL_ERR_HW_DEVICE_LOST', `${this.info.path} is closed`);
    try {
      await op();
    } catch (err) {
      throw new HidError('BL_ERR_HW_DEVICE_LOST', `HID write failed on ${this.info.path}`, { cause: err });
    }
  }
}

export class NodeHidBinding implements HidBinding {
  #module: Promise<NodeHidModule> | undefined;
  readonly #load: () => Promise<NodeHidModule>;
  readonly #opts: Required<Pick<NodeHidBindingOptions, 'readSysfs' | 'platform'>>;

  constructor(options: NodeHidBindingOptions = {}) {
    this.#load = options.load ?? defaultLoad;
    this.#opts = {
      readSysfs: options.readSysfs ?? (async (f) => new Uint8Array(await readFile(f))),
      platform: options.platform ?? process.platform,
    };
  }

  /** Loads node-hid once; a failure is sticky and typed so the caller can switch headsets off. */
  private module(): Promise<NodeHidModule> {
    this.#module ??= this.#load().catch((err: unknown) => {
      throw new HidError('BL_ERR_HW_UNAVAILABLE', 'node-hid could not be loaded', { cause: err });
    });
    return this.#module;
  }

  async list(): Promise<HidDeviceInfo[]> {
    const hid = await this.module();
    const devices = await hid.devicesAsync();
    return devices
      .filter((d): d is NodeHidDeviceInfo & { path: string } => typeof d.path === 'string' && d.path !== '')
      .map((d) => ({
        vendorId: d.vendorId, productId: d.productId, path: d.path, product: d.product,
        manufacturer: d.manufacturer, serialNumber: d.serialNumber, usagePage: d.usagePage,
        usage: d.usage, interface: d.interface,
      }));
  }

  async open(path: string): Promise<HidDevice> {
    const hid = await this.module();
    const info = (await this.list()).find((d) => d.path === path);
    if (!info) throw new HidError('BL_ERR_HW_DEVICE_LOST', `no HID device at ${path}`);
    let raw: NodeHidAsyncDevice;
    try {
      // nonExclusive: on macOS another UC client may hold the headset too.
      raw = await hid.HIDAsync.open(path, { nonExclusive: true });
    } catch (err) {
      throw new HidError('BL_ERR_HW_DEVICE_LOST', `cannot open ${path}`, { cause: err });
    }
    return new NodeHidDevice(info, raw, this.#opts);
  }
}

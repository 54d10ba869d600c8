/**
 * In-memory HidBinding (cf. serialport's binding-mock): devices are added with a real descriptor,
 * input reports are pushed by the test, output/feature reports are recorded byte for byte, and
 * unplug/replug/open and write failures can be staged.
 */
import type { HidBinding, HidDevice, HidDeviceEvents, HidDeviceInfo } from '../hid/binding';
import { HidError } from '../hid/hid-error';
import { TypedEmitter } from '../hid/typed-emitter';

export interface SimDeviceSpec extends Omit<HidDeviceInfo, 'path' | 'interface'> {
  path?: string;
  interface?: number;
  descriptor: Uint8Array;
}

class SimHandle extends TypedEmitter<HidDeviceEvents> implements HidDevice {
  closed = false;

  constructor(private readonly port: SimPort) {
    super();
  }

  get info(): HidDeviceInfo {
    return this.port.info;
  }

  async getReportDescriptor(): Promise<Uint8Array> {
    this.assertOpen();
    return this.port.descriptor.slice();
  }

  async write(report: Uint8Array): Promise<void> {
    this.assertOpen();
    if (this.port.writeError) throw this.port.writeError;
    this.port.writes.push(report.slice());
  }

  async sendFeatureReport(report: Uint8Array): Promise<void> {
    this.assertOpen();
    if (this.port.writeError) throw this.port.writeError;
    this.port.featureReports.push(report.slice());
  }

  async close(): Promise<void> {
    this.end();
  }

  /** Delivery helpers for SimPort (fire is protected). */
  deliver(report: Uint8Array): void {
    if (!this.closed) this.fire('data', report.slice());
  }

  fail(err: HidError): void {
    if (!this.closed) this.fire('error', err);
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.handles.delete(this);
    this.fire('close');
    this.removeAll();
  }

  private assertOpen(): void {
    if (this.closed) throw new HidError('BL_ERR_HW_DEVICE_LOST', `${this.info.path} is closed`);
    if (!this.port.plugged) throw new HidError('BL_ERR_HW_DEVICE_LOST', `${this.info.path} is unplugged`);
  }
}

/** Test-side controller of one simulated device. */
export class SimPort {
  plugged = true;
  readonly handles = new Set<SimHandle>();
  /** Every output report written, in order, report-id byte first. */
  readonly writes: Uint8Array[] = [];
  readonly featureReports: Uint8Array[] = [];
  writeError: HidError | undefined;
  openError: HidError | undefined;
  openCount = 0;

  constructor(
    readonly info: HidDeviceInfo,
    readonly descriptor: Uint8Array,
  ) {}

  get isOpen(): boolean {
    return this.handles.size > 0;
  }

  /** Sends one input report (as node-hid delivers it) to every open handle. */
  emitInput(report: Uint8Array): void {
    for (const h of [...this.handles]) h.deliver(report);
  }

  emitError(err: HidError): void {
    for (const h of [...this.handles]) h.fail(err);
  }

  /** Removes the device: handles get an error and close, list() stops showing it. */
  unplug(): void {
    this.plugged = false;
    for (const h of [...this.handles]) {
      h.fail(new HidError('BL_ERR_HW_DEVICE_LOST', `${this.info.path} unplugged`));
      h.end();
    }
  }

  replug(): void {
    this.plugged = true;
  }

  /** Makes every later write/sendFeatureReport reject with `err` (null: stop failing). */
  failWrites(err: HidError | null = new HidError('BL_ERR_HW_DEVICE_LOST', 'write failed')): void {
    this.writeError = err ?? undefined;
  }

  /** Makes the next open() reject with `err`. */
  failNextOpen(err: HidError = new HidError('BL_ERR_HW_DEVICE_LOST', 'open failed')): void {
    this.openError = err;
  }

  clearRecords(): void {
    this.writes.length = 0;
    this.featureReports.length = 0;
  }
}

export class HidSimBinding implements HidBinding {
  readonly ports = new Map<string, SimPort>();
  listError: HidError | undefined;
  #next = 0;

  addDevice(spec: SimDeviceSpec): SimPort {
    const { descriptor, ...rest } = spec;
    const path = spec.path ?? `sim:hid/${this.#next++}`;
    if (this.ports.has(path)) throw new Error(`duplicate sim path ${path}`);
    const port = new SimPort({ ...rest, path, interface: spec.interface ?? 0 }, descriptor.slice());
    this.ports.set(path, port);
    return port;
  }

  async list(): Promise<HidDeviceInfo[]> {
    if (this.listError) throw this.listError;
    return [...this.ports.values()].filter((p) => p.plugged).map((p) => ({ ...p.info }));
  }

  async open(path: string): Promise<HidDevice> {
    const port = this.ports.get(path);
    if (!port || !port.plugged) throw new HidError('BL_ERR_HW_DEVICE_LOST', `no HID device at ${path}`);
    if (port.openError) {
      const err = port.openError;
      port.openError = undefined;
      throw err;
    }
    const handle = new SimHandle(port);
    port.handles.add(handle);
    port.openCount++;
    return handle;
  }
}

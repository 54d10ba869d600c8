// In-memory SerialBinding for unit tests, after serialport's MockBinding: createPort(path),
// emitData() from the device side, recorded host writes, locked ports, unplug/replug. Each port
// also exposes its device end as a SerialConnection so the modem and agent-box simulators attach
// to it exactly as they attach to a real pty.

import type { SerialBinding, SerialConnection, SerialOpenOptions, SerialPortInfo } from '../serial/binding';
import { SerialEmitter, type Unsubscribe } from '../serial/serial-emitter';
import { SerialError, SerialErrorCode } from '../serial/serial-error';

export interface MockPortOptions {
  /** Echo host writes back to the host, like a loopback plug. */
  echo?: boolean;
  /** Keep host writes in `writes` (default true). */
  record?: boolean;
  info?: Omit<SerialPortInfo, 'path'>;
}

type EndEvents = { data: Uint8Array; close: { lost: boolean; error?: Error }; error: Error };

const toBytes = (d: Uint8Array | string) => (typeof d === 'string' ? new TextEncoder().encode(d) : new Uint8Array(d));

/** Deliveries are async, as on a real port, so a reply written inside a data handler cannot recurse. */
const later = (fn: () => void) => setImmediate(fn);

class MockEnd implements SerialConnection {
  readonly events = new SerialEmitter<EndEvents>();
  open = true;
  peer: MockEnd | undefined;
  onWrite: ((data: Uint8Array) => void) | undefined;

  constructor(readonly path: string) {}

  get isOpen(): boolean {
    return this.open;
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.open) return Promise.reject(new SerialError(SerialErrorCode.HwDeviceLost, `${this.path} is not open`));
    const copy = new Uint8Array(data);
    this.onWrite?.(copy);
    const peer = this.peer;
    later(() => {
      if (peer?.open) peer.events.emit('data', copy);
    });
    return Promise.resolve();
  }

  onData(l: (chunk: Uint8Array) => void): Unsubscribe {
    return this.events.on('data', l);
  }
  onClose(l: (info: { lost: boolean; error?: Error }) => void): Unsubscribe {
    return this.events.on('close', l);
  }
  onError(l: (error: Error) => void): Unsubscribe {
    return this.events.on('error', l);
  }

  shut(lost: boolean, error?: Error): void {
    if (!this.open) return;
    this.open = false;
    this.events.emit('close', error ? { lost, error } : { lost });
  }

  close(): Promise<void> {
    this.shut(false);
    return Promise.resolve();
  }
}

export class MockSerialDevice {
  /** Everything the host wrote, one entry per write() call. */
  readonly writes: Uint8Array[] = [];
  readonly device: MockEnd;
  host: MockEnd | undefined;
  present = true;
  opens = 0;

  constructor(
    readonly path: string,
    readonly options: MockPortOptions,
  ) {
    this.device = new MockEnd(path);
  }

  /** Bytes as if the device sent them (dropped when the host has not opened the port). */
  emitData(data: Uint8Array | string): void {
    if (this.device.open) void this.device.write(toBytes(data));
  }

  /** All host writes so far as one latin1 string (handy for AT command assertions). */
  writtenText(): string {
    return Buffer.concat(this.writes).toString('latin1');
  }

  /** The device end, for simulators; the same object across reopen. */
  get deviceConnection(): SerialConnection {
    return this.device;
  }

  /** USB pulled: the host sees close(lost) and later opens fail until replug(). */
  unplug(): void {
    this.present = false;
    this.host?.shut(true, Object.assign(new Error('device disconnected'), { disconnected: true }));
    this.device.shut(true);
  }

  replug(): void {
    this.present = true;
  }
}

export class SerialMockBinding implements SerialBinding {
  private readonly ports = new Map<string, MockSerialDevice>();

  createPort(path: string, options: MockPortOptions = {}): MockSerialDevice {
    const dev = new MockSerialDevice(path, options);
    this.ports.set(path, dev);
    return dev;
  }

  port(path: string): MockSerialDevice {
    const dev = this.ports.get(path);
    if (!dev) throw new Error(`no mock port ${path}`);
    return dev;
  }

  async list(): Promise<SerialPortInfo[]> {
    return [...this.ports.values()].filter((p) => p.present).map((p) => ({ path: p.path, ...p.options.info }));
  }

  async open(path: string, _options: SerialOpenOptions): Promise<SerialConnection> {
    const dev = this.ports.get(path);
    if (!dev || !dev.present) throw new SerialError(SerialErrorCode.HwUnavailable, `cannot open ${path}: no such device`);
    if (dev.host?.open) throw new SerialError(SerialErrorCode.HwUnavailable, `cannot open ${path}: port is locked`);
    const host = new MockEnd(path);
    // The device end is one object per port for its whole life, so a simulator attached to it
    // keeps working across unplug/replug; only the host end is new per open().
    const device = dev.device;
    device.open = true;
    host.peer = device;
    device.peer = host;
    host.onWrite = (data) => {
      if (dev.options.record !== false) dev.writes.push(data);
      if (dev.options.echo) void device.write(data);
    };
    dev.host = host;
    dev.opens += 1;
    return host;
  }
}

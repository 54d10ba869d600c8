// SerialBinding over the `serialport` package. The package (and its native addon) is loaded on
// first use, never at import, so a seat without a working addon still starts and reports
// "hardware unavailable" instead of crashing.

import type { SerialPort } from 'serialport';
import type { SerialBinding, SerialConnection, SerialOpenOptions, SerialPortInfo } from './binding';
import { SerialEmitter, type Unsubscribe } from './serial-emitter';
import { SerialError, SerialErrorCode } from './serial-error';

type SerialPortModule = typeof import('serialport');

let loading: Promise<SerialPortModule> | undefined;

/** Loads serialport once; a failed load is retried on the next call (a rebuild may fix it). */
export function loadSerialport(): Promise<SerialPortModule> {
  loading ??= import('serialport').catch((cause: unknown) => {
    loading = undefined;
    throw new SerialError(SerialErrorCode.HwUnavailable, `serialport failed to load: ${(cause as Error).message}`, { cause });
  });
  return loading;
}

export class NodeSerialBinding implements SerialBinding {
  async list(): Promise<SerialPortInfo[]> {
    const { SerialPort } = await loadSerialport();
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      ...(p.manufacturer ? { manufacturer: p.manufacturer } : {}),
      ...(p.serialNumber ? { serialNumber: p.serialNumber } : {}),
      ...(p.vendorId ? { vendorId: p.vendorId } : {}),
      ...(p.productId ? { productId: p.productId } : {}),
      ...(p.pnpId ? { pnpId: p.pnpId } : {}),
    }));
  }

  async open(path: string, options: SerialOpenOptions): Promise<SerialConnection> {
    const { SerialPort } = await loadSerialport();
    const port = new SerialPort({ path, baudRate: options.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => {
      port.open((err) => {
        if (err) reject(new SerialError(SerialErrorCode.HwUnavailable, `cannot open ${path}: ${err.message}`, { cause: err }));
        else resolve();
      });
    });
    return new NodeSerialConnection(path, port);
  }
}

type ConnEvents = { data: Uint8Array; close: { lost: boolean; error?: Error }; error: Error };

class NodeSerialConnection implements SerialConnection {
  private readonly events = new SerialEmitter<ConnEvents>();
  private closingOnPurpose = false;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly port: SerialPort,
  ) {
    port.on('data', (chunk: Buffer) => this.events.emit('data', new Uint8Array(chunk)));
    port.on('error', (err: Error) => this.events.emit('error', err));
    // serialport passes a disconnect error (err.disconnected) when the device went away.
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (this.closed) return;
      this.closed = true;
      const lost = !this.closingOnPurpose || Boolean(err?.disconnected);
      this.events.emit('close', err ? { lost, error: err } : { lost });
    });
  }

  get isOpen(): boolean {
    return this.port.isOpen && !this.closed;
  }

  write(data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) {
        reject(new SerialError(SerialErrorCode.HwDeviceLost, `${this.path} is not open`));
        return;
      }
      this.port.write(Buffer.from(data), (err) => {
        if (err) reject(new SerialError(SerialErrorCode.HwDeviceLost, `write to ${this.path} failed: ${err.message}`, { cause: err }));
        else resolve();
      });
    });
  }

  onData(listener: (chunk: Uint8Array) => void): Unsubscribe {
    return this.events.on('data', listener);
  }

  onClose(listener: (info: { lost: boolean; error?: Error }) => void): Unsubscribe {
    return this.events.on('close', listener);
  }

  onError(listener: (error: Error) => void): Unsubscribe {
    return this.events.on('error', listener);
  }

  close(): Promise<void> {
    if (this.closed || !this.port.isOpen) {
      this.closed = true;
      return Promise.resolve();
    }
    this.closingOnPurpose = true;
    return new Promise((resolve) => {
      this.port.close(() => resolve());
    });
  }
}

// The narrow transport seam for serial devices. Sessions and tokenizers only see this; the
// serialport package lives behind binding-node.ts and tests use native/sim/serial-mock-binding.ts.

import type { Unsubscribe } from './serial-emitter';

export interface SerialPortInfo {
  /** What to pass to open(): a device node, a /dev/serial/by-id link, or COMn. */
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
  pnpId?: string;
}

export interface SerialOpenOptions {
  baudRate: number;
}

export interface SerialConnection {
  readonly path: string;
  readonly isOpen: boolean;
  write(data: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): Unsubscribe;
  /** Fires once when the port closes; `lost` is true when we did not ask for it (unplug). */
  onClose(listener: (info: { lost: boolean; error?: Error }) => void): Unsubscribe;
  onError(listener: (error: Error) => void): Unsubscribe;
  close(): Promise<void>;
}

export interface SerialBinding {
  list(): Promise<SerialPortInfo[]>;
  /** Rejects with SerialError(BL_ERR_HW_UNAVAILABLE) when the port cannot be opened. */
  open(path: string, options: SerialOpenOptions): Promise<SerialConnection>;
}

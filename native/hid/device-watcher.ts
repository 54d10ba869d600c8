/**
 * Hot-plug by polling the binding's device list (hidapi has no portable arrival events).
 * Picks the preferred headset (telephony-capable first, then the one last chosen by
 * vid:pid:serial), keeps it connected, and reconnects it when it comes back after an unplug.
 */
import { deviceKey } from './binding';
import type { HidBinding, HidDeviceInfo } from './binding';
import { HidError, isHidError } from './hid-error';
import { PAGE_TELEPHONY } from './telephony-controls';
import { TypedEmitter } from './typed-emitter';

export interface Connection {
  close(): Promise<void>;
}

export interface DeviceWatcherEvents<C extends Connection> {
  add: [info: HidDeviceInfo];
  remove: [info: HidDeviceInfo];
  /** The preferred device was opened (first time or after it returned). */
  connected: [info: HidDeviceInfo, connection: C];
  /** The connected device disappeared from the list. */
  disconnected: [info: HidDeviceInfo];
  error: [err: HidError];
}

export interface DeviceWatcherOptions<C extends Connection> {
  binding: HidBinding;
  /** Opens the chosen device (e.g. HeadsetDriver.open); its failure is reported and retried next poll. */
  connect: (binding: HidBinding, info: HidDeviceInfo) => Promise<C>;
  intervalMs?: number;
  /** Injectable scheduler; returns a cancel function. Defaults to setTimeout. */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** vid:pid:serial of the device the user chose last time. */
  lastChosen?: string | undefined;
  /** Which entries may be connected at all; default: telephony-capable or the last chosen. */
  accept?: (info: HidDeviceInfo, lastChosen: string | undefined) => boolean;
}

/** One entry per (path, top-level collection): Windows/macOS list each collection separately. */
const entryKey = (d: HidDeviceInfo) => `${d.path}#${d.usagePage ?? 0}:${d.usage ?? 0}`;
const isTelephony = (d: HidDeviceInfo) => d.usagePage === PAGE_TELEPHONY;

export function rankDevices(list: readonly HidDeviceInfo[], lastChosen: string | undefined): HidDeviceInfo[] {
  const score = (d: HidDeviceInfo) => (isTelephony(d) ? 2 : 0) + (lastChosen !== undefined && deviceKey(d) === lastChosen ? 1 : 0);
  return list.map((d, i) => ({ d, i, s: score(d) })).sort((a, b) => b.s - a.s || a.i - b.i).map((x) => x.d);
}

export class DeviceWatcher<C extends Connection> extends TypedEmitter<DeviceWatcherEvents<C>> {
  #known = new Map<string, HidDeviceInfo>();
  #active: { info: HidDeviceInfo; connection: C } | undefined;
  #lastChosen: string | undefined;
  #cancel: (() => void) | undefined;
  #running = false;
  #polling: Promise<void> | undefined;
  readonly #opts: Required<Omit<DeviceWatcherOptions<C>, 'lastChosen'>>;

  constructor(options: DeviceWatcherOptions<C>) {
    super();
    this.#lastChosen = options.lastChosen;
    this.#opts = {
      binding: options.binding,
      connect: options.connect,
      intervalMs: options.intervalMs ?? 2000,
      schedule: options.schedule ?? ((fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      }),
      accept: options.accept ?? ((d, last) => isTelephony(d) || (last !== undefined && deviceKey(d) === last)),
    };
  }

  get devices(): HidDeviceInfo[] {
    return [...this.#known.values()];
  }

  get active(): { info: HidDeviceInfo; connection: C } | undefined {
    return this.#active;
  }

  get lastChosen(): string | undefined {
    return this.#lastChosen;
  }

  /** Remembers the user's choice and switches to it on the next poll. */
  async choose(info: HidDeviceInfo): Promise<void> {
    this.#lastChosen = deviceKey(info);
    if (this.#active && entryKey(this.#active.info) !== entryKey(info)) await this.#drop(false);
    await this.poll();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    const tick = () => {
      if (!this.#running) return;
      void this.poll().finally(() => {
        if (this.#running) this.#cancel = this.#opts.schedule(tick, this.#opts.intervalMs);
      });
    };
    tick();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#cancel?.();
    this.#cancel = undefined;
    await this.#polling;
    await this.#drop(false);
  }

  /** One scan; concurrent calls share the scan in flight. */
  poll(): Promise<void> {
    this.#polling ??= this.#scan().finally(() => {
      this.#polling = undefined;
    });
    return this.#polling;
  }

  async #scan(): Promise<void> {
    let list: HidDeviceInfo[];
    try {
      list = await this.#opts.binding.list();
    } catch (err) {
      this.fire('error', isHidError(err) ? err : new HidError('BL_ERR_HW_UNAVAILABLE', 'listing HID devices failed', { cause: err }));
      return;
    }
    const now = new Map(list.map((d) => [entryKey(d), d]));
    for (const [k, d] of this.#known) {
      if (!now.has(k)) {
        this.#known.delete(k);
        this.fire('remove', d);
      }
    }
    for (const [k, d] of now) {
      if (!this.#known.has(k)) {
        this.#known.set(k, d);
        this.fire('add', d);
      }
    }
    if (this.#active && !now.has(entryKey(this.#active.info))) await this.#drop(true);
    // The chosen headset came back while we were on a stand-in: switch back to it.
    const best = this.#best(list);
    if (this.#active && best && deviceKey(best) === this.#lastChosen && deviceKey(this.#active.info) !== this.#lastChosen) {
      await this.#drop(false);
    }
    if (!this.#active) await this.#connectPreferred(list);
  }

  #best(list: HidDeviceInfo[]): HidDeviceInfo | undefined {
    return rankDevices(list, this.#lastChosen).find((d) => this.#opts.accept(d, this.#lastChosen));
  }

  async #connectPreferred(list: HidDeviceInfo[]): Promise<void> {
    const best = this.#best(list);
    if (!best) return;
    try {
      const connection = await this.#opts.connect(this.#opts.binding, best);
      this.#active = { info: best, connection };
      this.#lastChosen ??= deviceKey(best);
      this.fire('connected', best, connection);
    } catch (err) {
      // Reported, then retried on the next poll (the device may still be enumerating).
      this.fire('error', isHidError(err) ? err : new HidError('BL_ERR_HW_DEVICE_LOST', `cannot open ${best.path}`, { cause: err }));
    }
  }

  async #drop(vanished: boolean): Promise<void> {
    const active = this.#active;
    if (!active) return;
    this.#active = undefined;
    await active.connection.close().catch(() => undefined);
    if (vanished) this.fire('disconnected', active.info);
  }
}

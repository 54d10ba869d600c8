/**
 * The headset half of the hardware host: keeps the chosen (or first telephony) headset open
 * through DeviceWatcher hot-plug, turns its button events into host events, mirrors the seat's
 * call state onto its LEDs, and remembers each opened device's raw report descriptor for
 * diagnostics.
 */
import { deviceKey } from '../hid/binding';
import type { HidBinding, HidDevice, HidDeviceInfo } from '../hid/binding';
import { DeviceWatcher } from '../hid/device-watcher';
import { HeadsetDriver } from '../hid/headset-driver';
import { HeadsetState, inCall } from '../hid/headset-state';
import { PAGE_TELEPHONY } from '../hid/telephony-controls';
import type { HeadsetSim } from '../sim/headset-sim';
import type { CallLightState, HidDeviceSummary, SimulateRequest, SimulateResult } from '../../protocol/hardware-api';
import type { HostDescriptor } from '../../protocol/hardware';
import { HostOpError } from './host-op-error';
import type { HostEmit, HostLogger } from './host-types';

const VENDORS: Record<number, string> = { 0x047f: 'Poly (Plantronics)', 0x0b0e: 'Jabra (GN Audio)', 0x1395: 'EPOS (Sennheiser)', 0x6993: 'Yealink', 0x046d: 'Logitech' };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const nameOf = (d: HidDeviceInfo) => d.product ?? `HID ${d.vendorId.toString(16).padStart(4, '0')}:${d.productId.toString(16).padStart(4, '0')}`;

export class HeadsetHost {
  #watcher: DeviceWatcher<HeadsetDriver> | undefined;
  #key: string | null = null;
  #descriptors = new Map<string, Uint8Array>();
  #call: CallLightState = { state: 'idle', muted: false };
  #warned = new Map<string, number>();
  readonly #binding: HidBinding;

  constructor(
    binding: HidBinding,
    private readonly sims: readonly HeadsetSim[],
    private readonly emit: HostEmit,
    private readonly onDevicesChanged: () => void,
    private readonly log: HostLogger,
  ) {
    // Every descriptor a driver reads is kept, so diagnostics can ship the exact bytes.
    this.#binding = {
      list: () => binding.list(),
      open: async (path) => {
        const device: HidDevice = await binding.open(path);
        const read = device.getReportDescriptor.bind(device);
        device.getReportDescriptor = async () => {
          const bytes = await read();
          this.#descriptors.set(path, bytes);
          return bytes;
        };
        return device;
      },
    };
  }

  get driver(): HeadsetDriver | undefined {
    return this.#watcher?.active?.connection;
  }

  /** Chooses the headset (null: first telephony one) and (re)starts watching for it. */
  async configure(key: string | null): Promise<void> {
    if (this.#watcher && key === this.#key) return;
    this.#key = key;
    await this.#watcher?.stop();
    const watcher = new DeviceWatcher<HeadsetDriver>({
      binding: this.#binding,
      connect: (b, info) => HeadsetDriver.open(b, info.path),
      intervalMs: 1000,
      lastChosen: key ?? undefined,
    });
    watcher.on('connected', (info, driver) => this.#wire(info, driver));
    watcher.on('disconnected', (info) => {
      this.log.info({ dev: info.path }, 'headset disconnected');
      this.emit({ source: 'headset', kind: 'headsetDisconnected', device: info.path });
    });
    watcher.on('add', () => this.onDevicesChanged());
    watcher.on('remove', () => this.onDevicesChanged());
    watcher.on('error', (err) => this.#warnOnce(`${err.code} ${err.message}`, () => this.log.warn({ code: err.code, err: err.message }, 'headset watcher error')));
    this.#watcher = watcher;
    watcher.start();
    await watcher.poll();
  }

  state(): { key: string; name: string; path: string; state: string } | null {
    const a = this.#watcher?.active;
    return a ? { key: deviceKey(a.info), name: nameOf(a.info), path: a.info.path, state: a.connection.state } : null;
  }

  async list(): Promise<HidDeviceSummary[]> {
    const devices = await this.#binding.list();
    const active = this.#watcher?.active;
    const simPaths = new Set(this.sims.map((s) => s.path));
    return devices.map((d) => {
      const open = active && active.info.path === d.path ? active.connection : undefined;
      return {
        key: deviceKey(d), path: d.path, vendorId: d.vendorId, productId: d.productId,
        vendorName: d.manufacturer ?? VENDORS[d.vendorId] ?? 'USB HID', productName: nameOf(d),
        serialNumber: d.serialNumber ?? null, telephony: d.usagePage === PAGE_TELEPHONY || (open?.profile.hasTelephony ?? false),
        active: open !== undefined,
        buttons: open ? [...new Set(open.profile.inputs.map((c) => c.name))] : [],
        leds: open ? [...new Set(open.profile.outputs.map((c) => c.name))] : [],
        simulated: simPaths.has(d.path),
      };
    });
  }

  async setCallState(next: CallLightState): Promise<void> {
    this.#call = next;
    const d = this.driver;
    if (d) await applyCallState(d, next);
  }

  async testLeds(values: Record<string, number>): Promise<void> {
    const d = this.driver;
    if (!d) throw new HostOpError('BL_ERR_HW_NO_DEVICE', 'no headset is connected');
    const missing = await d.testLeds(values);
    await d.flush();
    if (missing.length === Object.keys(values).length) throw new HostOpError('BL_ERR_HW_NOT_SUPPORTED', `${nameOf(d.info)} has no ${missing.join('/')} LED`);
  }

  async descriptors(): Promise<HostDescriptor[]> {
    const out: HostDescriptor[] = [];
    for (const d of await this.#binding.list().catch(() => [])) {
      let bytes = this.#descriptors.get(d.path);
      let error: string | null = null;
      // Only telephony devices are opened just to read a descriptor: never keyboards or mice.
      if (!bytes && d.usagePage === PAGE_TELEPHONY) {
        try {
          const dev = await this.#binding.open(d.path);
          bytes = await dev.getReportDescriptor().finally(() => dev.close());
        } catch (err) {
          error = err instanceof Error ? err.message : String(err);
        }
      }
      out.push({ key: deviceKey(d), path: d.path, product: nameOf(d), hex: bytes ? hex(bytes) : null, error });
    }
    return out;
  }

  simulate(req: SimulateRequest): SimulateResult {
    const active = this.#watcher?.active?.info.path;
    const sim = this.sims.find((s) => s.path === active) ?? this.sims[0];
    if (!sim) throw new HostOpError('BL_ERR_HW_NOT_SIMULATED', 'no simulated headset on this seat (start it with --hw sim)');
    const at = performance.timeOrigin + performance.now();
    let reports: Uint8Array[] = [];
    try {
      if (req.op === 'pressHook') reports = sim.pressHook();
      else if (req.op === 'pressMute') reports = sim.pressMute();
      else if (req.op === 'press') reports = sim.press(req.control ?? 'flash');
      else if (req.op === 'unplug') sim.port.unplug();
      else if (req.op === 'replug') sim.port.replug();
    } catch (err) {
      throw new HostOpError('BL_ERR_HW_NOT_SUPPORTED', err instanceof Error ? err.message : String(err));
    }
    return { device: sim.path, reports: reports.map(hex), writes: sim.port.writes.map(hex), leds: sim.leds(), at };
  }

  async close(): Promise<void> {
    await this.#watcher?.stop();
    this.#watcher = undefined;
  }

  /** The watcher retries every poll; a device we may not open must not fill the log every second. */
  #warnOnce(key: string, warn: () => void): void {
    const now = Date.now();
    if (now - (this.#warned.get(key) ?? -Infinity) < 60_000) return;
    this.#warned.set(key, now);
    warn();
  }

  #wire(info: HidDeviceInfo, d: HeadsetDriver): void {
    const dev = info.path;
    this.log.info({ dev, quirks: d.appliedQuirks }, 'headset connected');
    const press = (kind: string) => () => this.emit({ source: 'headset', kind, device: dev });
    d.on('hookOff', press('hookOff'));
    d.on('hookOn', press('hookOn'));
    d.on('flash', press('flash'));
    d.on('redial', press('redial'));
    d.on('hold', press('hold'));
    d.on('drop', press('drop'));
    d.on('muteToggled', (muted) => this.emit({ source: 'headset', kind: 'mute', device: dev, muted }));
    d.on('lost', (err) => this.log.warn({ dev, err: err.message }, 'headset lost'));
    d.on('error', (err) => {
      if (err.code !== 'BL_ERR_HW_DEVICE_LOST') this.log.warn({ dev, code: err.code, err: err.message }, 'headset error');
    });
    this.emit({ source: 'headset', kind: 'headsetConnected', device: dev, detail: nameOf(info) });
    this.onDevicesChanged();
    // A headset that comes back mid-call shows the call again.
    if (this.#call.state !== 'idle') void applyCallState(d, this.#call).catch(() => undefined);
  }
}

/** Moves the driver's state machine to match the softphone's call (see headset-state.ts). */
export async function applyCallState(d: HeadsetDriver, call: CallLightState): Promise<void> {
  const s = d.state;
  switch (call.state) {
    case 'idle':
      if (inCall(s)) await d.setOffHook(false);
      else if (s === HeadsetState.Ringing) await d.setRinging(false);
      break;
    case 'ringing':
      if (s === HeadsetState.Idle) await d.setRinging(true);
      break;
    case 'active':
      if (s === HeadsetState.Held) await d.setHold(false);
      else if (!inCall(s)) await d.setOffHook(true);
      break;
    case 'held':
      if (!inCall(d.state)) await d.setOffHook(true);
      await d.setHold(true);
      break;
  }
  if (inCall(d.state)) await d.setMute(call.muted);
  await d.flush();
}

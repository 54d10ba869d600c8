/**
 * The seat's hardware: owns the hardware host child, applies the seat's hardware profile (chosen
 * headset and serial port, kept in the seat store), turns device events into softphone actions
 * (hook-off → answer, hook-on → hangup, mute both ways) and caller ID into normalised numbers,
 * mirrors the call state onto LEDs, keeps recent events, and fans all of it out to sessions.
 */
import { BranchlineError } from '../../../protocol/errors';
import type { HostDeviceState, HostEvent, HostMessage } from '../../../protocol/hardware';
import { HardwareProfile } from '../../../protocol/hardware-api';
import type {
  CallLightState, DeviceEvent, DeviceEventKind, DeviceList, DiagnosticsBundle, HardwareAction, HardwareMode, HardwareStatus,
  SerialKind, SimulateRequest, SimulateResult, TestLedName,
} from '../../../protocol/hardware-api';
import { normalizePhone } from '../../../protocol/phone';
import type { EventPayload } from '../../../protocol/rpc';
import type { SeatApi } from '../../../protocol/seat-api';
import type { Logger } from '../../common/logger';
import { buildDiagnostics } from './hardware-diagnostics';
import { HardwareHost, forkSpawner } from './hardware-host';
import type { HardwareHostOptions, HostSpawner } from './hardware-host';

export interface HardwareOptions {
  mode: HardwareMode;
  /** testdata/hid model names for `sim` mode (default: one Jabra EVOLVE LINK MS). */
  simHeadsets?: readonly string[];
  /** Serial paths to offer besides enumerated ports (socat ptys for demos and tests). */
  serialPaths?: readonly string[];
  /** Replaces the fork spawner (tests, Electron utilityProcess). */
  spawner?: HostSpawner;
  host?: Omit<HardwareHostOptions, 'spawner' | 'logger'>;
}

/** Where the profile lives: one seat-store setting (see seat.ts). */
export interface ProfileStore {
  load(): string | undefined;
  save(json: string): void;
}

export type HardwareEventName = 'hardware.onDeviceEvent' | 'hardware.onAction' | 'hardware.onCallerId' | 'hardware.onDevicesChanged' | 'hardware.onStatusChanged';
export type HardwareListener = <N extends HardwareEventName>(name: N, payload: EventPayload<SeatApi, N>) => void;

const EMPTY_PROFILE: HardwareProfile = { headset: null, serial: null };
const KINDS = new Set<string>([
  'hookOff', 'hookOn', 'mute', 'flash', 'redial', 'hold', 'drop', 'callerId', 'ring', 'dtmf', 'lineHook', 'badFrame',
  'headsetConnected', 'headsetDisconnected', 'serialConnected', 'serialDisconnected', 'deviceLost', 'hostRestarted',
]);

/** The softphone action a device event asks for, if any. */
export function actionFor(e: Pick<HostEvent, 'kind' | 'muted' | 'detail' | 'source'>, serialKind: SerialKind | undefined): HardwareAction | null {
  switch (e.kind) {
    case 'hookOff':
      return 'answer';
    case 'hookOn':
    case 'drop':
      return 'hangup';
    case 'mute':
      return e.muted ? 'mute' : 'unmute';
    case 'flash':
      return 'flash';
    case 'redial':
      return 'redial';
    case 'hold':
      return 'hold';
    case 'lineHook':
      // An agent box's handset is the desk phone; a modem's hook events are the line's, not ours.
      if (serialKind !== 'agentbox') return null;
      return e.detail === 'offHook' ? 'answer' : 'hangup';
    default:
      return null;
  }
}

export class HardwareManager {
  readonly mode: HardwareMode;
  readonly #host: HardwareHost | undefined;
  readonly #listeners = new Set<HardwareListener>();
  readonly #events: DeviceEvent[] = [];
  #nextId = 1;
  #device: HostDeviceState | undefined;
  #call: CallLightState = { state: 'idle', muted: false };
  #lastStatus = '';
  readonly #log: Logger;

  constructor(
    private readonly options: HardwareOptions,
    private readonly profiles: ProfileStore,
    logger: Logger,
    private readonly meta: { dataDir: string; version: string },
  ) {
    this.mode = options.mode;
    this.#log = logger.child({ mod: 'seat.hardware' });
    if (options.mode === 'off') return;
    const spawner = options.spawner ?? forkSpawner({ mode: options.mode, simHeadsets: options.simHeadsets ?? [], serialPaths: options.serialPaths ?? [] });
    this.#host = new HardwareHost({ spawner, logger, ...options.host });
    this.#host.on('ready', (ready) => void this.#onReady(ready.state));
    this.#host.on('message', (m) => this.#onMessage(m));
    this.#host.on('lost', (info) => {
      this.#device = undefined;
      this.#record({ at: Date.now(), source: 'host', kind: 'deviceLost', device: null, detail: `hardware host pid ${info.pid ?? '?'} exited (${info.signal ?? `code ${info.code}`})${info.willRestart ? '; restarting' : ''}` });
      this.#publishStatus();
    });
    this.#host.on('failed', () => this.#publishStatus());
  }

  start(): void {
    this.#host?.start();
    this.#publishStatus();
  }

  subscribe(listener: HardwareListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  status(): HardwareStatus {
    const host = this.#host;
    const base = { mode: this.mode, restarts: host?.restarts ?? 0, hostPid: host?.pid ?? null };
    const dev = this.#device;
    const unknown = { ok: false, reason: null };
    if (!host) {
      return { ...base, state: 'disabled', reason: 'hardware support is off (--hw off)', hid: unknown, serial: unknown, headset: null, serialPort: null };
    }
    if (host.state === 'failed') {
      return { ...base, state: 'unavailable', reason: host.failure ?? 'hardware host failed', hid: unknown, serial: unknown, headset: null, serialPort: null };
    }
    if (host.state !== 'running' || !dev) {
      return { ...base, state: 'starting', reason: null, hid: dev?.hid ?? unknown, serial: dev?.serial ?? unknown, headset: null, serialPort: null };
    }
    const down = [dev.hid.ok ? undefined : `headsets: ${dev.hid.reason}`, dev.serial.ok ? undefined : `serial: ${dev.serial.reason}`].filter(Boolean).join('; ');
    return {
      ...base,
      state: dev.hid.ok || dev.serial.ok ? 'available' : 'unavailable',
      reason: down || null,
      hid: dev.hid, serial: dev.serial, headset: dev.headset, serialPort: dev.serialPort,
    };
  }

  getProfile(): HardwareProfile {
    const raw = this.profiles.load();
    if (!raw) return EMPTY_PROFILE;
    try {
      return HardwareProfile.parse(JSON.parse(raw));
    } catch {
      this.#log.warn('stored hardware profile is malformed; using none');
      return EMPTY_PROFILE;
    }
  }

  async saveProfile(profile: HardwareProfile): Promise<HardwareStatus> {
    this.profiles.save(JSON.stringify(profile));
    this.#log.info({ headset: profile.headset?.key ?? null, serial: profile.serial?.path ?? null }, 'hardware profile saved');
    await this.#configure(profile);
    return this.status();
  }

  async selectHeadset(key: string | null): Promise<HardwareStatus> {
    let name = '';
    if (key) {
      const found = (await this.listDevices()).hid.find((d) => d.key === key);
      if (!found) throw new BranchlineError('BL_ERR_NOT_FOUND', `no headset ${key}`);
      name = `${found.vendorName} ${found.productName}`;
    }
    return this.saveProfile({ ...this.getProfile(), headset: key ? { key, name } : null });
  }

  async selectSerialPort(path: string | null, kind: SerialKind): Promise<HardwareStatus> {
    return this.saveProfile({ ...this.getProfile(), serial: path ? { path, kind } : null });
  }

  async listDevices(): Promise<DeviceList> {
    return this.#need().request('listDevices', undefined);
  }

  async testLed(led: TestLedName, on: boolean, target: 'headset' | 'serial'): Promise<void> {
    await this.#need().request('testLed', { led, on, target });
    this.#log.info({ led, on, target }, 'LED test');
  }

  async testRinger(on: boolean): Promise<void> {
    return this.#need().request('testRinger', { on });
  }

  /** The softphone's call state; LEDs follow it (and it is re-applied after a host restart). */
  async setCallState(call: CallLightState): Promise<void> {
    this.#call = call;
    if (this.#host?.state === 'running') await this.#host.request('setCallState', call);
  }

  async simulate(req: SimulateRequest): Promise<SimulateResult> {
    if (this.mode !== 'sim') throw new BranchlineError('BL_ERR_HW_NOT_SIMULATED');
    return this.#need().request('simulate', req);
  }

  recentEvents(limit: number): DeviceEvent[] {
    return this.#events.slice(-limit);
  }

  async exportDiagnostics(): Promise<DiagnosticsBundle> {
    const host = this.#host;
    const running = host?.state === 'running';
    return buildDiagnostics({
      dataDir: this.meta.dataDir,
      versions: { app: this.meta.version, seatNode: process.versions.node, platform: `${process.platform} ${process.arch}`, ...(host?.lastReady?.versions ?? {}) },
      status: this.status(),
      profile: this.getProfile(),
      devices: running ? await host.request('listDevices', undefined).catch((e: Error) => ({ error: e.message })) : { error: 'hardware host not running' },
      descriptors: running ? await host.request('descriptors', undefined).catch(() => []) : [],
      events: this.#events,
      log: host?.recentLog ?? [],
    });
  }

  async close(): Promise<void> {
    this.#listeners.clear();
    await this.#host?.stop(2_000);
  }

  /** For tests: the host process. */
  get host(): HardwareHost | undefined {
    return this.#host;
  }

  #need(): HardwareHost {
    if (!this.#host) throw new BranchlineError('BL_ERR_HW_UNAVAILABLE', 'hardware support is off (--hw off)');
    return this.#host;
  }

  async #onReady(state: HostDeviceState): Promise<void> {
    this.#device = state;
    if ((this.#host?.restarts ?? 0) > 0) this.#record({ at: Date.now(), source: 'host', kind: 'hostRestarted', device: null, detail: `pid ${this.#host?.pid ?? '?'}` });
    this.#publishStatus();
    try {
      await this.#configure(this.getProfile());
      if (this.#call.state !== 'idle') await this.#host?.request('setCallState', this.#call);
    } catch (err) {
      this.#log.warn({ err: (err as Error).message }, 'applying the hardware profile failed');
    }
  }

  async #configure(profile: HardwareProfile): Promise<void> {
    const host = this.#host;
    if (host?.state !== 'running') return;
    this.#device = await host.request('configure', { headsetKey: profile.headset?.key ?? null, serial: profile.serial });
    this.#publishStatus();
  }

  #onMessage(m: HostMessage): void {
    if (m.type === 'event') this.#record(m.event);
    else if (m.type === 'devices') this.#broadcast('hardware.onDevicesChanged', m.devices);
    else if (m.type === 'state') {
      this.#device = m.state;
      this.#publishStatus();
    }
  }

  #record(e: HostEvent): void {
    if (!KINDS.has(e.kind)) return;
    const action = actionFor(e, this.#device?.serialPort?.kind);
    const event: DeviceEvent = {
      id: this.#nextId++, at: e.at, source: e.source, kind: e.kind as DeviceEventKind, device: e.device, action,
      ...(e.muted !== undefined ? { muted: e.muted } : {}),
      ...(e.digit !== undefined ? { digit: e.digit } : {}),
      ...(e.detail !== undefined ? { detail: e.detail } : {}),
    };
    if (e.callerId) {
      const raw = e.callerId.number ?? null;
      event.callerId = { number: raw ? normalizePhone(raw) : '', rawNumber: raw, name: e.callerId.name ?? null, absence: e.callerId.numberAbsence ?? null, line: e.callerId.line ?? null };
    }
    this.#events.push(event);
    if (this.#events.length > 500) this.#events.splice(0, this.#events.length - 500);
    // Actions first: they are what the softphone is waiting for.
    if (action && (event.source === 'headset' || event.source === 'serial')) {
      this.#broadcast('hardware.onAction', { action, source: event.source, eventId: event.id, at: event.at });
    }
    if (event.callerId) this.#broadcast('hardware.onCallerId', { ...event.callerId, eventId: event.id, at: event.at, device: event.device });
    this.#broadcast('hardware.onDeviceEvent', event);
    if (e.kind === 'callerId') this.#log.info({ dev: e.device, number: event.callerId?.number }, 'caller ID');
  }

  #publishStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.#lastStatus) return;
    this.#lastStatus = key;
    this.#broadcast('hardware.onStatusChanged', status);
  }

  #broadcast<N extends HardwareEventName>(name: N, payload: EventPayload<SeatApi, N>): void {
    for (const l of this.#listeners) {
      try {
        l(name, payload);
      } catch (err) {
        this.#log.warn({ err }, 'hardware listener threw');
      }
    }
  }
}

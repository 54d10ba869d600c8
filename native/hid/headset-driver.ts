/**
 * Telephony headset driver over a HidBinding. Turns input reports into call intents (hookOff,
 * hookOn, muteToggled, flash, redial, hold, drop) and mirrors the host's call state onto the
 * headset LEDs with whole output reports. See headset-state.ts for the state machine.
 */
import type { HidBinding, HidDevice } from './binding';
import { HidError, isHidError } from './hid-error';
import { HeadsetState, inCall, ledsFor, transition } from './headset-state';
import type { HeadsetEvent } from './headset-state';
import { quirksFor } from './quirks';
import type { HeadsetQuirks } from './quirks';
import {
  decodeInputReport, encodeFeatureUsage, encodeOutputReport, findInput, findOutputs, outputReportsFor, telephonyProfile,
} from './telephony-controls';
import type { ControlValues, TelephonyProfile } from './telephony-controls';
import { TypedEmitter } from './typed-emitter';

export interface HeadsetDriverEvents {
  /** The user took the headset off hook: answer (or start a call). */
  hookOff: [];
  /** The user hung up on the headset. */
  hookOn: [];
  /** The user pressed mute on the headset; the driver has already echoed the LED. */
  muteToggled: [muted: boolean];
  flash: [];
  redial: [];
  hold: [];
  drop: [];
  state: [state: HeadsetState, previous: HeadsetState];
  lost: [err: HidError];
  error: [err: HidError];
}

export interface HeadsetDriverOptions {
  /** Injectable clock (ms) for echo windows and debounce. */
  now?: () => number;
  /** Overrides on top of the VID/PID quirks. */
  quirks?: Partial<HeadsetQuirks>;
}

const PRESS_EVENTS = { flash: 'flash', redial: 'redial', hold: 'hold', drop: 'drop' } as const;

export class HeadsetDriver extends TypedEmitter<HeadsetDriverEvents> {
  #state = HeadsetState.Closed;
  #muted = false;
  #leds: ControlValues = {};
  #last: ControlValues = {};
  #lastPressAt: Record<string, number> = {};
  #hookEchoUntil = -Infinity;
  #muteIgnoreUntil = -Infinity;
  #writes: Promise<void> = Promise.resolve();
  #closing = false;
  readonly quirks: HeadsetQuirks;
  readonly appliedQuirks: string[];
  readonly #now: () => number;

  private constructor(
    private readonly device: HidDevice,
    readonly profile: TelephonyProfile,
    options: HeadsetDriverOptions,
  ) {
    super();
    const q = quirksFor(device.info.vendorId, device.info.productId);
    this.quirks = { ...q.quirks, ...options.quirks };
    this.appliedQuirks = q.applied;
    this.#now = options.now ?? (() => Date.now());
  }

  /** Opens `path`, checks it has telephony controls, applies quirks and resets its LEDs. */
  static async open(binding: HidBinding, path: string, options: HeadsetDriverOptions = {}): Promise<HeadsetDriver> {
    const device = await binding.open(path);
    let driver: HeadsetDriver;
    try {
      const profile = telephonyProfile(await device.getReportDescriptor());
      if (!profile.hasTelephony) throw new HidError('BL_ERR_HW_DESCRIPTOR', `${path} has no telephony controls`);
      driver = new HeadsetDriver(device, profile, options);
    } catch (err) {
      await device.close().catch(() => undefined);
      throw err;
    }
    await driver.#start();
    return driver;
  }

  get state(): HeadsetState {
    return this.#state;
  }

  get muted(): boolean {
    return this.#muted;
  }

  get info() {
    return this.device.info;
  }

  async #start(): Promise<void> {
    this.device.on('data', (r) => this.#onReport(r));
    this.device.on('error', (e) => this.fire('error', e));
    this.device.on('close', () => this.#onDeviceClose());
    for (const f of this.quirks.featuresOnOpen) {
      const report = encodeFeatureUsage(this.profile.descriptor, f.usage, f.value);
      if (report) await this.device.sendFeatureReport(report);
    }
    this.#move('open');
    await this.#writeLeds(true);
  }

  // ---- commands (host → headset). Each returns false when the call state does not allow it.

  setRinging(on: boolean): Promise<boolean> {
    return this.#command(on ? 'ring' : 'stopRing');
  }

  setOffHook(on: boolean): Promise<boolean> {
    return this.#command(on ? 'offHook' : 'onHook');
  }

  setHold(on: boolean): Promise<boolean> {
    return this.#command(on ? 'hold' : 'resume');
  }

  async setMute(muted: boolean): Promise<boolean> {
    if (!inCall(this.#state)) return false;
    if (muted === this.#muted) return true;
    this.#muted = muted;
    // Some headsets answer a host mute write with a Phone Mute report (gonnect PR #505).
    this.#muteIgnoreUntil = this.#now() + this.quirks.echoWindowMs;
    await this.#writeLeds(false);
    return true;
  }

  /**
   * Installer test: forces the named LEDs (e.g. `{ ring: 1 }`) over what the call state shows,
   * writing only the whole reports that carry them. Returns the names this headset has none of.
   * The next call-state command rewrites the LEDs from the state again.
   */
  async testLeds(overrides: ControlValues): Promise<string[]> {
    const names = Object.keys(overrides);
    const missing = names.filter((n) => findOutputs(this.profile, n).length === 0);
    const ids = outputReportsFor(this.profile, names);
    if (ids.length === 0) return missing;
    const values = { ...this.#targetLeds(), ...this.#leds, ...overrides };
    this.#leds = values;
    await this.#enqueue(() => this.#writeReports(ids, values));
    return missing;
  }

  /** Resolves when every LED write queued so far has been attempted. */
  flush(): Promise<void> {
    return this.#writes;
  }

  /** Back to idle with every LED off, as after open. */
  async reset(): Promise<void> {
    if (!this.#move('reset')) return;
    this.#muted = false;
    await this.#writeLeds(true);
  }

  /** Turns every LED off, then closes the device. */
  async close(): Promise<void> {
    if (this.#state === HeadsetState.Closed || this.#closing) return;
    this.#closing = true;
    try {
      if (this.#state !== HeadsetState.Lost) {
        this.#muted = false;
        this.#leds = {};
        await this.#enqueue(() => this.#writeReports(this.#allOutputReports(), {}));
      }
    } finally {
      await this.device.close().catch(() => undefined);
      this.#move('close');
      this.removeAll();
    }
  }

  async #command(event: HeadsetEvent): Promise<boolean> {
    const wasInCall = inCall(this.#state);
    if (!this.#move(event)) return false;
    if (event === 'offHook' || event === 'onHook') this.#hookEchoUntil = this.#now() + this.quirks.echoWindowMs;
    if (wasInCall && !inCall(this.#state)) {
      this.#muted = false;
      this.#ignoreMuteAfterHangup();
    }
    await this.#writeLeds(false);
    return true;
  }

  #move(event: HeadsetEvent): boolean {
    const next = transition(this.#state, event);
    if (next === undefined) return false;
    const prev = this.#state;
    this.#state = next;
    if (next !== prev) this.fire('state', next, prev);
    return true;
  }

  // ---- input (headset → host)

  #onReport(report: Uint8Array): void {
    if (this.#state === HeadsetState.Closed || this.#state === HeadsetState.Lost) return;
    const decoded = decodeInputReport(this.profile, report);
    if (!decoded) return;
    const now = this.#now();
    for (const [name, value] of Object.entries(decoded.values)) {
      const prev = this.#last[name] ?? 0;
      this.#last[name] = value;
      if (value === prev) continue;
      const rising = value !== 0 && prev === 0;
      if (name === 'hookSwitch') this.#onHook(value, rising, now);
      else if (name === 'phoneMute') this.#onMute(value, rising, now);
      else if (rising && name in PRESS_EVENTS && this.#isNewPress(name, now)) {
        this.fire(PRESS_EVENTS[name as keyof typeof PRESS_EVENTS]);
      }
    }
  }

  /** Debounces duplicate reports of one press (quirk pressDebounceMs). */
  #isNewPress(name: string, now: number): boolean {
    const last = this.#lastPressAt[name];
    this.#lastPressAt[name] = now;
    return last === undefined || now - last >= this.quirks.pressDebounceMs;
  }

  #onHook(value: number, rising: boolean, now: number): void {
    // The device echoes (or glitches) its hook bit right after we write Off-Hook (gonnect GOW_001).
    if (now < this.#hookEchoUntil) return;
    const control = findInput(this.profile, 'hookSwitch');
    const toggles = this.quirks.hookMode === 'toggle' || control?.relative === true;
    const calling = inCall(this.#state);
    if (toggles) {
      if (!rising || !this.#isNewPress('hookSwitch', now)) return;
      if (calling) this.#hookOn();
      else this.fire('hookOff');
      return;
    }
    // Absolute switch: level 1 = off hook. Edges that match our state are duplicates.
    if (value !== 0 && !calling) this.fire('hookOff');
    else if (value === 0 && calling) this.#hookOn();
  }

  #hookOn(): void {
    this.#ignoreMuteAfterHangup();
    this.fire('hookOn');
  }

  #ignoreMuteAfterHangup(): void {
    const ms = this.quirks.ignoreMuteAfterHangupMs;
    if (ms > 0) this.#muteIgnoreUntil = Math.max(this.#muteIgnoreUntil, this.#now() + ms);
  }

  #onMute(value: number, rising: boolean, now: number): void {
    if (!inCall(this.#state) || now < this.#muteIgnoreUntil) return;
    const control = findInput(this.profile, 'phoneMute');
    let next: boolean;
    if (control && !control.relative) {
      next = value !== 0; // absolute mute switch: the level is the state
    } else {
      if (!rising || !this.#isNewPress('phoneMute', now)) return;
      next = !this.#muted; // HUT OOC "single button that toggles"
    }
    if (next === this.#muted) return;
    this.#muted = next;
    // The headset expects the Mute LED echoed back, or it reverts its own mute (WICG/webhid#72).
    void this.#writeLeds(false);
    this.fire('muteToggled', next);
  }

  #onDeviceClose(): void {
    if (this.#closing) return;
    const err = new HidError('BL_ERR_HW_DEVICE_LOST', `${this.device.info.path} went away`);
    if (this.#move('lost')) this.fire('lost', err);
  }

  // ---- LED output

  #targetLeds(): ControlValues {
    const leds = ledsFor(this.#state, this.#muted, this.quirks.useRinger);
    // Headsets without a Mute LED show mute on the Microphone LED.
    if (findOutputs(this.profile, 'mute').length === 0) leds.microphone = leds.mute ?? 0;
    return leds;
  }

  #allOutputReports(): number[] {
    return [...this.profile.outputReportBytes.keys()];
  }

  /** Writes the output reports whose LEDs changed (all of them when `all`), whole reports only. */
  #writeLeds(all: boolean): Promise<void> {
    const before = this.#leds;
    const after = this.#targetLeds();
    this.#leds = after;
    const changed = new Set<number>();
    for (const c of this.profile.outputs) {
      if (all || (before[c.name] ?? 0) !== (after[c.name] ?? 0)) changed.add(c.reportId);
    }
    const ids = [...changed];
    const muteTurnsOn = (before.mute ?? 0) === 0 && (after.mute ?? 0) === 1;
    return this.#enqueue(async () => {
      if (this.quirks.muteOffBeforeOn && muteTurnsOn && !all) {
        await this.#writeReports(ids.filter((id) => findOutputs(this.profile, 'mute').some((c) => c.reportId === id)), { ...after, mute: 0 });
      }
      await this.#writeReports(ids, after);
    });
  }

  async #writeReports(ids: number[], values: ControlValues): Promise<void> {
    for (const id of ids) await this.device.write(encodeOutputReport(this.profile, id, values));
  }

  /** Serializes writes so LED reports reach the device in command order. */
  #enqueue(op: () => Promise<void>): Promise<void> {
    const run = this.#writes.then(op).catch((err: unknown) => {
      const e = isHidError(err) ? err : new HidError('BL_ERR_HW_DEVICE_LOST', 'HID write failed', { cause: err });
      this.fire('error', e);
    });
    this.#writes = run;
    return run;
  }
}

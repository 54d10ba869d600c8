/**
 * The `hardware` service of the seat contract: USB headsets (HID) and serial caller-ID modems /
 * agent boxes, driven by a hardware host child process. Configuration methods are for the
 * installer role; agents read the status and receive the events (their softphone acts on them).
 */
import { z } from 'zod';
import { event, method } from './rpc';

export const HardwareMode = z.enum(['off', 'auto', 'node', 'sim']);
export type HardwareMode = z.infer<typeof HardwareMode>;

export const SerialKind = z.enum(['modem', 'agentbox']);
export type SerialKind = z.infer<typeof SerialKind>;

/** LEDs a test can light; headsets use the HID names, agent boxes map them to RING/HOOK/MUTE/HOLD. */
export const TestLedName = z.enum(['offHook', 'ring', 'mute', 'hold', 'microphone', 'ringer']);
export type TestLedName = z.infer<typeof TestLedName>;

export const HidDeviceSummary = z.object({
  /** vid:pid:serial, the identity a choice is remembered by. */
  key: z.string(),
  path: z.string(),
  vendorId: z.number().int(),
  productId: z.number().int(),
  vendorName: z.string(),
  productName: z.string(),
  serialNumber: z.string().nullable(),
  /** Top-level collection on the Telephony page (0x0B), i.e. hook/mute buttons and call LEDs. */
  telephony: z.boolean(),
  /** The headset the seat has open right now. */
  active: z.boolean(),
  /** Known once the device is open: the named inputs and LEDs its descriptor declares. */
  buttons: z.array(z.string()),
  leds: z.array(z.string()),
  simulated: z.boolean(),
});
export type HidDeviceSummary = z.infer<typeof HidDeviceSummary>;

export const SerialPortSummary = z.object({
  path: z.string(),
  /** Survives replug (udev by-id link, else vid:pid:serial, else the path). */
  stableId: z.string(),
  name: z.string(),
  manufacturer: z.string().nullable(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  /** A pty named on the command line (`--sim-serial`), not an enumerated port. */
  simulated: z.boolean(),
  active: z.boolean(),
});
export type SerialPortSummary = z.infer<typeof SerialPortSummary>;

export const DeviceList = z.object({ hid: z.array(HidDeviceSummary), serial: z.array(SerialPortSummary) });
export type DeviceList = z.infer<typeof DeviceList>;

export const HardwareProfile = z.object({
  headset: z.object({ key: z.string().min(1).max(200), name: z.string().max(200) }).nullable(),
  serial: z.object({ path: z.string().min(1).max(500), kind: SerialKind }).nullable(),
});
export type HardwareProfile = z.infer<typeof HardwareProfile>;

export const BindingState = z.object({ ok: z.boolean(), reason: z.string().nullable() });

export const HardwareStatus = z.object({
  state: z.enum(['available', 'unavailable', 'starting', 'disabled']),
  /** Why hardware is unavailable or degraded (a native module failed to load, the host keeps crashing, …). */
  reason: z.string().nullable(),
  mode: HardwareMode,
  hostPid: z.number().int().nullable(),
  restarts: z.number().int().nonnegative(),
  hid: BindingState,
  serial: BindingState,
  headset: z.object({ key: z.string(), name: z.string(), path: z.string(), state: z.string() }).nullable(),
  serialPort: z.object({ path: z.string(), kind: SerialKind, state: z.string() }).nullable(),
});
export type HardwareStatus = z.infer<typeof HardwareStatus>;

/** What the softphone should do because of a device event. */
export const HardwareAction = z.enum(['answer', 'hangup', 'mute', 'unmute', 'hold', 'redial', 'flash']);
export type HardwareAction = z.infer<typeof HardwareAction>;

export const CallerIdInfo = z.object({
  /** Digits only, country prefix and trunk 0 stripped (protocol/phone.ts normalizePhone); '' when withheld. */
  number: z.string(),
  rawNumber: z.string().nullable(),
  name: z.string().nullable(),
  /** Why the number is missing: unavailable, private, anonymous, … */
  absence: z.string().nullable(),
  line: z.string().nullable(),
});
export type CallerIdInfo = z.infer<typeof CallerIdInfo>;

export const DeviceEventKind = z.enum([
  'hookOff', 'hookOn', 'mute', 'flash', 'redial', 'hold', 'drop',
  'callerId', 'ring', 'dtmf', 'lineHook', 'badFrame',
  'headsetConnected', 'headsetDisconnected', 'serialConnected', 'serialDisconnected', 'deviceLost', 'hostRestarted',
]);
export type DeviceEventKind = z.infer<typeof DeviceEventKind>;

export const DeviceEvent = z.object({
  id: z.number().int(),
  /** Epoch ms (fractional) when the host saw it. */
  at: z.number(),
  source: z.enum(['headset', 'serial', 'host']),
  kind: DeviceEventKind,
  /** Path or key of the device, when one is involved. */
  device: z.string().nullable(),
  action: HardwareAction.nullable(),
  muted: z.boolean().optional(),
  digit: z.string().optional(),
  callerId: CallerIdInfo.optional(),
  detail: z.string().optional(),
});
export type DeviceEvent = z.infer<typeof DeviceEvent>;

export const HardwareActionEvent = z.object({ action: HardwareAction, source: z.enum(['headset', 'serial']), eventId: z.number().int(), at: z.number() });
export type HardwareActionEvent = z.infer<typeof HardwareActionEvent>;

export const CallerIdEvent = CallerIdInfo.extend({ eventId: z.number().int(), at: z.number(), device: z.string().nullable() });
export type CallerIdEvent = z.infer<typeof CallerIdEvent>;

/** The softphone's call state, mirrored onto headset LEDs (ring while ringing, off-hook lit on hold). */
export const CallLightState = z.object({ state: z.enum(['idle', 'ringing', 'active', 'held']), muted: z.boolean().default(false) });
export type CallLightState = z.infer<typeof CallLightState>;

export const DiagnosticsBundle = z.object({
  fileName: z.string(),
  /** Where the zip was written in the seat's data folder. */
  path: z.string(),
  size: z.number().int(),
  /** The zip itself, so a browser (web mode) can save it. */
  base64: z.string(),
  files: z.array(z.string()),
});
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundle>;

export const SimulateRequest = z.object({
  op: z.enum(['pressHook', 'pressMute', 'press', 'unplug', 'replug', 'state']),
  /** For `press`: an input control name such as flash, redial, hold. */
  control: z.string().max(40).optional(),
});
export type SimulateRequest = z.infer<typeof SimulateRequest>;

export const SimulateResult = z.object({
  device: z.string(),
  /** Input reports the simulated headset sent, hex. */
  reports: z.array(z.string()),
  /** Every output (LED) report the seat wrote to it so far, hex, report id first. */
  writes: z.array(z.string()),
  leds: z.record(z.string(), z.number()),
  /** Epoch ms when the first report was sent. */
  at: z.number(),
});
export type SimulateResult = z.infer<typeof SimulateResult>;

export const hardwareService = {
  getStatus: method(z.void(), HardwareStatus),
  listDevices: method(z.void(), DeviceList),
  getProfile: method(z.void(), HardwareProfile),
  saveProfile: method(HardwareProfile, HardwareStatus),
  selectHeadset: method(z.object({ key: z.string().min(1).max(200).nullable() }), HardwareStatus),
  selectSerialPort: method(z.object({ path: z.string().min(1).max(500).nullable(), kind: SerialKind.default('modem') }), HardwareStatus),
  testLed: method(z.object({ led: TestLedName, on: z.boolean(), target: z.enum(['headset', 'serial']).default('headset') }), z.void()),
  testRinger: method(z.object({ on: z.boolean() }), z.void()),
  setCallState: method(CallLightState, z.void()),
  recentEvents: method(z.object({ limit: z.number().int().min(1).max(500).default(100) }).default({ limit: 100 }), z.array(DeviceEvent)),
  exportDiagnostics: method(z.void(), DiagnosticsBundle),
  /** Drives the simulated headset (`--hw sim` only): demos and tests press its buttons here. */
  simulate: method(SimulateRequest, SimulateResult),
  onDeviceEvent: event(DeviceEvent),
  onAction: event(HardwareActionEvent),
  onCallerId: event(CallerIdEvent),
  onDevicesChanged: event(DeviceList),
  onStatusChanged: event(HardwareStatus),
} as const;

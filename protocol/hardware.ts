/**
 * Messages between the seat (parent) and the hardware host child process, over process IPC.
 * Requests carry a `seq` the response echoes; events and log records flow child → parent
 * unprompted. Each op is declared once with its argument and result schemas (like the seat
 * contract), so both ends validate what crosses the process boundary.
 */
import { z } from 'zod';
import {
  BindingState, CallLightState, DeviceList, HardwareMode, SerialKind, SimulateRequest, SimulateResult, TestLedName,
} from './hardware-api';

export const HostDeviceState = z.object({
  hid: BindingState,
  serial: BindingState,
  headset: z.object({ key: z.string(), name: z.string(), path: z.string(), state: z.string() }).nullable(),
  serialPort: z.object({ path: z.string(), kind: SerialKind, state: z.string() }).nullable(),
});
export type HostDeviceState = z.infer<typeof HostDeviceState>;

export const HostConfig = z.object({
  /** vid:pid:serial of the chosen headset; null picks the first telephony headset. */
  headsetKey: z.string().nullable(),
  serial: z.object({ path: z.string(), kind: SerialKind }).nullable(),
});
export type HostConfig = z.infer<typeof HostConfig>;

export const HostDescriptor = z.object({ key: z.string(), path: z.string(), product: z.string(), hex: z.string().nullable(), error: z.string().nullable() });
export type HostDescriptor = z.infer<typeof HostDescriptor>;

const op = <A extends z.ZodType, R extends z.ZodType>(args: A, result: R) => ({ args, result });

export const HOST_OPS = {
  status: op(z.void(), HostDeviceState),
  listDevices: op(z.void(), DeviceList),
  configure: op(HostConfig, HostDeviceState),
  setCallState: op(CallLightState, z.void()),
  testLed: op(z.object({ led: TestLedName, on: z.boolean(), target: z.enum(['headset', 'serial']) }), z.void()),
  testRinger: op(z.object({ on: z.boolean() }), z.void()),
  descriptors: op(z.void(), z.array(HostDescriptor)),
  simulate: op(SimulateRequest, SimulateResult),
  /** Answers after `ms`; lets tests hold a call in flight. */
  sleep: op(z.object({ ms: z.number().int().min(0).max(60_000) }), z.void()),
} as const;
export type HostOps = typeof HOST_OPS;
export type HostOp = keyof HostOps;
export type HostArgs<O extends HostOp> = z.input<HostOps[O]['args']>;
export type HostResult<O extends HostOp> = z.output<HostOps[O]['result']>;

export const HostRequest = z.object({ type: z.literal('req'), seq: z.number().int().nonnegative(), op: z.string(), args: z.unknown().optional() });
export type HostRequest = z.infer<typeof HostRequest>;

export const HostShutdown = z.object({ type: z.literal('shutdown') });
export const ParentMessage = z.discriminatedUnion('type', [HostRequest, HostShutdown]);
export type ParentMessage = z.infer<typeof ParentMessage>;

const WireErr = z.object({ code: z.string(), message: z.string() });

export const HostResponse = z.union([
  z.object({ type: z.literal('res'), seq: z.number().int(), ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ type: z.literal('res'), seq: z.number().int(), ok: z.literal(false), error: WireErr }),
]);

/** What the host saw, before the seat maps it to actions and normalises numbers. */
export const HostEvent = z.object({
  at: z.number(),
  source: z.enum(['headset', 'serial', 'host']),
  kind: z.string(),
  device: z.string().nullable(),
  muted: z.boolean().optional(),
  digit: z.string().optional(),
  detail: z.string().optional(),
  callerId: z.object({
    number: z.string().optional(),
    name: z.string().optional(),
    numberAbsence: z.string().optional(),
    line: z.string().optional(),
  }).optional(),
});
export type HostEvent = z.infer<typeof HostEvent>;

export const HostReady = z.object({
  type: z.literal('ready'),
  pid: z.number().int(),
  mode: HardwareMode,
  state: HostDeviceState,
  versions: z.record(z.string(), z.string()),
});
export type HostReady = z.infer<typeof HostReady>;

export const HostMessage = z.union([
  HostResponse,
  HostReady,
  z.object({ type: z.literal('event'), event: HostEvent }),
  z.object({ type: z.literal('devices'), devices: DeviceList }),
  z.object({ type: z.literal('state'), state: HostDeviceState }),
  /** Log records are forwarded so the seat log (and diagnostics) has them, tagged with the pid. */
  z.object({ type: z.literal('log'), level: z.enum(['debug', 'info', 'warn', 'error']), msg: z.string(), fields: z.record(z.string(), z.unknown()).optional() }),
]);
export type HostMessage = z.infer<typeof HostMessage>;

/**
 * Entry of the hardware host child process, the only process that loads node-hid and serialport
 * (lazily, through native/*\/binding-node.ts). A crash or hang in a native addon takes down this
 * process, not the seat. Speaks protocol/hardware.ts over process IPC.
 *
 * Environment (set by main/seat/hardware/hardware-host.ts):
 *   BRANCHLINE_HW_MODE           sim | node | auto   (sim: simulated headsets, real serial ports/ptys)
 *   BRANCHLINE_HW_SIM_HEADSETS   comma-separated testdata/hid model names for sim mode
 *   BRANCHLINE_HW_SERIAL_PATHS   comma-separated extra serial paths (socat ptys) to offer
 */
import { readFileSync } from 'node:fs';
import { HardwareMode } from '../../protocol/hardware-api';
import { HOST_OPS, ParentMessage } from '../../protocol/hardware';
import type { HostDeviceState, HostEvent, HostMessage, HostOp, HostOps, HostResult } from '../../protocol/hardware';
import type { z } from 'zod';
import type { HidBinding } from '../hid/binding';
import { NodeHidBinding } from '../hid/binding-node';
import { loadSerialport, NodeSerialBinding } from '../serial/binding-node';
import type { HeadsetSim } from '../sim/headset-sim';
import { HidSimBinding } from '../sim/hid-sim-binding';
import { addSimHeadsets, DEFAULT_SIM_HEADSET } from '../sim/sim-headsets';
import { HeadsetHost } from './headset-host';
import { HostOpError, toHostErrorData } from './host-op-error';
import { nowMs } from './host-types';
import type { HostEmit, HostLogger } from './host-types';
import { SerialHost } from './serial-host';

type Handlers = { [O in HostOp]: (args: z.output<HostOps[O]['args']>) => Promise<HostResult<O>> | HostResult<O> };

const list = (v: string | undefined) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function send(message: HostMessage): void {
  if (process.connected) process.send?.(message);
}

const log: HostLogger = {
  debug: (fields, msg = '') => send({ type: 'log', level: 'debug', msg, fields: { ...fields } }),
  info: (fields, msg = '') => send({ type: 'log', level: 'info', msg, fields: { ...fields } }),
  warn: (fields, msg = '') => send({ type: 'log', level: 'warn', msg, fields: { ...fields } }),
  error: (fields, msg = '') => send({ type: 'log', level: 'error', msg, fields: { ...fields } }),
};

async function probe(load: () => Promise<unknown>): Promise<{ ok: boolean; reason: string | null }> {
  try {
    await load();
    return { ok: true, reason: null };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, reason: `${err instanceof Error ? err.message : String(err)}${cause}` };
  }
}

function packageVersion(name: string): string {
  try {
    const file = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
    return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<void> {
  if (!process.send) {
    process.stderr.write('native/host/host-main.ts runs as a child of the seat (child_process.fork)\n');
    process.exit(2);
  }
  const mode = HardwareMode.exclude(['off']).catch('auto').parse(process.env.BRANCHLINE_HW_MODE);
  let sims: HeadsetSim[] = [];
  let hidBinding: HidBinding;
  if (mode === 'sim') {
    const sim = new HidSimBinding();
    const names = list(process.env.BRANCHLINE_HW_SIM_HEADSETS);
    sims = addSimHeadsets(sim, names.length ? names : [DEFAULT_SIM_HEADSET]);
    hidBinding = sim;
  } else {
    hidBinding = new NodeHidBinding();
  }
  const serialBinding = new NodeSerialBinding();
  const [hid, serial] = await Promise.all([probe(() => hidBinding.list()), probe(() => loadSerialport())]);
  log.info({ mode, hid, serial }, 'hardware host started');

  let devicesTimer: NodeJS.Timeout | undefined;
  const devicesChanged = () => {
    // Hot-plug bursts (one add per collection) become one list.
    clearTimeout(devicesTimer);
    devicesTimer = setTimeout(() => void Promise.resolve(handlers.listDevices()).then((devices) => send({ type: 'devices', devices }), () => undefined), 50);
  };
  const emit: HostEmit = (e) => {
    const event: HostEvent = { ...e, at: e.at ?? nowMs() };
    send({ type: 'event', event });
    if (/Connected$|Disconnected$/.test(event.kind)) send({ type: 'state', state: state() });
  };
  const headsets = new HeadsetHost(hidBinding, sims, emit, devicesChanged, log);
  const serialHost = new SerialHost(serialBinding, list(process.env.BRANCHLINE_HW_SERIAL_PATHS), emit, log);
  const state = (): HostDeviceState => ({ hid, serial, headset: headsets.state(), serialPort: serialHost.state() });
  const needs = (b: { ok: boolean; reason: string | null }, what: string) => {
    if (!b.ok) throw new HostOpError('BL_ERR_HW_UNAVAILABLE', `${what} support is unavailable: ${b.reason ?? 'unknown'}`);
  };

  const handlers: Handlers = {
    status: () => state(),
    listDevices: async () => ({
      hid: hid.ok ? await headsets.list().catch(() => []) : [],
      serial: await serialHost.list().catch(() => []),
    }),
    configure: async ({ headsetKey, serial: port }) => {
      if (hid.ok) await headsets.configure(headsetKey);
      if (port) needs(serial, 'Serial port');
      await serialHost.configure(port);
      return state();
    },
    setCallState: async (call) => {
      await Promise.all([headsets.setCallState(call), serialHost.setCallState(call).catch(() => undefined)]);
    },
    testLed: async ({ led, on, target }) => {
      if (target === 'serial') return serialHost.testLed(led, on);
      needs(hid, 'Headset');
      await headsets.testLeds({ [led]: on ? 1 : 0 });
    },
    testRinger: async ({ on }) => {
      needs(hid, 'Headset');
      await headsets.testLeds({ ring: on ? 1 : 0, ringer: on ? 1 : 0 });
    },
    descriptors: () => (hid.ok ? headsets.descriptors() : []),
    simulate: (req) => headsets.simulate(req),
    sleep: ({ ms }) => new Promise<void>((r) => setTimeout(r, ms)),
  };

  let closing = false;
  const shutdown = async (code: number) => {
    if (closing) return;
    closing = true;
    // LEDs off and ports closed before we go, so the desk is not left showing a stale call.
    await Promise.allSettled([headsets.close(), serialHost.close()]);
    process.exit(code);
  };

  process.on('message', (raw) => {
    const parsed = ParentMessage.safeParse(raw);
    if (!parsed.success) return;
    const msg = parsed.data;
    if (msg.type === 'shutdown') {
      void shutdown(0);
      return;
    }
    const { seq, op } = msg;
    void (async () => {
      try {
        if (!Object.hasOwn(HOST_OPS, op)) throw new HostOpError('BL_ERR_RPC_UNKNOWN_METHOD', `unknown host op ${op}`);
        const def = HOST_OPS[op as HostOp];
        const args = def.args.safeParse(msg.args);
        if (!args.success) throw new HostOpError('BL_ERR_RPC_INVALID_ARGS', `bad arguments for ${op}`);
        const fn = handlers[op as HostOp] as (a: unknown) => Promise<unknown> | unknown;
        const result = await fn(args.data);
        send({ type: 'res', seq, ok: true, result });
      } catch (err) {
        if (!(err instanceof HostOpError)) log.warn({ op, err: err instanceof Error ? err.stack : String(err) }, 'host op failed');
        send({ type: 'res', seq, ok: false, error: toHostErrorData(err) });
      }
    })();
  });
  // The seat went away (crash or kill): nothing left to serve.
  process.on('disconnect', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  send({
    type: 'ready', pid: process.pid, mode, state: state(),
    versions: { node: process.versions.node, 'node-hid': packageVersion('node-hid'), serialport: packageVersion('serialport'), ...(process.versions.electron ? { electron: process.versions.electron } : {}) },
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`hardware host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});

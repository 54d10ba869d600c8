/**
 * The hardware host as a real child process (fork + tsx): simulated headset events cross the
 * process boundary; kill -9 rejects the call in flight, reports device.lost and restarts the
 * child, which then works again; broken native modules and a crash loop leave the seat with
 * "hardware unavailable" instead of a crash.
 */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../protocol/errors';
import type { HostEvent, HostMessage } from '../../../protocol/hardware';
import { silentLogger } from '../../common/logger';
import { HardwareHost, forkSpawner } from './hardware-host';
import type { HardwareHostEvents } from './hardware-host';
import { HardwareManager } from './hardware-manager';

const BREAK_NATIVE = fileURLToPath(new URL('../../../testing/break-native-modules.mjs', import.meta.url));
const CRASHING = fileURLToPath(new URL('../../../testing/crashing-host.mjs', import.meta.url));
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function once<E extends keyof HardwareHostEvents>(host: HardwareHost, name: E, ms = 15_000): Promise<HardwareHostEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} within ${ms} ms`)), ms);
    host.once(name, ((...args: HardwareHostEvents[E]) => {
      clearTimeout(timer);
      resolve(args);
    }) as never);
  });
}

function nextEvent(host: HardwareHost, kind: string, ms = 5_000): Promise<HostEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (host.off('message', on), reject(new Error(`no ${kind} event within ${ms} ms`))), ms);
    const on = (m: HostMessage) => {
      if (m.type === 'event' && m.event.kind === kind) {
        clearTimeout(timer);
        host.off('message', on);
        resolve(m.event);
      }
    };
    host.on('message', on);
  });
}

function startHost(spawner = forkSpawner({ mode: 'sim' }), extra: Partial<ConstructorParameters<typeof HardwareHost>[0]> = {}): HardwareHost {
  const host = new HardwareHost({ spawner, logger: silentLogger(), backoffMs: 50, ...extra });
  cleanups.push(() => host.stop(2_000));
  host.start();
  return host;
}

describe('hardware host child process', () => {
  it('opens the simulated headset and forwards its hook press from the child', async () => {
    const host = startHost();
    const [ready] = await once(host, 'ready');
    expect(ready.mode).toBe('sim');
    expect(ready.state.hid).toEqual({ ok: true, reason: null });
    const connected = nextEvent(host, 'headsetConnected');
    const state = await host.request('configure', { headsetKey: null, serial: null });
    expect(state.headset).toMatchObject({ key: '0b0e:0307:SIM0001', state: 'idle' });
    await connected;
    const hookOff = nextEvent(host, 'hookOff');
    const pressed = await host.request('simulate', { op: 'pressHook' });
    const event = await hookOff;
    expect(event).toMatchObject({ source: 'headset', device: 'sim:hid/jabra-evolve-link-ms-0b0e-0307' });
    expect(event.at).toBeGreaterThanOrEqual(pressed.at);
    // After open the driver resets every LED: the sim recorded those output reports.
    expect(pressed.writes.length).toBeGreaterThan(0);
  });

  it('hot-plug: unplugging the headset reports it gone and the device list empty; replugging reopens it', async () => {
    const host = startHost();
    await once(host, 'ready');
    await host.request('configure', { headsetKey: '0b0e:0307:SIM0001', serial: null });
    const devices = (want: number) => new Promise<void>((resolve) => {
      const on = (m: HostMessage) => {
        if (m.type === 'devices' && m.devices.hid.length === want) (host.off('message', on), resolve());
      };
      host.on('message', on);
    });
    const gone = Promise.all([nextEvent(host, 'headsetDisconnected'), devices(0)]);
    await host.request('simulate', { op: 'unplug' });
    await gone;
    expect((await host.request('status', undefined)).headset).toBeNull();
    const back = nextEvent(host, 'headsetConnected');
    await host.request('simulate', { op: 'replug' });
    await back;
    expect((await host.request('status', undefined)).headset).toMatchObject({ key: '0b0e:0307:SIM0001', state: 'idle' });
  });

  it('kill -9: the call in flight rejects with BL_ERR_HW_DEVICE_LOST, lost is reported, the child restarts and works again', async () => {
    const host = startHost();
    const [first] = await once(host, 'ready');
    const inFlight = host.request('sleep', { ms: 10_000 });
    const lost = once(host, 'lost');
    const restarted = once(host, 'ready');
    process.kill(first.pid, 'SIGKILL');
    const err = await inFlight.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(BranchlineError);
    expect((err as BranchlineError).code).toBe('BL_ERR_HW_DEVICE_LOST');
    const [info] = await lost;
    expect(info).toMatchObject({ pid: first.pid, signal: 'SIGKILL', willRestart: true });
    const [second] = await restarted;
    expect(second.pid).not.toBe(first.pid);
    expect(host.restarts).toBe(1);
    const state = await host.request('configure', { headsetKey: null, serial: null });
    expect(state.headset?.state).toBe('idle');
    expect(host.recentLog.some((l) => l.includes(`[hw pid=${first.pid} dev=-] hardware host exited unexpectedly`))).toBe(true);
  });

  it('native modules that fail to load: the host stays up and reports why; the seat says unavailable', async () => {
    const manager = new HardwareManager(
      { mode: 'node', spawner: forkSpawner({ mode: 'node', execArgv: ['--import', BREAK_NATIVE] }) },
      { load: () => undefined, save: () => undefined },
      silentLogger(),
      { dataDir: '/tmp', version: '0.0.0' },
    );
    cleanups.push(() => manager.close());
    manager.start();
    await expect.poll(() => manager.status().state, { timeout: 15_000 }).toBe('unavailable');
    const status = manager.status();
    expect(status.reason).toMatch(/node-hid could not be loaded.*simulated load failure: node-hid/);
    expect(status.reason).toMatch(/serialport failed to load/);
    expect(status.hostPid).toBeGreaterThan(0);
    expect(status.restarts).toBe(0);
    const list = await manager.listDevices();
    expect(list.hid).toEqual([]);
    await expect(manager.testLed('ring', true, 'headset')).rejects.toMatchObject({ code: 'BL_ERR_HW_UNAVAILABLE' });
  });

  it('a host that crashes on every start is given up after the cap, with capped backoff', async () => {
    const host = startHost(forkSpawner({ mode: 'node', entry: CRASHING }), { maxCrashes: 2, backoffMs: 20 });
    const [reason] = await once(host, 'failed');
    expect(reason).toMatch(/crashed 3 times in a row.*exit code 70/);
    expect(host.state).toBe('failed');
    await expect(host.request('status', undefined)).rejects.toMatchObject({ code: 'BL_ERR_HW_UNAVAILABLE' });
  });
});

import { describe, expect, it } from 'vitest';
import { HeadsetSim } from '../sim/headset-sim';
import { loadHidFixture } from '../sim/hid-fixtures';
import { HidSimBinding } from '../sim/hid-sim-binding';
import { deviceKey } from './binding';
import type { HidDeviceInfo } from './binding';
import { DeviceWatcher, rankDevices } from './device-watcher';
import { HeadsetDriver } from './headset-driver';
import { HidError } from './hid-error';

function rig(lastChosen?: string) {
  const binding = new HidSimBinding();
  const log: string[] = [];
  const watcher = new DeviceWatcher<HeadsetDriver>({
    binding,
    lastChosen,
    connect: (b, info) => HeadsetDriver.open(b, info.path),
  });
  watcher.on('add', (d) => log.push(`add ${d.product}`));
  watcher.on('remove', (d) => log.push(`remove ${d.product}`));
  watcher.on('connected', (d) => log.push(`connected ${d.product}`));
  watcher.on('disconnected', (d) => log.push(`disconnected ${d.product}`));
  watcher.on('error', (e) => log.push(`error ${e.code}`));
  return { binding, watcher, log };
}

describe('DeviceWatcher', () => {
  it('unplug → remove event → replug → reopens the chosen headset and resets its LEDs', async () => {
    const { binding, watcher, log } = rig();
    const jabra = HeadsetSim.fromFixture(binding, loadHidFixture('jabra-evolve-link-ms-0b0e-0307'));
    await watcher.poll();
    expect(log).toEqual(['add Jabra EVOLVE LINK MS', 'connected Jabra EVOLVE LINK MS']);
    await watcher.active!.connection.setOffHook(true);

    jabra.port.unplug();
    await watcher.poll();
    expect(log.slice(2)).toEqual(['remove Jabra EVOLVE LINK MS', 'disconnected Jabra EVOLVE LINK MS']);
    expect(watcher.active).toBeUndefined();

    jabra.port.clearRecords();
    jabra.port.replug();
    await watcher.poll();
    expect(log.slice(4)).toEqual(['add Jabra EVOLVE LINK MS', 'connected Jabra EVOLVE LINK MS']);
    expect(jabra.port.openCount).toBe(2);
    expect(jabra.leds()).toMatchObject({ offHook: 0 });
    expect(jabra.port.writes.length).toBeGreaterThan(0);
    await watcher.stop();
    expect(jabra.port.isOpen).toBe(false);
  });

  it('prefers telephony devices, then the last chosen one; switches back when the chosen returns', async () => {
    const { binding, watcher, log } = rig();
    const gaming = HeadsetSim.fromFixture(binding, loadHidFixture('logitech-g535-046d-0ac4'));
    const poly = HeadsetSim.fromFixture(binding, loadHidFixture('poly-bt700-047f-02e6'), { serialNumber: 'P1' });
    const yealink = HeadsetSim.fromFixture(binding, loadHidFixture('yealink-wh66-6993-b02b'), { serialNumber: 'Y1' });
    await watcher.poll();
    expect(watcher.active?.info.path).toBe(poly.path); // first telephony device in list order
    expect(gaming.port.openCount).toBe(0);

    await watcher.choose(yealink.port.info);
    expect(watcher.active?.info.path).toBe(yealink.path);
    expect(watcher.lastChosen).toBe('6993:b02b:Y1');
    expect(poly.port.isOpen).toBe(false);

    yealink.port.unplug();
    await watcher.poll();
    expect(watcher.active?.info.path).toBe(poly.path); // stand-in while the chosen one is away
    yealink.port.replug();
    await watcher.poll();
    expect(watcher.active?.info.path).toBe(yealink.path);
    expect(poly.port.isOpen).toBe(false);
    expect(log.filter((l) => l.startsWith('connected'))).toHaveLength(4);
    await watcher.stop();
  });

  it('rankDevices: telephony first, then the remembered vid:pid:serial', () => {
    const d = (vendorId: number, usagePage: number, serialNumber: string): HidDeviceInfo =>
      ({ vendorId, productId: 1, path: `${vendorId}-${serialNumber}`, usagePage, usage: 1, interface: 0, serialNumber });
    const list = [d(1, 0x0c, 'a'), d(2, 0x0b, 'b'), d(3, 0x0b, 'c')];
    expect(rankDevices(list, undefined).map((x) => x.vendorId)).toEqual([2, 3, 1]);
    expect(rankDevices(list, deviceKey(list[2]!)).map((x) => x.vendorId)).toEqual([3, 2, 1]);
    expect(rankDevices(list, deviceKey(list[0]!)).map((x) => x.vendorId)).toEqual([2, 3, 1]);
  });

  it('reports list and open failures and retries on the next poll', async () => {
    const { binding, watcher, log } = rig();
    const sim = HeadsetSim.fromFixture(binding, loadHidFixture('plantronics-blackwire-3220-047f-c056'));
    binding.listError = new HidError('BL_ERR_HW_UNAVAILABLE', 'no hidapi');
    await watcher.poll();
    expect(log).toEqual(['error BL_ERR_HW_UNAVAILABLE']);
    binding.listError = undefined;
    sim.port.failNextOpen();
    await watcher.poll();
    expect(log.slice(1)).toEqual(['add Plantronics Blackwire 3220 Series (interface 3)', 'error BL_ERR_HW_DEVICE_LOST']);
    await watcher.poll();
    expect(watcher.active?.info.path).toBe(sim.path);
    await watcher.stop();
  });

  it('polls on the injected interval until stopped', async () => {
    const binding = new HidSimBinding();
    const timers: { fn: () => void; ms: number }[] = [];
    let listed = 0;
    const orig = binding.list.bind(binding);
    binding.list = async () => {
      listed++;
      return orig();
    };
    const watcher = new DeviceWatcher({
      binding, intervalMs: 750, connect: async () => ({ close: async () => undefined }),
      schedule: (fn, ms) => {
        timers.push({ fn, ms });
        return () => undefined;
      },
    });
    watcher.start();
    await new Promise((r) => setImmediate(r));
    expect(listed).toBe(1);
    expect(timers.map((t) => t.ms)).toEqual([750]);
    timers[0]!.fn();
    await new Promise((r) => setImmediate(r));
    expect(listed).toBe(2);
    await watcher.stop();
    timers[1]?.fn();
    await new Promise((r) => setImmediate(r));
    expect(timers).toHaveLength(2);
    expect(listed).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { isHidError } from '../hid/hid-error';
import { HeadsetSim } from './headset-sim';
import { loadHidFixture } from './hid-fixtures';
import { HidSimBinding } from './hid-sim-binding';

const hex = (r: Uint8Array) => Buffer.from(r).toString('hex');

describe('HidSimBinding', () => {
  it('lists plugged devices, serves the descriptor, records writes, closes handles on unplug', async () => {
    const binding = new HidSimBinding();
    const port = binding.addDevice({ vendorId: 1, productId: 2, descriptor: Uint8Array.of(0x05, 0x0b), usagePage: 0x0b });
    expect((await binding.list()).map((d) => d.path)).toEqual([port.info.path]);
    const dev = await binding.open(port.info.path);
    expect([...(await dev.getReportDescriptor())]).toEqual([0x05, 0x0b]);
    await dev.write(Uint8Array.of(2, 1));
    expect(port.writes.map(hex)).toEqual(['0201']);
    const seen: string[] = [];
    dev.on('data', (r) => seen.push(hex(r)));
    dev.on('error', (e) => seen.push(e.code));
    dev.on('close', () => seen.push('close'));
    port.emitInput(Uint8Array.of(2, 1));
    port.unplug();
    expect(seen).toEqual(['0201', 'BL_ERR_HW_DEVICE_LOST', 'close']);
    expect(await binding.list()).toEqual([]);
    expect(isHidError(await binding.open(port.info.path).catch((e: unknown) => e), 'BL_ERR_HW_DEVICE_LOST')).toBe(true);
    expect(isHidError(await dev.write(Uint8Array.of(2)).catch((e: unknown) => e), 'BL_ERR_HW_DEVICE_LOST')).toBe(true);
    port.replug();
    expect(await binding.list()).toHaveLength(1);
  });

  it('stages open and write failures', async () => {
    const binding = new HidSimBinding();
    const port = binding.addDevice({ vendorId: 1, productId: 2, descriptor: new Uint8Array() });
    port.failNextOpen();
    await expect(binding.open(port.info.path)).rejects.toThrow('open failed');
    const dev = await binding.open(port.info.path);
    port.failWrites();
    await expect(dev.write(Uint8Array.of(0))).rejects.toThrow('write failed');
    port.failWrites(null);
    await dev.write(Uint8Array.of(0));
    expect(port.writes).toHaveLength(1);
  });
});

describe('HeadsetSim', () => {
  it('Blackwire: hook and mute presses are bit-exact input reports 0x08', () => {
    const sim = HeadsetSim.fromFixture(new HidSimBinding(), loadHidFixture('plantronics-blackwire-3220-047f-c056'));
    expect(sim.pressHook().map(hex)).toEqual(['0802']); // absolute: goes off hook and stays
    expect(sim.pressMute().map(hex)).toEqual(['0803', '0802']); // mute pulse while hook stays 1
    expect(sim.pressHook().map(hex)).toEqual(['0800']);
  });

  it('SC 660: mute bit 0, hook bit 1 of report 0x08; Voyager: report 0x01', () => {
    const sc = HeadsetSim.fromFixture(new HidSimBinding(), loadHidFixture('sennheiser-sc660-anc-usb-1395-0082'));
    expect(sc.reportFor('phoneMute', 1)).toEqual(Uint8Array.of(0x08, 0x01));
    expect(sc.reportFor('hookSwitch', 1)).toEqual(Uint8Array.of(0x08, 0x02));
    const voy = HeadsetSim.fromFixture(new HidSimBinding(), loadHidFixture('poly-voyager-base-cd-047f-02ec'));
    expect(voy.reportFor('phoneMute', 1)).toEqual(Uint8Array.of(0x01, 0x02));
  });

  it('Jabra: two-byte report 0x02 including the keypad nibble', () => {
    const sim = HeadsetSim.fromFixture(new HidSimBinding(), loadHidFixture('jabra-biz-2400-ii-0b0e-2453'));
    expect(sim.reportFor('hookSwitch', 1)).toEqual(Uint8Array.of(0x02, 0x01, 0x00));
    expect(sim.reportFor('button7', 1)).toEqual(Uint8Array.of(0x02, 0x00, 0x08));
  });

  it('leds() decodes the latest write of each output report', () => {
    const binding = new HidSimBinding();
    const sim = HeadsetSim.fromFixture(binding, loadHidFixture('poly-bt700-047f-02e6'));
    sim.port.writes.push(Uint8Array.of(0x24, 0x01), Uint8Array.of(0x25, 0x01), Uint8Array.of(0x25, 0x00));
    expect(sim.leds()).toEqual({ ring: 0, speaker: 0, mute: 0, offHook: 1, hold: 0 });
  });

  it('refuses controls the device does not have', () => {
    const sim = HeadsetSim.fromFixture(new HidSimBinding(), loadHidFixture('plantronics-blackwire-3220-047f-c056'));
    expect(() => sim.press('redial')).toThrow(/no input redial/);
  });
});

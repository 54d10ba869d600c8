import { describe, expect, it } from 'vitest';
import { HeadsetSim } from '../sim/headset-sim';
import { loadHidFixture } from '../sim/hid-fixtures';
import { HidSimBinding } from '../sim/hid-sim-binding';
import type { SimDeviceSpec } from '../sim/hid-sim-binding';
import { HeadsetDriver } from './headset-driver';
import { HeadsetState } from './headset-state';
import { HidError, isHidError } from './hid-error';
import type { HeadsetQuirks } from './quirks';

const JABRA = 'jabra-evolve-link-ms-0b0e-0307';
const BLACKWIRE = 'plantronics-blackwire-3220-047f-c056';
const hex = (rs: readonly Uint8Array[]) => rs.map((r) => Buffer.from(r).toString('hex'));

async function setup(fixture: string, opts: { quirks?: Partial<HeadsetQuirks>; spec?: Partial<SimDeviceSpec> } = {}) {
  const binding = new HidSimBinding();
  const sim = HeadsetSim.fromFixture(binding, loadHidFixture(fixture), opts.spec);
  let t = 10_000;
  const clock = { now: () => t, advance: (ms: number) => void (t += ms) };
  const driver = await HeadsetDriver.open(binding, sim.path, { now: clock.now, quirks: opts.quirks });
  const events: string[] = [];
  for (const e of ['hookOff', 'hookOn', 'flash', 'redial', 'hold', 'drop'] as const) driver.on(e, () => events.push(e));
  driver.on('muteToggled', (m) => events.push(`mute:${m}`));
  driver.on('lost', (e) => events.push(`lost:${e.code}`));
  driver.on('error', (e) => events.push(`error:${e.code}`));
  // Skip past the echo window opened by the LED reset on open.
  clock.advance(1000);
  return { binding, sim, driver, clock, events };
}

describe('open and close', () => {
  it('Jabra BIZ 2400: selects USB.org values (feature 0xFF30:0xFFFF=0), then resets the shared LED report', async () => {
    const { sim, driver } = await setup('jabra-biz-2400-ii-0b0e-2453');
    expect(driver.state).toBe(HeadsetState.Idle);
    expect(driver.appliedQuirks).toEqual(['jabra-usb-org-values']);
    expect(hex(sim.port.featureReports)).toEqual(['0400']);
    expect(hex(sim.port.writes)).toEqual(['020000']);
  });

  it('Jabra EVOLVE LINK MS has no 0xFF30:0xFFFF feature, so the quirk sends nothing', async () => {
    const { sim, driver } = await setup(JABRA);
    expect(driver.appliedQuirks).toEqual(['jabra-usb-org-values']);
    expect(sim.port.featureReports).toHaveLength(0);
    expect(hex(sim.port.writes)).toEqual(['020000']);
  });

  it('Blackwire: resets every per-LED output report', async () => {
    const { sim } = await setup(BLACKWIRE);
    expect(hex(sim.port.writes).sort()).toEqual(['0900', '1700', '1800', '1e00', '2000', '2a00']);
    expect(sim.port.featureReports).toHaveLength(0);
  });

  it('close turns LEDs off and closes the device', async () => {
    const { sim, driver } = await setup(JABRA);
    await driver.setOffHook(true);
    await driver.setMute(true);
    sim.port.clearRecords();
    await driver.close();
    expect(hex(sim.port.writes)).toEqual(['020000']);
    expect(sim.port.isOpen).toBe(false);
    expect(driver.state).toBe(HeadsetState.Closed);
  });

  it('reset() from a held call writes all LEDs off and returns to idle', async () => {
    const { sim, driver } = await setup(BLACKWIRE);
    await driver.setOffHook(true);
    await driver.setHold(true);
    sim.port.clearRecords();
    await driver.reset();
    expect(driver.state).toBe(HeadsetState.Idle);
    expect(sim.leds()).toMatchObject({ offHook: 0, hold: 0, mute: 0 });
    expect(sim.port.writes).toHaveLength(6);
  });

  it('a descriptor without telephony is refused and the device closed again', async () => {
    const binding = new HidSimBinding();
    const sim = HeadsetSim.fromFixture(binding, loadHidFixture('logitech-g535-046d-0ac4'));
    const err = await HeadsetDriver.open(binding, sim.path).catch((e: unknown) => e);
    expect(isHidError(err, 'BL_ERR_HW_DESCRIPTOR')).toBe(true);
    expect(sim.port.openCount).toBe(1);
    expect(sim.port.isOpen).toBe(false);
  });
});

describe('call flow, one transition at a time', () => {
  it('ringing lights Ring and Ringer in one whole report; answer on headset; hang up on headset', async () => {
    const { sim, driver, clock, events } = await setup(JABRA);
    expect(await driver.setRinging(true)).toBe(true);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['022400']);

    sim.pressHook(); // absolute hook goes to 1
    expect(events).toEqual(['hookOff']);
    expect(driver.state).toBe(HeadsetState.Ringing); // the host decides

    await driver.setOffHook(true);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['020100']);
    expect(driver.state).toBe(HeadsetState.OffHook);

    clock.advance(600);
    sim.pressHook(); // back to 0
    expect(events).toEqual(['hookOff', 'hookOn']);
  });

  it('ignores the echoed/glitched hook edges inside the window after our Off-Hook write', async () => {
    const { sim, driver, clock, events } = await setup(JABRA);
    await driver.setOffHook(true); // outgoing call from the UI
    clock.advance(50);
    sim.set('hookSwitch', 1); // device echoes our LED
    clock.advance(150);
    sim.set('hookSwitch', 0); // spurious hook-on (gonnect GOW_001)
    expect(events).toEqual([]);
    clock.advance(400);
    sim.set('hookSwitch', 1);
    sim.set('hookSwitch', 0); // a real hang-up, after the window
    expect(events).toEqual(['hookOn']);
  });

  it('without the echo window the same glitch would hang up (the window is what protects)', async () => {
    const { sim, driver, clock, events } = await setup(JABRA, { quirks: { echoWindowMs: 0 } });
    await driver.setOffHook(true);
    clock.advance(50);
    sim.set('hookSwitch', 1);
    sim.set('hookSwitch', 0);
    expect(events).toEqual(['hookOn']);
  });

  it('hold keeps Off-Hook lit (shared report) and resume clears only Hold', async () => {
    const { sim, driver } = await setup(JABRA);
    await driver.setOffHook(true);
    expect(await driver.setHold(true)).toBe(true);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['020900']);
    expect(driver.state).toBe(HeadsetState.Held);
    await driver.setHold(false);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['020100']);
  });

  it('hold on Blackwire writes only the Hold report; Off-Hook report is not cleared', async () => {
    const { sim, driver } = await setup(BLACKWIRE);
    await driver.setOffHook(true);
    sim.port.clearRecords();
    await driver.setHold(true);
    expect(hex(sim.port.writes)).toEqual(['2001']);
    expect(sim.leds()).toMatchObject({ hold: 1 });
  });

  it('illegal commands are refused and write nothing', async () => {
    const { sim, driver } = await setup(JABRA);
    sim.port.clearRecords();
    expect(await driver.setHold(true)).toBe(false);
    expect(await driver.setOffHook(false)).toBe(false);
    expect(await driver.setMute(true)).toBe(false);
    expect(sim.port.writes).toHaveLength(0);
  });

  it('flash, redial and drop presses become events once per press', async () => {
    const c5220 = await setup('plantronics-blackwire-c5220-047f-c053');
    c5220.sim.press('flash');
    c5220.sim.press('redial');
    expect(c5220.events).toEqual(['flash', 'redial']);
    const sc660 = await setup('sennheiser-sc660-anc-usb-1395-0082');
    sc660.sim.press('drop');
    expect(sc660.events).toEqual(['drop']);
  });

  it('Link 380c: Constant-flagged hook and mute still drive the call', async () => {
    const { sim, driver, clock, events } = await setup('jabra-link-380c-0b0e-24c9');
    await driver.setRinging(true);
    sim.pressHook();
    await driver.setOffHook(true);
    clock.advance(600);
    sim.pressMute();
    expect(events).toEqual(['hookOff', 'mute:true']);
  });

  it('EPOS IMPACT D1 (nested application collection) answers from the headset', async () => {
    const { sim, driver, events } = await setup('epos-impact-d1-1395-009c');
    await driver.setRinging(true);
    expect(sim.leds()).toMatchObject({ ring: 1 });
    sim.pressHook();
    expect(events).toEqual(['hookOff']);
  });
});

describe('mute in both directions', () => {
  it('headset mute press toggles and is echoed on the Mute LED', async () => {
    const { sim, driver, events } = await setup(JABRA);
    await driver.setOffHook(true);
    sim.pressMute();
    await driver.flush();
    expect(events).toEqual(['mute:true']);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['020300']);
    sim.pressMute();
    await driver.flush();
    expect(events).toEqual(['mute:true', 'mute:false']);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['020100']);
    expect(driver.muted).toBe(false);
  });

  it('host setMute lights the LED without an event, and ignores the device echo', async () => {
    const { sim, driver, clock, events } = await setup(BLACKWIRE);
    await driver.setOffHook(true);
    await driver.setMute(true);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['0901']);
    clock.advance(100);
    sim.pressMute(); // the headset acknowledging our write
    expect(events).toEqual([]);
    expect(driver.muted).toBe(true);
    clock.advance(600);
    sim.pressMute(); // the user
    await driver.flush();
    expect(events).toEqual(['mute:false']);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['0900']);
  });

  it('mute presses outside a call are ignored; hang-up clears mute', async () => {
    const { sim, driver, events } = await setup(JABRA);
    sim.pressMute();
    expect(events).toEqual([]);
    await driver.setOffHook(true);
    await driver.setMute(true);
    await driver.setOffHook(false);
    expect(driver.muted).toBe(false);
    expect(hex(sim.port.writes.slice(-1))).toEqual(['020000']);
  });
});

describe('vendor quirks', () => {
  it('Poly: a duplicate mute report within 50 ms toggles once', async () => {
    const { sim, driver, clock, events } = await setup('poly-bt700-047f-02e6');
    expect(driver.appliedQuirks).toEqual(['poly-duplicate-press']);
    await driver.setOffHook(true);
    clock.advance(600);
    sim.pressMute();
    clock.advance(20);
    sim.pressMute();
    clock.advance(200);
    sim.pressMute();
    expect(events).toEqual(['mute:true', 'mute:false']);
  });

  it('Sennheiser: Mute is written OFF before ON', async () => {
    const { sim, driver } = await setup('sennheiser-sc660-anc-usb-1395-0082');
    await driver.setOffHook(true);
    sim.port.clearRecords();
    await driver.setMute(true);
    expect(hex(sim.port.writes)).toEqual(['0902', '0903']);
  });

  it('Yealink: a stray mute press right after hang-up on the headset is ignored', async () => {
    const { sim, driver, clock, events } = await setup('yealink-wh66-6993-b02b');
    await driver.setOffHook(true);
    clock.advance(600);
    sim.set('hookSwitch', 1);
    sim.set('hookSwitch', 0);
    sim.pressMute();
    expect(events).toEqual(['hookOn']);
    expect(driver.muted).toBe(false);
  });

  it('Jabra (no such quirk): the same mute press right after hookOn does toggle', async () => {
    const { sim, driver, clock, events } = await setup(JABRA);
    await driver.setOffHook(true);
    clock.advance(600);
    sim.set('hookSwitch', 1);
    sim.set('hookSwitch', 0);
    sim.pressMute();
    expect(events).toEqual(['hookOn', 'mute:true']);
  });

  it('Logitech: momentary hook (down/up) answers once, the release after the host answered does not hang up', async () => {
    const spec = { vendorId: 0x046d, productId: 0x0a46 };
    const logi = await setup(JABRA, { spec });
    expect(logi.driver.appliedQuirks).toEqual(['logitech-momentary-hook']);
    await logi.driver.setRinging(true);
    logi.sim.set('hookSwitch', 1);
    await logi.driver.setOffHook(true);
    logi.clock.advance(600);
    logi.sim.set('hookSwitch', 0);
    expect(logi.events).toEqual(['hookOff']);

    // Same stream on a level-type hook (Jabra defaults) reads the release as a hang-up.
    const jabra = await setup(JABRA);
    await jabra.driver.setRinging(true);
    jabra.sim.set('hookSwitch', 1);
    await jabra.driver.setOffHook(true);
    jabra.clock.advance(600);
    jabra.sim.set('hookSwitch', 0);
    expect(jabra.events).toEqual(['hookOff', 'hookOn']);
  });
});

describe('device failures', () => {
  it('unplug moves the driver to lost and emits lost', async () => {
    const { sim, driver, events } = await setup(JABRA);
    await driver.setOffHook(true);
    sim.port.unplug();
    expect(driver.state).toBe(HeadsetState.Lost);
    expect(events).toContain('lost:BL_ERR_HW_DEVICE_LOST');
    sim.pressMute(); // no handle left, and a lost driver ignores input anyway
    expect(events.filter((e) => e.startsWith('mute'))).toEqual([]);
  });

  it('a failing LED write is reported as an error event, not a rejection', async () => {
    const { sim, driver, events } = await setup(JABRA);
    sim.port.failWrites(new HidError('BL_ERR_HW_DEVICE_LOST', 'gone'));
    await expect(driver.setRinging(true)).resolves.toBe(true);
    expect(events).toEqual(['error:BL_ERR_HW_DEVICE_LOST']);
  });
});

describe('installer LED test', () => {
  it('writes whole reports with the tested LED over the call state, and the next command restores the state', async () => {
    const { sim, driver } = await setup(JABRA);
    sim.port.clearRecords();
    expect(await driver.testLeds({ ring: 1 })).toEqual([]);
    expect(sim.leds()).toMatchObject({ ring: 1, offHook: 0 });
    expect(sim.port.writes).toHaveLength(1);
    await driver.setOffHook(true);
    await driver.flush();
    expect(sim.leds()).toMatchObject({ ring: 0, offHook: 1 });
  });

  it('names the LEDs a headset does not have and writes nothing for them', async () => {
    const { sim, driver } = await setup(JABRA);
    sim.port.clearRecords();
    expect(await driver.testLeds({ speaker: 1 })).toEqual(['speaker']);
    expect(sim.port.writes).toHaveLength(0);
  });
});

/**
 * HardwareManager over an in-process fake host (the HostSpawner seam): device events become
 * softphone actions, caller ID is normalised, the profile is applied on every (re)start, and the
 * status says why hardware is unavailable.
 */
import { describe, expect, it } from 'vitest';
import type { HostDeviceState, HostEvent, HostMessage, ParentMessage } from '../../../protocol/hardware';
import { silentLogger } from '../../common/logger';
import type { HostProcess } from './hardware-host';
import { HardwareManager, actionFor } from './hardware-manager';
import type { HardwareEventName } from './hardware-manager';

const OK = { ok: true, reason: null };
const STATE: HostDeviceState = { hid: OK, serial: OK, headset: null, serialPort: null };

class FakeHost implements HostProcess {
  pid = 4242;
  readonly sent: ParentMessage[] = [];
  #message: (m: unknown) => void = () => {};
  send(m: ParentMessage): void {
    this.sent.push(m);
    if (m.type === 'req') {
      const result = m.op === 'configure' ? { ...STATE, headset: { key: 'k', name: 'Jabra', path: 'p', state: 'idle' } } : undefined;
      queueMicrotask(() => this.push({ type: 'res', seq: m.seq, ok: true, result }));
    }
  }
  onMessage(l: (m: unknown) => void): void {
    this.#message = l;
  }
  onExit(): void {}
  kill(): void {}
  push(m: HostMessage): void {
    this.#message(m);
  }
  event(e: Omit<HostEvent, 'at'>): void {
    this.push({ type: 'event', event: { at: 1, ...e } });
  }
}

function setup(profile?: string, state: HostDeviceState = STATE) {
  const fake = new FakeHost();
  let stored = profile;
  const manager = new HardwareManager({ mode: 'sim', spawner: () => fake }, { load: () => stored, save: (j) => (stored = j) }, silentLogger(), { dataDir: '/tmp', version: '0' });
  const seen: Array<[HardwareEventName, unknown]> = [];
  manager.subscribe((name, payload) => seen.push([name, payload]));
  manager.start();
  fake.push({ type: 'ready', pid: fake.pid, mode: 'sim', state, versions: {} });
  return { fake, manager, seen, stored: () => stored };
}

describe('HardwareManager', () => {
  it('maps device events to softphone actions', () => {
    expect(actionFor({ kind: 'hookOff', source: 'headset' }, undefined)).toBe('answer');
    expect(actionFor({ kind: 'hookOn', source: 'headset' }, undefined)).toBe('hangup');
    expect(actionFor({ kind: 'drop', source: 'headset' }, undefined)).toBe('hangup');
    expect(actionFor({ kind: 'mute', muted: true, source: 'headset' }, undefined)).toBe('mute');
    expect(actionFor({ kind: 'mute', muted: false, source: 'headset' }, undefined)).toBe('unmute');
    expect(actionFor({ kind: 'lineHook', detail: 'offHook', source: 'serial' }, 'agentbox')).toBe('answer');
    // A modem's hook events are the line's (an extension picked up), not this desk's.
    expect(actionFor({ kind: 'lineHook', detail: 'offHook', source: 'serial' }, 'modem')).toBeNull();
    expect(actionFor({ kind: 'ring', source: 'serial' }, 'modem')).toBeNull();
  });

  it('applies the saved profile when the host is ready', async () => {
    const { fake, manager } = setup(JSON.stringify({ headset: { key: '0b0e:0307:X', name: 'Jabra' }, serial: { path: '/dev/ttyUSB0', kind: 'agentbox' } }));
    await expect.poll(() => manager.status().headset?.name).toBe('Jabra');
    expect(fake.sent.find((m) => m.type === 'req' && m.op === 'configure')).toMatchObject({ args: { headsetKey: '0b0e:0307:X', serial: { path: '/dev/ttyUSB0', kind: 'agentbox' } } });
    expect(manager.status()).toMatchObject({ state: 'available', hostPid: 4242, mode: 'sim' });
  });

  it('pushes the action before the device event, and caller ID with the normalised number', async () => {
    const { fake, seen } = setup();
    fake.event({ source: 'headset', kind: 'hookOff', device: 'p' });
    fake.event({ source: 'serial', kind: 'callerId', device: '/dev/ttyS0', callerId: { number: '+86 138-0013-8001', name: '王' } });
    fake.event({ source: 'serial', kind: 'callerId', device: '/dev/ttyS0', callerId: { numberAbsence: 'private' } });
    const names = seen.map(([n]) => n).filter((n) => n !== 'hardware.onStatusChanged');
    expect(names).toEqual(['hardware.onAction', 'hardware.onDeviceEvent', 'hardware.onCallerId', 'hardware.onDeviceEvent', 'hardware.onCallerId', 'hardware.onDeviceEvent']);
    const cids = seen.filter(([n]) => n === 'hardware.onCallerId').map(([, p]) => p);
    expect(cids[0]).toMatchObject({ number: '13800138001', rawNumber: '+86 138-0013-8001', name: '王', device: '/dev/ttyS0' });
    expect(cids[1]).toMatchObject({ number: '', rawNumber: null, absence: 'private' });
  });

  it('says why hardware is unavailable when both native modules failed', () => {
    const down = { ok: false, reason: 'node-hid could not be loaded' };
    const { manager } = setup(undefined, { ...STATE, hid: down, serial: { ok: false, reason: 'serialport failed to load' } });
    expect(manager.status()).toMatchObject({ state: 'unavailable', reason: 'headsets: node-hid could not be loaded; serial: serialport failed to load' });
  });

  it('ignores a malformed stored profile and refuses simulate outside sim mode', async () => {
    const { manager } = setup('{"headset": 42}');
    expect(manager.getProfile()).toEqual({ headset: null, serial: null });
    const off = new HardwareManager({ mode: 'off' }, { load: () => undefined, save: () => undefined }, silentLogger(), { dataDir: '/tmp', version: '0' });
    expect(off.status()).toMatchObject({ state: 'disabled', hostPid: null });
    await expect(off.simulate({ op: 'pressHook' })).rejects.toMatchObject({ code: 'BL_ERR_HW_NOT_SIMULATED' });
    await expect(off.listDevices()).rejects.toMatchObject({ code: 'BL_ERR_HW_UNAVAILABLE' });
  });
});

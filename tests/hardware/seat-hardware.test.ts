/**
 * The hardware service end to end inside the seat: a real demo hub, the seat with `--hw sim`
 * (hardware host child process with a simulated Jabra headset), a real socat pty pair with the
 * modem simulator on one end, and clients over the real WebSocket binding (and Electron IPC for
 * the role checks). Measures hook-off report → answer action leaving the seat services.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindSeatToIpc } from '../../main/app/ipc-binding';
import { silentLogger } from '../../main/common/logger';
import { createSeat } from '../../main/seat/seat';
import type { Seat } from '../../main/seat/seat';
import { startWebBinding } from '../../main/seat/ws-binding';
import type { RunningWebBinding } from '../../main/seat/ws-binding';
import { SerialPtyPair } from '../../native/sim/serial-pty-pair';
import { runSerialSim } from '../../native/sim/serial-sim-main';
import type { SerialSimRun } from '../../native/sim/serial-sim-main';
import type { ModemSim } from '../../native/sim/modem-sim';
import type { AgentBoxSim } from '../../native/sim/agent-box-sim';
import { createIpcTransport } from '../../preload/ipc-transport';
import { createClient } from '../../protocol/rpc-client';
import { seatApi } from '../../protocol/seat-api';
import type { BranchlineClient } from '../../protocol/seat-api';
import { createWsTransport } from '../../renderer/src/bridge/ws-transport';
import type { WebSocketLike } from '../../renderer/src/bridge/ws-transport';
import { FakeIpcMain } from '../../testing/fake-electron-ipc';
import { startDemoHub } from '../../testing/hub-fixture';
import { tempDataDir } from '../../testing/spawn-branchline';

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let seat: Seat;
let web: RunningWebBinding;
let pair: SerialPtyPair;
let modem: SerialSimRun;
let box: SerialSimRun | undefined;
let dataDir: string;
let installer: BranchlineClient;
let agent: BranchlineClient;
const ipcMain = new FakeIpcMain();

function wsClient(): BranchlineClient {
  const origin = web.url.replace(/\/$/, '');
  const transport = createWsTransport(`${origin.replace('http', 'ws')}/rpc`, (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike);
  return createClient(seatApi, transport);
}

/** Resolves with the first pushed payload that matches, or fails after `ms`. */
function next<T>(subscribe: (l: (p: T) => void) => () => void, pred: (p: T) => boolean = () => true, ms = 8_000): Promise<T & { receivedAt: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`no matching event within ${ms} ms`))), ms);
    const off = subscribe((p) => {
      if (!pred(p)) return;
      const receivedAt = performance.timeOrigin + performance.now();
      clearTimeout(timer);
      off();
      resolve({ ...p, receivedAt });
    });
  });
}

beforeAll(async () => {
  dataDir = tempDataDir('bl-seat-hw-');
  pair = new SerialPtyPair(join(dataDir, 'modem'), join(dataDir, 'seat-port'));
  await pair.start();
  hub = await startDemoHub();
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  seat = createSeat({ hubUrl: hub.url, dataDir, serverMode: false, shell: 'web', logger: silentLogger(), hardware: { mode: 'sim', serialPaths: [pair.b] } });
  web = await startWebBinding({ seat, hubUrl: hub.url, listen: { host: '127.0.0.1', port: 0 }, rendererDir, logger: silentLogger() });
  bindSeatToIpc(ipcMain, seat, (url) => url.startsWith('app://branchline/'));
  installer = wsClient();
  agent = createClient(seatApi, createIpcTransport(ipcMain.connectRenderer('app://branchline/index.html')));
  await installer.auth.login({ username: 'installer', password: 'install7000' });
  await agent.auth.login({ username: '1004', password: 'pass1004' });
  // The host child starts with the seat; the headset is open once its LEDs were reset.
  for (let t = Date.now(); (await installer.hardware.getStatus()).headset?.state !== 'idle'; ) {
    if (Date.now() - t > 15_000) throw new Error('simulated headset not open within 15 s');
    await new Promise((r) => setTimeout(r, 50));
  }
});

afterAll(async () => {
  await modem?.stop();
  await box?.stop();
  await web?.close();
  await seat?.close();
  await hub?.dispose();
  await pair?.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('seat hardware service (sim headset, pty modem)', () => {
  it('reports the hardware available to any logged-in user, and configuration only to the installer', async () => {
    const status = await agent.hardware.getStatus();
    expect(status).toMatchObject({ state: 'available', mode: 'sim', hid: { ok: true }, serial: { ok: true } });
    expect(status.hostPid).toBeGreaterThan(0);
    await expect(agent.hardware.listDevices()).rejects.toMatchObject({ code: 'BL_ERR_AUTH_FORBIDDEN' });
    await expect(agent.hardware.testLed({ led: 'ring', on: true })).rejects.toMatchObject({ code: 'BL_ERR_AUTH_FORBIDDEN' });
    await expect(agent.hardware.exportDiagnostics()).rejects.toMatchObject({ code: 'BL_ERR_AUTH_FORBIDDEN' });
  });

  it('lists the simulated headset with its names and telephony controls, and the pty', async () => {
    const devices = await installer.hardware.listDevices();
    expect(devices.hid).toEqual([
      expect.objectContaining({
        key: '0b0e:0307:SIM0001', vendorName: 'Jabra (GN Audio)', productName: 'Jabra EVOLVE LINK MS', telephony: true, active: true, simulated: true,
        buttons: expect.arrayContaining(['hookSwitch', 'phoneMute']), leds: expect.arrayContaining(['offHook', 'ring', 'mute']),
      }),
    ]);
    expect(devices.serial).toContainEqual(expect.objectContaining({ path: pair.b, simulated: true, active: false }));
  });

  it('hook-off on the headset leaves the seat services as an answer action, to every logged-in session', async () => {
    const atInstaller = next(installer.hardware.onAction);
    const atAgent = next(agent.hardware.onAction);
    const pressed = await installer.hardware.simulate({ op: 'pressHook' });
    const action = await atInstaller;
    expect(action).toMatchObject({ action: 'answer', source: 'headset' });
    expect((await atAgent).action).toBe('answer');
    // Causality only: the figure itself (hw.button_to_action_ms) is measured by the bench.
    expect(action.receivedAt - pressed.at).toBeGreaterThanOrEqual(0);
    const events = await installer.hardware.recentEvents({ limit: 5 });
    expect(events.at(-1)).toMatchObject({ kind: 'hookOff', action: 'answer', source: 'headset' });
  });

  it('mirrors the call on the LEDs: ring while ringing, off-hook held on hold, mute both ways', async () => {
    await agent.hardware.setCallState({ state: 'ringing', muted: false });
    expect((await installer.hardware.simulate({ op: 'state' })).leds).toMatchObject({ ring: 1, offHook: 0 });
    await agent.hardware.setCallState({ state: 'active', muted: false });
    expect((await installer.hardware.simulate({ op: 'state' })).leds).toMatchObject({ ring: 0, offHook: 1, mute: 0 });
    // Headset → softphone: the mute button becomes a mute action (and the driver echoes the LED).
    const mute = next(installer.hardware.onAction, (a) => a.action === 'mute');
    await installer.hardware.simulate({ op: 'pressMute' });
    await mute;
    await expect.poll(async () => (await installer.hardware.simulate({ op: 'state' })).leds.mute, { timeout: 5_000 }).toBe(1);
    // Softphone → headset: unmute from the screen clears the LED.
    await agent.hardware.setCallState({ state: 'active', muted: false });
    expect((await installer.hardware.simulate({ op: 'state' })).leds.mute).toBe(0);
    await agent.hardware.setCallState({ state: 'held', muted: false });
    expect((await installer.hardware.simulate({ op: 'state' })).leds).toMatchObject({ offHook: 1, hold: 1 });
    // Hook-on → hangup. The driver ignores hook edges for 500 ms after its own Off-Hook write
    // (headsets echo it), so the user's hang-up comes a little later, as it would at a desk.
    await new Promise((r) => setTimeout(r, 600));
    const hangup = next(installer.hardware.onAction, (a) => a.action === 'hangup');
    await installer.hardware.simulate({ op: 'pressHook' });
    await hangup;
    await agent.hardware.setCallState({ state: 'idle', muted: false });
    expect((await installer.hardware.simulate({ op: 'state' })).leds).toMatchObject({ offHook: 0, hold: 0, ring: 0, mute: 0 });
  });

  it('tests an LED with a real output report the simulated headset records', async () => {
    const before = (await installer.hardware.simulate({ op: 'state' })).writes.length;
    await installer.hardware.testLed({ led: 'ring', on: true });
    const lit = await installer.hardware.simulate({ op: 'state' });
    expect(lit.writes.length).toBeGreaterThan(before);
    expect(lit.leds.ring).toBe(1);
    await installer.hardware.testLed({ led: 'ring', on: false });
    expect((await installer.hardware.simulate({ op: 'state' })).leds.ring).toBe(0);
    await installer.hardware.testRinger({ on: true });
    expect((await installer.hardware.simulate({ op: 'state' })).leds).toMatchObject({ ring: 1, ringer: 1 });
    await installer.hardware.testRinger({ on: false });
  });

  it('caller ID bytes on the pty become a callerId event with the normalised number', async () => {
    modem = await runSerialSim({
      kind: 'modem', port: pair.a,
      script: [{ expect: 'AT+VCID=1', timeoutMs: 10_000 }, { delayMs: 100 }, { ring: 1 }, { callerId: { date: '0511', time: '1852', number: '008613800138001', name: 'WANG' } }, { ring: 1 }],
    });
    const cid = next(installer.hardware.onCallerId, () => true, 15_000);
    const status = await installer.hardware.selectSerialPort({ path: pair.b, kind: 'modem' });
    expect(status.serialPort).toMatchObject({ path: pair.b, kind: 'modem' });
    expect(await cid).toMatchObject({ number: '13800138001', rawNumber: '008613800138001', name: 'WANG', device: pair.b });
    await modem.done;
    expect((modem.sim as ModemSim).commands).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1']);
    expect(await installer.hardware.getProfile()).toEqual({ headset: null, serial: { path: pair.b, kind: 'modem' } });
  });

  it('drives an agent box on the same port: its LEDs follow tests and the call, its handset answers', async () => {
    await modem.stop();
    box = await runSerialSim({ kind: 'agentbox', port: pair.a, script: [] });
    const sim = box.sim as AgentBoxSim;
    await installer.hardware.selectSerialPort({ path: pair.b, kind: 'agentbox' });
    for (let t = Date.now(); (await installer.hardware.getStatus()).serialPort?.state !== 'ready'; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() - t > 15_000) throw new Error('agent box not ready');
    }
    await installer.hardware.testLed({ led: 'mute', on: true, target: 'serial' });
    expect(sim.leds.get('MUTE')).toBe('ON');
    await agent.hardware.setCallState({ state: 'ringing', muted: false });
    await expect.poll(() => sim.leds.get('RING'), { timeout: 5_000 }).toBe('BLINK');
    const answer = next(agent.hardware.onAction, (a) => a.source === 'serial');
    await sim.runScript([{ hook: 'OFF' }]);
    expect((await answer).action).toBe('answer');
    await agent.hardware.setCallState({ state: 'idle', muted: false });
    await expect.poll(() => [sim.leds.get('RING'), sim.leds.get('HOOK'), sim.leds.get('MUTE')], { timeout: 5_000 }).toEqual(['OFF', 'OFF', 'OFF']);
  });

  it('survives kill -9 of the hardware host: device lost is pushed, the host restarts with the saved profile', async () => {
    const before = await installer.hardware.getStatus();
    const lost = next(installer.hardware.onDeviceEvent, (e) => e.kind === 'deviceLost');
    const restarted = next(installer.hardware.onDeviceEvent, (e) => e.kind === 'hostRestarted', 15_000);
    process.kill(before.hostPid!, 'SIGKILL');
    expect((await lost).detail).toMatch(/SIGKILL/);
    await restarted;
    for (let t = Date.now(); ; await new Promise((r) => setTimeout(r, 50))) {
      const st = await installer.hardware.getStatus();
      if (st.headset?.state === 'idle' && st.serialPort?.path === pair.b) {
        expect(st).toMatchObject({ state: 'available', restarts: 1 });
        expect(st.hostPid).not.toBe(before.hostPid);
        break;
      }
      if (Date.now() - t > 15_000) throw new Error(`not back after restart: ${JSON.stringify(st)}`);
    }
    const answer = next(installer.hardware.onAction, (a) => a.action === 'answer');
    await installer.hardware.simulate({ op: 'pressHook' });
    await answer;
  });

  it('exports a diagnostics zip with devices, descriptors, events, log and versions', async () => {
    const bundle = await installer.hardware.exportDiagnostics();
    expect(bundle.size).toBeGreaterThan(500);
    const files = unzipSync(Buffer.from(bundle.base64, 'base64'));
    expect(Object.keys(files).sort()).toEqual(expect.arrayContaining([
      'devices.json', 'events.json', 'hardware.log', 'versions.json', 'status.json', 'profile.json', 'descriptors/index.json', 'descriptors/0b0e_0307_SIM0001.hex',
    ]));
    expect(strFromU8(files['descriptors/0b0e_0307_SIM0001.hex']!)).toMatch(/^05 0b 09 05 a1 01 85 02/);
    expect(JSON.parse(strFromU8(files['events.json']!)).map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['hookOff', 'callerId', 'deviceLost', 'hostRestarted']));
    expect(JSON.parse(strFromU8(files['versions.json']!))).toMatchObject({ 'node-hid': expect.stringMatching(/^\d/), serialport: expect.stringMatching(/^\d/) });
    expect(strFromU8(files['hardware.log']!)).toMatch(/\[hw pid=\d+ dev=/);
  });
});

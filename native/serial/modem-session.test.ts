import { afterEach, describe, expect, it } from 'vitest';
import { ModemSim, type ModemSimOptions } from '../sim/modem-sim';
import { SerialFakeClock, settle, settleUntil } from '../sim/serial-fake-clock';
import { SerialMockBinding } from '../sim/serial-mock-binding';
import type { CallerIdRecord } from './caller-id-record';
import { ModemSession, type ModemSessionEvents, type ModemSessionOptions } from './modem-session';
import { SerialErrorCode } from './serial-error';
import { SerialSessionState } from './serial-session-state';

const PATH = '/dev/serial/by-id/usb-Sim_Modem-if00';

interface Rig {
  clock: SerialFakeClock;
  binding: SerialMockBinding;
  sim: ModemSim;
  simOptions: ModemSimOptions;
  session: ModemSession;
  seen: { [K in keyof ModemSessionEvents]?: Array<ModemSessionEvents[K]> };
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.session.close();
  rigs = [];
});

function rig(options: Partial<ModemSessionOptions> = {}, simOptions: ModemSimOptions = {}): Rig {
  const clock = new SerialFakeClock();
  const binding = new SerialMockBinding();
  const dev = binding.createPort(PATH);
  const sim = new ModemSim(dev.deviceConnection, simOptions);
  const session = new ModemSession({ binding, path: PATH, clock, heartbeatMs: 30_000, ...options });
  const seen: Rig['seen'] = {};
  const names: Array<keyof ModemSessionEvents> = ['state', 'connected', 'disconnected', 'callerId', 'ring', 'hook', 'dtmf', 'badFrame', 'voiceEvent', 'initialized'];
  for (const n of names) session.on(n, (p) => ((seen[n] ??= []) as unknown[]).push(p));
  const r = { clock, binding, sim, simOptions, session, seen };
  rigs.push(r);
  return r;
}

const ready = (r: Rig) => settleUntil(() => r.session.state === SerialSessionState.Ready, 'ready');
const strip = (rec: CallerIdRecord) => {
  const { raw: _raw, ...rest } = rec;
  return rest;
};

describe('ModemSession init', () => {
  it('sends ATZ, ATE0V1, AT+VCID=1 in order and reports connected', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    expect(r.sim.commands).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1']);
    expect(r.sim.cidMode).toBe(1);
    expect(r.seen.connected).toEqual([{ path: PATH }]);
    expect(r.seen.initialized).toEqual([{ callerIdCommand: 'AT+VCID=1' }]);
    expect(r.seen.state?.map((s) => s.to)).toEqual(['opening', 'initializing', 'ready']);
  });

  it('falls back to AT#CID=1 when the modem rejects AT+VCID=1', async () => {
    const r = rig({}, { acceptsVcid: false });
    r.session.start();
    await ready(r);
    expect(r.sim.commands).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1', 'AT#CID=1']);
    expect(r.session.callerIdCommand).toBe('AT#CID=1');
  });

  it('gives up on a modem that rejects every caller-ID spelling, then backs off', async () => {
    const r = rig({}, { acceptsVcid: false, acceptsHashCid: false });
    r.session.start();
    await settleUntil(() => r.session.state === SerialSessionState.Backoff, 'backoff');
    expect(r.seen.state?.at(-1)?.reason).toMatch(/rejected AT\+VCID=1 and AT#CID=1/);
    expect(r.seen.connected).toBeUndefined();
  });

  it('retries a command that times out, then backs off and re-inits from ATZ', async () => {
    const r = rig({ commandTimeoutMs: 2000, commandRetries: 2 }, { silent: true });
    r.session.start();
    await settleUntil(() => r.sim.commands.length === 1, 'first ATZ');
    await r.clock.advance(1999);
    expect(r.sim.commands).toEqual(['ATZ']);
    await r.clock.advance(1);
    expect(r.sim.commands).toEqual(['ATZ', 'ATZ']);
    await r.clock.advance(4000);
    expect(r.session.state).toBe(SerialSessionState.Backoff);
    expect(r.seen.state?.at(-1)?.reason).toMatch(/ATZ: no answer in 2000 ms/);
    r.simOptions.silent = false;
    await r.clock.advance(500); // first backoff step
    await ready(r);
    expect(r.sim.commands.slice(3)).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1']);
  });

  it('voice mode adds AT+FCLASS=8; extra init commands go before caller ID', async () => {
    const r = rig({ voiceMode: true, extraInit: ['AT+GCI=B5'] });
    r.session.start();
    await ready(r);
    expect(r.sim.commands).toEqual(['ATZ', 'ATE0V1', 'AT+FCLASS=8', 'AT+GCI=B5', 'AT+VCID=1']);
  });
});

describe('ModemSession events', () => {
  it('RING, caller ID, RING arrive as typed events', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    await r.sim.ring();
    await r.sim.callerId({ date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' });
    await r.sim.ring();
    await settleUntil(() => (r.seen.ring?.length ?? 0) === 2, 'two rings');
    expect(r.seen.callerId?.map(strip)).toEqual([{ format: 'formatted', date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' }]);
  });

  it('unformatted mode: AT+VCID=2 and a checksummed MDMF frame', async () => {
    const r = rig({ callerIdMode: 'unformatted' });
    r.session.start();
    await ready(r);
    expect(r.sim.commands.at(-1)).toBe('AT+VCID=2');
    await r.sim.callerId({ date: '0317', time: '1656', number: '2156430144', numberReason: '', name: '', nameReason: 'P' });
    await settleUntil(() => r.seen.callerId?.length === 1, 'callerId');
    expect(strip(r.seen.callerId![0]!)).toEqual({ format: 'mdmf', date: '0317', time: '1656', number: '2156430144', nameAbsence: 'private' });
  });

  it('voice mode: <DLE> ring, hook and DTMF', async () => {
    const r = rig({ voiceMode: true });
    r.session.start();
    await ready(r);
    await r.sim.runScript([{ ring: 1 }, { hook: 'OFF' }, { dtmf: '1#' }, { dle: 'b' }, { hook: 'ON' }]);
    await settleUntil(() => r.seen.hook?.length === 2, 'hooks');
    expect(r.seen.ring).toEqual([{ via: 'dle' }]);
    expect(r.seen.hook).toEqual([{ state: 'offHook' }, { state: 'onHook' }]);
    expect(r.seen.dtmf).toEqual([{ digit: '1' }, { digit: '#' }]);
    expect(r.seen.voiceEvent).toEqual([{ kind: 'busy', code: 'b' }]);
  });

  it('garbage is reported as bad frames and the session keeps working', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    await r.sim.send('\x00\x01\x02\r\n\x10z0412303331373136353632313536343330313434BA\r\n');
    await r.sim.callerId({ number: '5551212', name: 'OK AFTER' });
    await r.sim.ring();
    await settleUntil(() => r.seen.callerId?.length === 1, 'callerId');
    expect(r.seen.badFrame?.map((b) => b.reason)).toEqual(['garbage', 'unknown-dle-code', 'checksum']);
    expect(r.session.state).toBe(SerialSessionState.Ready);
  });
});

describe('ModemSession loss and reconnect', () => {
  it('unplug → disconnected + backoff; replug → reopen, re-init, connected again', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    const dev = r.binding.port(PATH);
    dev.unplug();
    await settle();
    expect(r.session.state).toBe(SerialSessionState.Backoff);
    expect(r.seen.disconnected).toEqual([{ path: PATH, code: SerialErrorCode.HwDeviceLost, reason: 'port closed: device disconnected' }]);
    await r.clock.advance(500); // attempt 1 fails: still unplugged
    expect(r.session.state).toBe(SerialSessionState.Backoff);
    expect(r.seen.state?.at(-1)?.reason).toMatch(/no such device; retry in 1000 ms/);
    dev.replug();
    await r.clock.advance(1000);
    await ready(r);
    expect(dev.opens).toBe(2);
    expect(r.sim.commands).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1', 'ATZ', 'ATE0V1', 'AT+VCID=1']);
    expect(r.seen.connected).toHaveLength(2);
  });

  it('a modem that stops answering the AT heartbeat is treated as lost', async () => {
    const r = rig({ heartbeatMs: 30_000, heartbeatMisses: 2, commandTimeoutMs: 1000, commandRetries: 0 });
    r.session.start();
    await ready(r);
    await r.clock.advance(30_000);
    expect(r.sim.commands.at(-1)).toBe('AT');
    r.simOptions.silent = true;
    await r.clock.advance(31_000); // AT, no answer: miss 1
    expect(r.session.state).toBe(SerialSessionState.Ready);
    await r.clock.advance(31_000); // miss 2
    expect(r.session.state).toBe(SerialSessionState.Backoff);
    expect(r.seen.disconnected?.[0]).toMatchObject({ code: SerialErrorCode.HwDeviceLost, reason: 'heartbeat lost after 2 misses' });
  });

  it('close() closes the port, stops timers and reports once', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    const seen = r.seen;
    await r.session.close();
    expect(r.session.state).toBe(SerialSessionState.Closed);
    expect(r.binding.port(PATH).host?.isOpen).toBe(false);
    expect(seen.disconnected).toEqual([{ path: PATH, code: SerialErrorCode.SerialClosed, reason: 'closed' }]);
    expect(r.clock.pendingTimers).toBe(0);
  });

  it('open failure on a missing port backs off with growing delays', async () => {
    const r = rig({ path: '/dev/does-not-exist' });
    r.session.start();
    await settleUntil(() => r.session.state === SerialSessionState.Backoff, 'backoff');
    await r.clock.advance(500);
    await r.clock.advance(1000);
    const reasons = r.seen.state?.filter((s) => s.to === 'backoff').map((s) => /retry in (\d+)/.exec(s.reason)?.[1]);
    expect(reasons).toEqual(['500', '1000', '2000']);
  });
});

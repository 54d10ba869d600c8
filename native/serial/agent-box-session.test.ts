import { afterEach, describe, expect, it } from 'vitest';
import { AgentBoxSim, type AgentBoxSimOptions } from '../sim/agent-box-sim';
import { SerialFakeClock, settle, settleUntil } from '../sim/serial-fake-clock';
import { agentBoxSamples } from '../sim/serial-fixtures';
import { SerialMockBinding } from '../sim/serial-mock-binding';
import { encodeAgentBoxMessage } from './agent-box-protocol';
import { ALL_LEDS, AgentBoxSession, type AgentBoxSessionEvents, type AgentBoxSessionOptions } from './agent-box-session';
import { SerialErrorCode } from './serial-error';
import { SerialSessionState } from './serial-session-state';

const PATH = '/dev/serial/by-id/usb-Branchline_AgentBox_0001-if00';

interface Rig {
  clock: SerialFakeClock;
  binding: SerialMockBinding;
  sim: AgentBoxSim;
  simOptions: AgentBoxSimOptions;
  session: AgentBoxSession;
  seen: { [K in keyof AgentBoxSessionEvents]?: Array<AgentBoxSessionEvents[K]> };
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const r of rigs) await r.session.close();
  rigs = [];
});

function rig(options: Partial<AgentBoxSessionOptions> = {}, simOptions: AgentBoxSimOptions = {}): Rig {
  const clock = new SerialFakeClock();
  const binding = new SerialMockBinding();
  const dev = binding.createPort(PATH);
  const sim = new AgentBoxSim(dev.deviceConnection, simOptions);
  const session = new AgentBoxSession({ binding, path: PATH, clock, ...options });
  const seen: Rig['seen'] = {};
  const names: Array<keyof AgentBoxSessionEvents> = ['state', 'connected', 'disconnected', 'callerId', 'ring', 'hook', 'dtmf', 'badFrame', 'version'];
  for (const n of names) session.on(n, (p) => ((seen[n] ??= []) as unknown[]).push(p));
  const r = { clock, binding, sim, simOptions, session, seen };
  rigs.push(r);
  return r;
}

const ready = (r: Rig) => settleUntil(() => r.session.state === SerialSessionState.Ready, 'ready');

describe('AgentBoxSession (Branchline protocol)', () => {
  it('init asks VER, switches every LED off, then reports connected', async () => {
    const r = rig();
    r.sim.leds.set('RING', 'BLINK');
    r.session.start();
    await ready(r);
    expect(r.sim.received.map((m) => m.type)).toEqual(['VER', ...ALL_LEDS.map(() => 'LED')]);
    expect([...r.sim.leds.values()].every((s) => s === 'OFF')).toBe(true);
    expect(r.seen.version).toEqual([r.sim.info]);
    expect(r.seen.connected).toHaveLength(1);
  });

  it('box events become session events and each is ACKed', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    const seqs = [
      await r.sim.ring(1, 1),
      await r.sim.callerId({ date: '0511', time: '1852', number: '4075550000', name: '张三' }),
      await r.sim.event({ type: 'HOOK', line: 1, state: 'OFF' }),
      await r.sim.event({ type: 'DTMF', line: 1, digit: '7' }),
    ];
    await settleUntil(() => seqs.every((s) => r.sim.wasAcked(s)), 'ACKs');
    expect(r.seen.ring).toEqual([{ via: 'box', line: 1, count: 1 }]);
    expect(r.seen.callerId?.[0]).toMatchObject({ format: 'agentbox', line: '1', date: '0511', number: '4075550000', name: '张三' });
    expect(r.seen.hook).toEqual([{ state: 'offHook', line: 1 }]);
    expect(r.seen.dtmf).toEqual([{ digit: '7', line: 1 }]);
  });

  it('a resent CID (same seq) is ACKed again but announced once', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    const frame = encodeAgentBoxMessage({ type: 'CID', seq: 0x50, line: 1, date: '', time: '', number: '1', name: '', numberReason: '', nameReason: 'P' });
    await r.sim.send(frame);
    await r.sim.send(frame);
    await settleUntil(() => r.sim.received.filter((m) => m.type === 'ACK' && m.seq === 0x50).length === 2, 'two ACKs');
    expect(r.seen.callerId).toHaveLength(1);
    expect(r.seen.callerId?.[0]).toMatchObject({ number: '1', nameAbsence: 'private' });
  });

  it('setLed reaches the box; an unknown LED name never leaves the host', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    await r.session.setLed('HOOK', 'ON');
    expect(r.sim.leds.get('HOOK')).toBe('ON');
    await expect(r.session.setLed('DISCO' as never, 'ON')).rejects.toThrow(RangeError);
    await settle();
    expect(r.sim.received.filter((m) => m.type === 'LED')).toHaveLength(ALL_LEDS.length + 1);
    expect(r.sim.badFrames).toBe(0);
  });

  it('NAK rejects the request with BL_ERR_SERIAL_REJECTED', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    r.simOptions.silent = true; // the sim stops answering; we answer by hand with NAK
    const p = r.session.setLed('MUTE', 'BLINK');
    await settleUntil(() => r.sim.received.some((m) => m.type === 'LED' && m.state === 'BLINK'), 'LED');
    const led = r.sim.received.find((m) => m.type === 'LED' && m.state === 'BLINK')!;
    r.simOptions.silent = false;
    await r.sim.send(encodeAgentBoxMessage({ type: 'NAK', seq: led.seq, reason: 'BUSY' }));
    await expect(p).rejects.toMatchObject({ code: SerialErrorCode.SerialRejected });
  });

  it('resends a request twice after 500 ms, then times out', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    r.simOptions.silent = true;
    const p = r.session.setLed('MSG', 'ON');
    p.catch(() => {});
    await r.clock.advance(1499);
    expect(r.sim.received.filter((m) => m.type === 'LED' && m.led === 'MSG' && m.state === 'ON')).toHaveLength(3);
    await r.clock.advance(1);
    await expect(p).rejects.toMatchObject({ code: SerialErrorCode.SerialTimeout });
  });

  it('three missed PINGs (heartbeat) → lost; the box answering again → re-init', async () => {
    const r = rig({ heartbeatMs: 15_000, heartbeatMisses: 3 });
    r.session.start();
    await ready(r);
    await r.clock.advance(15_000);
    expect(r.sim.received.at(-1)?.type).toBe('PING');
    r.simOptions.silent = true;
    for (let i = 0; i < 3; i++) await r.clock.advance(16_500);
    expect(r.session.state).toBe(SerialSessionState.Backoff);
    expect(r.seen.disconnected?.[0]).toMatchObject({ code: SerialErrorCode.HwDeviceLost });
    r.simOptions.silent = false;
    await r.clock.advance(500);
    await ready(r);
    expect(r.seen.connected).toHaveLength(2);
  });

  it('HELLO (box restarted) triggers VER + LEDs off again', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    const before = r.sim.received.length;
    await r.sim.hello();
    await settleUntil(() => r.sim.received.filter((m) => m.type === 'LED').length === 2 * ALL_LEDS.length, 'second LED reset');
    expect(r.sim.received.slice(before).map((m) => m.type)).toEqual(['ACK', 'VER', ...ALL_LEDS.map(() => 'LED')]);
    await ready(r);
  });

  it('bad frames and noise are reported; valid frames after them still work', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    const ring = Buffer.from(encodeAgentBoxMessage({ type: 'RING', seq: 0x60, line: 1, count: 2 })).toString('latin1');
    await r.sim.send(`\x00\xffnoise\r\n${ring.replace('RING,1,2', 'RING,1,3')}${ring}`);
    await settleUntil(() => r.seen.ring?.length === 1, 'ring');
    expect(r.seen.badFrame?.map((b) => b.reason)).toEqual(['garbage', 'checksum']);
  });

  it('unplug and replug reconnects and re-inits', async () => {
    const r = rig();
    r.session.start();
    await ready(r);
    r.binding.port(PATH).unplug();
    await settle();
    expect(r.session.state).toBe(SerialSessionState.Backoff);
    r.binding.port(PATH).replug();
    await r.clock.advance(500);
    await ready(r);
    expect(r.sim.received.filter((m) => m.type === 'VER')).toHaveLength(2);
  });
});

describe('AgentBoxSession (third-party caller-ID boxes)', () => {
  const line = (id: string) => agentBoxSamples().find((s) => s.id === id)!.line;

  it('Whozz Calling?: start records announce, end records and B flags do not', async () => {
    const r = rig({ protocol: 'whozz' });
    r.session.start();
    await ready(r);
    const dev = r.binding.port(PATH);
    dev.emitData(`${line('whozz-calling-comprehensive')}\r\n`);
    dev.emitData('01 I E 0276 G B3 09/26 11:28 AM 800-240-4637 CallerID.com\r\n');
    dev.emitData('02 I S 0000 B A0 09/26 11:29 AM 800-240-4637 CallerID.com\r\n');
    dev.emitData('what is this\r\n');
    await settleUntil(() => (r.seen.badFrame?.length ?? 0) === 2, 'bad frames');
    expect(r.seen.callerId?.map((c) => c.number)).toEqual(['8002404637']);
    expect(r.seen.badFrame?.map((b) => b.reason)).toEqual(['box-reported-bad-checksum', 'unknown-message']);
    expect(r.binding.port(PATH).writes).toEqual([]); // read-only unit: we never write to it
  });

  it('NetCallerID and Weeder lines', async () => {
    for (const [protocol, id] of [['netcallerid', 'netcallerid-1'], ['weeder', 'weeder-cid']] as const) {
      const r = rig({ protocol });
      r.session.start();
      await ready(r);
      r.binding.port(PATH).emitData(`${line(id)}\r\n`);
      await settleUntil(() => r.seen.callerId?.length === 1, `${protocol} callerId`);
      expect(r.seen.callerId?.[0]?.format).toBe(protocol);
    }
  });
});

// Integration over REAL ptys: socat links two pseudo-terminals; the simulator opens one end and
// the session opens the other through the real serialport binding. Killing socat is an unplug,
// restarting it a replug.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AgentBoxSession } from '../serial/agent-box-session';
import { NodeSerialBinding } from '../serial/binding-node';
import type { CallerIdRecord } from '../serial/caller-id-record';
import { ModemSession } from '../serial/modem-session';
import type { SerialSessionBase, SerialSessionEvents } from '../serial/serial-session-base';
import { SerialSessionState } from '../serial/serial-session-state';
import type { AgentBoxSim } from './agent-box-sim';
import type { ModemSim } from './modem-sim';
import { SerialPtyPair } from './serial-pty-pair';
import { type SerialSimRun, runSerialSim } from './serial-sim-main';

let dir = '';
let pair: SerialPtyPair;
const cleanups: Array<() => Promise<void>> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bl-pty-'));
  pair = new SerialPtyPair(join(dir, 'sim'), join(dir, 'host'));
  await pair.start();
});

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => {});
  await pair.kill();
  expect(pair.running).toBe(false);
  await rm(dir, { recursive: true, force: true });
});

function next<E extends SerialSessionEvents, K extends keyof E>(
  s: SerialSessionBase<E>,
  name: K,
  ms = 8_000,
  pred: (p: E[K]) => boolean = () => true,
): Promise<E[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => (off(), reject(new Error(`no ${String(name)} within ${ms} ms (state ${s.state})`))), ms);
    const off = s.on(name, (p) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      off();
      resolve(p);
    });
  });
}

async function sim(kind: 'modem' | 'agentbox', script: Parameters<typeof runSerialSim>[0]['script']): Promise<SerialSimRun> {
  const run = await runSerialSim({ kind, port: pair.a, script });
  cleanups.push(() => run.stop());
  return run;
}

const fast = { backoff: { initialMs: 100, maxMs: 400, factor: 2 } };

describe('serial over real pty pairs (socat)', () => {
  it('modem: init, caller ID, unplug, replug with re-init, garbage', async () => {
    const first = await sim('modem', [
      { expect: 'AT+VCID=1' },
      { delayMs: 50 },
      { ring: 1 },
      { callerId: { date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' } },
      { ring: 1 },
    ]);
    // The heartbeat matters here: serialport can miss a hang-up that lands right after a read
    // (seen with socat ptys), and the next AT write is what notices the device is gone.
    const session = new ModemSession({ binding: new NodeSerialBinding(), path: pair.b, heartbeatMs: 300, ...fast });
    cleanups.push(() => session.close());
    const gotCid = next(session, 'callerId');
    session.start();
    await next(session, 'connected');
    const cid: CallerIdRecord = await gotCid;
    expect(cid).toMatchObject({ format: 'formatted', date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' });
    await first.done;
    expect((first.sim as ModemSim).commands).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1']);

    // Unplug: the pty pair disappears under both ends.
    const lost = next(session, 'disconnected');
    await pair.kill();
    expect(await lost).toMatchObject({ code: 'BL_ERR_HW_DEVICE_LOST' });
    await first.stop();
    expect(session.state === SerialSessionState.Backoff || session.state === SerialSessionState.Opening).toBe(true);

    // Replug: same link names, new ptys; the session must reopen and run the init again.
    await pair.start();
    const second = await sim('modem', [
      { expect: 'ATZ' },
      { expect: 'AT+VCID=1' },
      { delayMs: 50 },
      { send: '\x00\x07garbage\xff\r\n\x10z' },
      { callerId: { number: '5551212', name: 'AFTER REPLUG' } },
      { ring: 1 },
    ]);
    const bad = next(session, 'badFrame');
    const cid2 = next(session, 'callerId');
    await next(session, 'connected', 10_000);
    expect((await bad).reason).toBe('garbage');
    expect(await cid2).toMatchObject({ number: '5551212', name: 'AFTER REPLUG' });
    await second.done;
    expect((second.sim as ModemSim).commands.slice(0, 3)).toEqual(['ATZ', 'ATE0V1', 'AT+VCID=1']);
    expect(session.state).toBe(SerialSessionState.Ready);
  });

  it('agent box: script file, VER + LED init, caller ID, unplug/replug', async () => {
    const script = join(dir, 'box.json');
    await writeFile(
      script,
      JSON.stringify([
        { expect: 'LED,POWER,OFF' },
        { ring: 1 },
        { callerId: { date: '0511', time: '1852', number: '4075550000', name: '张三' } },
        { hook: 'OFF' },
        { dtmf: '12#' },
      ]),
    );
    const first = await sim('agentbox', script);
    const session = new AgentBoxSession({ binding: new NodeSerialBinding(), path: pair.b, heartbeatMs: 300, ...fast });
    cleanups.push(() => session.close());
    const dtmf: string[] = [];
    session.on('dtmf', (d) => dtmf.push(d.digit));
    const cid = next(session, 'callerId');
    const lastDigit = next(session, 'dtmf', 8_000, (d) => d.digit === '#');
    session.start();
    await next(session, 'connected');
    expect(await cid).toMatchObject({ format: 'agentbox', number: '4075550000', name: '张三' });
    await lastDigit;
    expect(dtmf).toEqual(['1', '2', '#']);
    await first.done;
    const boxSim = first.sim as AgentBoxSim;
    await boxSim.waitFor('PING', 2_000);
    expect(boxSim.badFrames).toBe(0);

    const lost = next(session, 'disconnected');
    await pair.kill();
    await lost;
    await first.stop();
    await pair.start();
    const second = await sim('agentbox', [{ expect: 'VER' }]);
    await next(session, 'connected', 10_000);
    await second.done;
    expect((second.sim as AgentBoxSim).received.filter((m) => m.type === 'LED')).toHaveLength(6);
  });
});

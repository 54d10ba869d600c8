import { describe, expect, it } from 'vitest';
import { encodeAgentBoxMessage } from '../serial/agent-box-protocol';
import { decodeCidMessage } from '../serial/cid-message-decoder';
import { encodeMdmf, formatCallerId } from './modem-sim';
import { settle, settleUntil } from './serial-fake-clock';
import { SerialMockBinding } from './serial-mock-binding';
import { runSerialSim } from './serial-sim-main';
import { parseSimScript } from './serial-sim-script';

async function modemRig() {
  const binding = new SerialMockBinding();
  const dev = binding.createPort('/dev/ttySIM');
  const host = await binding.open('/dev/ttySIM', { baudRate: 115200 });
  const got: number[] = [];
  host.onData((c) => got.push(...c));
  const run = await runSerialSim({ kind: 'modem', port: '/dev/ttySIM', connection: dev.deviceConnection, script: [] });
  return { host, run, text: () => Buffer.from(got).toString('latin1'), clear: () => (got.length = 0) };
}

describe('ModemSim bytes', () => {
  it('echoes while E1 and answers in verbose form, then numeric after V0', async () => {
    const { host, text, clear } = await modemRig();
    await host.write(new TextEncoder().encode('ATZ\r'));
    await settleUntil(() => text().endsWith('OK\r\n'));
    expect(text()).toBe('ATZ\r\r\nOK\r\n');
    clear();
    await host.write(new TextEncoder().encode('ATE0V0\r'));
    await settleUntil(() => text().includes('0\r', 7));
    expect(text()).toBe('ATE0V0\r0\r'); // echo still on while the line was typed
    clear();
    await host.write(new TextEncoder().encode('ATFOO\r'));
    await settleUntil(() => text().length > 0);
    expect(text()).toBe('4\r');
  });

  it('answers +VCID? with the mode, and ERROR for #CID=9', async () => {
    const { host, text } = await modemRig();
    await host.write(new TextEncoder().encode('ATE0\rAT+VCID=2\rAT+VCID?\rAT#CID=9\r'));
    await settleUntil(() => text().endsWith('ERROR\r\n'));
    expect(text()).toBe('ATE0\r\r\nOK\r\n\r\nOK\r\n\r\n2\r\n\r\nOK\r\n\r\nERROR\r\n');
  });

  it('formats caller ID per mode: Rockwell lines, or an MDMF frame that passes the checksum', () => {
    expect(formatCallerId({ date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' })).toEqual([
      'DATE = 0511',
      'TIME = 1852',
      'NMBR = 4075550000',
      'NAME = JOHN DOE',
    ]);
    expect(formatCallerId({ numberReason: 'P' }, 'compact')).toEqual(['NMBR=P']);
    // Same call as the NCID-API.md MDMF sample, so the bytes must match it exactly.
    const mdmf = encodeMdmf({ date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE' });
    expect(Buffer.from(mdmf).toString('hex').toUpperCase()).toBe('802001083035313131383532020A3430373535353030303007084A4F484E20444F4584');
    expect(decodeCidMessage(mdmf).ok).toBe(true);
  });
});

describe('runSerialSim', () => {
  it('plays a script and closes the port with exitAfterScript', async () => {
    const binding = new SerialMockBinding();
    const dev = binding.createPort('/dev/ttySIM');
    const host = await binding.open('/dev/ttySIM', { baudRate: 115200 });
    const got: number[] = [];
    host.onData((c) => got.push(...c));
    const run = await runSerialSim({
      kind: 'agentbox',
      port: '/dev/ttySIM',
      connection: dev.deviceConnection,
      exitAfterScript: true,
      script: [{ sendHex: '24 30 31' }, { send: '\r\n' }, { ring: 2 }],
    });
    await run.done;
    await settleUntil(() => Buffer.from(got).toString('latin1').split('RING').length === 3);
    expect(Buffer.from(got).toString('latin1')).toMatch(/^\$01\r\n\$40,RING,1,1\*[0-9A-F]{4}\r\n\$41,RING,1,2\*[0-9A-F]{4}\r\n$/);
    // After the script the sim is detached: a VER query gets no answer any more.
    got.length = 0;
    await host.write(encodeAgentBoxMessage({ type: 'VER', seq: 1 }));
    await settle();
    expect(got).toEqual([]);
  });

  it('rejects malformed scripts with the step number', () => {
    expect(() => parseSimScript({})).toThrow(/JSON array/);
    expect(() => parseSimScript([{ send: 'x', ring: 1 }])).toThrow(/step 0: more than one action/);
    expect(() => parseSimScript([{ ring: 1 }, { bogus: true }])).toThrow(/step 1: needs one of/);
  });

  it('a failing expect rejects done instead of hanging', async () => {
    const binding = new SerialMockBinding();
    const dev = binding.createPort('/dev/ttySIM');
    await binding.open('/dev/ttySIM', { baudRate: 115200 });
    const run = await runSerialSim({ kind: 'modem', port: '/dev/ttySIM', connection: dev.deviceConnection, script: [{ expect: 'ATZ', timeoutMs: 50 }] });
    await expect(run.done).rejects.toThrow(/no "ATZ" within 50 ms/);
    await run.stop();
  });
});

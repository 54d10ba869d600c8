/**
 * The contract's `calls` service end to end: a real call rings an agent's extension on an
 * in-process hub with telephony (raw SIP phones), and the agent's seat session hears it as
 * `calls.onIncoming` (then answered and ended with the CDR); `calls.hangup` goes to the hub.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindSeatToIpc } from '../../main/app/ipc-binding';
import { silentLogger } from '../../main/common/logger';
import { startHub } from '../../main/hub/hub';
import type { RunningHub } from '../../main/hub/hub';
import { createSeat } from '../../main/seat/seat';
import type { Seat } from '../../main/seat/seat';
import { createIpcTransport } from '../../preload/ipc-transport';
import type { CallIncomingEvent } from '../../protocol/calls-api';
import type { CallAnswered, CallEnded } from '../../protocol/call';
import { BranchlineError } from '../../protocol/errors';
import { createClient } from '../../protocol/rpc-client';
import { seatApi } from '../../protocol/seat-api';
import { FakeIpcMain } from '../../testing/fake-electron-ipc';
import { RawSipPhone, g711Sdp } from '../../testing/raw-sip-phone';
import { tempDataDir } from '../../testing/spawn-branchline';

let hub: RunningHub;
let seat: Seat;
const dirs: string[] = [];
const phones: RawSipPhone[] = [];
const ipcMain = new FakeIpcMain();

async function until<T>(get: () => T | undefined, timeoutMs = 5000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  const hubDir = tempDataDir('bl-calls-hub-');
  const seatDir = tempDataDir('bl-calls-seat-');
  dirs.push(hubDir, seatDir);
  hub = await startHub({
    dataDir: hubDir,
    demo: true,
    http: { host: '127.0.0.1', port: 0 },
    logger: silentLogger(),
    telephony: { udp: { host: '127.0.0.1', port: 0 }, ws: false, realm: 'branchline', digestAlgorithms: ['MD5'], rtpPorts: { min: 37500, max: 37999 } },
  });
  seat = createSeat({ hubUrl: hub.url, dataDir: seatDir, serverMode: false, shell: 'electron', logger: silentLogger() });
  bindSeatToIpc(ipcMain, seat, (url) => url.startsWith('app://branchline/'));
}, 30_000);

afterAll(async () => {
  for (const p of phones) p.close();
  await seat?.close();
  await hub?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('calls service', () => {
  it('tells the agent seat of a call ringing its extension, and hangs it up through the hub', async () => {
    const sipPort = Number(hub.sipListeners.udp?.split(':')[1]);
    const agentPhone = await RawSipPhone.open(sipPort);
    const customer = await RawSipPhone.open(sipPort);
    phones.push(agentPhone, customer);
    agentPhone.onInvite = () => g711Sdp(39970);
    await agentPhone.register('1005', 'pass1005');

    const client = createClient(seatApi, createIpcTransport(ipcMain.connectRenderer('app://branchline/index.html')));
    // Without a login the commands are refused by the seat itself.
    await expect(client.calls.hangup({ callId: 'x' })).rejects.toSatisfy((e) => e instanceof BranchlineError && e.code === 'BL_ERR_AUTH_REQUIRED');
    await client.auth.login({ username: '1005', password: 'pass1005' });
    const incoming: CallIncomingEvent[] = [];
    const answered: CallAnswered[] = [];
    const ended: CallEnded[] = [];
    client.calls.onIncoming((c) => incoming.push(c));
    client.calls.onAnswered((c) => answered.push(c));
    client.calls.onEnded((c) => ended.push(c));

    await customer.call({ from: '2003', password: 'pass2003', to: '1005', sdp: g711Sdp(39960) });
    const call = await until(() => incoming[0]);
    expect(call).toMatchObject({ caller: '2003', dialled: '1005', forMe: true });
    await until(() => answered.find((a) => a.callId === call.callId));
    await until(() => hub.calls?.calls().find((c) => c.id === call.callId)?.b);

    await client.calls.hangup({ callId: call.callId });
    const done = await until(() => ended.find((e) => e.callId === call.callId));
    expect(done.cdr).toMatchObject({ caller: '2003', agent: '1005', endedBy: 'callee' });
    // Commands on a call that is over keep the hub's code.
    await expect(client.calls.hold({ callId: call.callId, held: true })).rejects.toSatisfy((e) => e instanceof BranchlineError && e.code === 'BL_ERR_NOT_FOUND');
    await client.auth.logout();
  });
});

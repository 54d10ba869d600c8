import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AcdQueueConfig } from '../../../protocol/queue';
import { tempDataDir } from '../../../testing/spawn-branchline';
import { silentLogger } from '../../common/logger';
import { createLocalEventBus } from '../events/hub-event-bus';
import { openHubStore } from '../store/hub-store';
import type { HubStore } from '../store/hub-store';
import { AgentStatusService } from './agent-status-service';
import { createAcdRuntime } from './acd-store-adapter';
import { T0 } from './testing/acd-test-kit';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function branch(): { file: string; open: () => HubStore } {
  const dir = tempDataDir('bl-acd-');
  dirs.push(dir);
  const file = join(dir, 'hub.sqlite');
  const store = openHubStore(file, silentLogger());
  store.transaction(() => {
    const ids = ['1001', '1002'].map((ext) => store.users.create({ username: ext, displayName: `agent ${ext}`, role: 'agent', extension: ext, passwordHash: 'x' }, T0));
    const q = store.queues.create({ name: 'sales', strategy: 'linear', config: { wrapUpS: 0, maxNoAnswer: 1, requiredSkills: [{ skill: 'fx', minLevel: 3 }] } });
    ids.forEach((id) => store.queues.addMember(q, id, 0));
    store.acd.setSkills(ids[0]!, [{ skill: 'fx', level: 2 }]);
    store.acd.setSkills(ids[1]!, [{ skill: 'fx', level: 8 }]);
  });
  store.close();
  return { file, open: () => openHubStore(file, silentLogger()) };
}

describe('ACD store adapter', () => {
  it('builds the engine from stored queue config and skills', () => {
    const b = branch();
    const store = b.open();
    const clock = { t: T0 };
    const rt = createAcdRuntime(store, createLocalEventBus(), silentLogger(), { now: () => clock.t });
    rt.engine.login('1001');
    rt.engine.setReady('1001');
    rt.engine.login('1002');
    rt.engine.setReady('1002');
    expect(rt.engine.enqueue({ callId: 'k1', queue: 'sales' })).toMatchObject([{ type: 'offer', agentIds: ['1002'] }]); // 1001 lacks fx ≥ 3
    rt.dispose();
    store.close();
  });

  it('recovers presence after a restart, including RONA set by the engine (pitfall 2)', () => {
    const b = branch();
    const clock = { t: T0 };
    let store = b.open();
    const bus = createLocalEventBus();
    const agents = new AgentStatusService(store, bus, silentLogger(), () => clock.t);
    let rt = createAcdRuntime(store, bus, silentLogger(), { now: () => clock.t });
    const [u1, u2] = ['1001', '1002'].map((ext) => store.users.findByUsername(ext)!);
    agents.login(u1!);
    agents.setPresence(u1!, { presence: 'NOT_READY', reasonCode: 'MEAL' });
    agents.login(u2!);
    agents.setPresence(u2!, { presence: 'READY' }); // mirrored into the engine through the bus
    expect(rt.engine.agentView('1002')).toMatchObject({ presence: 'READY', routable: true });
    rt.engine.enqueue({ callId: 'k1', queue: 'sales' });
    clock.t += 15_000 + 5_000;
    rt.engine.tick(); // ring timeout → RONA, persisted by the adapter
    expect(store.presence.get(u2!.id)).toMatchObject({ presence: 'NOT_READY', reasonCode: 'RONA' });
    rt.dispose();
    store.close();

    store = b.open();
    rt = createAcdRuntime(store, createLocalEventBus(), silentLogger(), { now: () => clock.t });
    expect(rt.engine.agentView('1001')).toMatchObject({ presence: 'NOT_READY', reason: 'MEAL', work: 'IDLE' });
    expect(rt.engine.agentView('1002')).toMatchObject({ presence: 'NOT_READY', reason: 'RONA', work: 'IDLE' });
    rt.dispose();
    store.close();
  });

  it('writes the queue log and rebuilds interval counts from it after a restart', () => {
    const b = branch();
    const clock = { t: T0 };
    let store = b.open();
    let rt = createAcdRuntime(store, createLocalEventBus(), silentLogger(), { now: () => clock.t });
    rt.engine.login('1002');
    rt.engine.setReady('1002');
    rt.engine.enqueue({ callId: 'k1', queue: 'sales' });
    clock.t += 3000;
    rt.engine.answered('k1', '1002');
    clock.t += 60_000;
    rt.engine.callEnded('k1', 'agent');
    rt.dispose();
    store.close();

    store = b.open();
    rt = createAcdRuntime(store, createLocalEventBus(), silentLogger(), { now: () => clock.t });
    expect(store.acd.logBetween(0, clock.t + 1).map((r) => r.event)).toEqual(['ENTERQUEUE', 'CONNECT', 'COMPLETEAGENT']);
    expect(rt.queueStats('sales', T0 - 3_600_000, T0 + 3_600_000)).toMatchObject({ counts: { offered: 1, answeredWithin: 1, handled: 1 } });
    rt.dispose();
    store.close();
  });

  it('fires deadlines on a real timer and reports the decisions', async () => {
    const b = branch();
    const store = b.open();
    const rt = createAcdRuntime(store, createLocalEventBus(), silentLogger(), { offerSetupMs: 0 });
    rt.engine.configure([{ name: 'fast', strategy: 'linear', config: AcdQueueConfig.parse({ ringTimeoutS: 1 }), members: [{ agentId: '1002', penalty: 0 }] }]);
    const seen: string[] = [];
    rt.onDecisions((d) => seen.push(...d.map((x) => x.type)));
    rt.startTimers();
    rt.engine.login('1002');
    rt.engine.setReady('1002');
    rt.engine.enqueue({ callId: 'k1', queue: 'fast', priority: 9 });
    await new Promise((r) => setTimeout(r, 1_300)); // ring timeout 1 s
    expect(seen).toContain('cancel-offer');
    rt.dispose();
    store.close();
  });
});

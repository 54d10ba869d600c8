import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AcdQueueConfig } from '../../../protocol/queue';
import { tempDataDir } from '../../../testing/spawn-branchline';
import { silentLogger } from '../../common/logger';
import { loadAcdDefinitions } from '../acd/acd-store-adapter';
import { openHubStore } from '../store/hub-store';
import { DEMO_QUEUE_CONFIGS, seedDemoAcd } from './demo-acd';
import { seedDemo } from './demo-seed';

const dir = tempDataDir('bl-demo-acd-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo ACD seed', () => {
  it('configures the four demo queues and agent skills, with valid configs', async () => {
    const store = openHubStore(join(dir, 'hub.sqlite'), silentLogger());
    await seedDemo(store, silentLogger());
    const defs = loadAcdDefinitions(store);
    expect(defs.queues.map((q) => [q.name, q.strategy])).toEqual([
      ['个人业务', 'longest-idle'],
      ['信用卡', 'round-robin'],
      ['投诉', 'skills'],
      ['VIP', 'ring-all'],
    ]);
    for (const [name, config] of Object.entries(DEMO_QUEUE_CONFIGS)) {
      expect(defs.queues.find((q) => q.name === name)?.config).toEqual(AcdQueueConfig.parse(config));
    }
    expect(defs.queues.find((q) => q.name === '投诉')?.config.requiredSkills).toEqual([{ skill: 'complaint', minLevel: 5 }]);
    expect(defs.agents.find((a) => a.agentId === '1018')?.skills).toEqual({ complaint: 9 });
    expect(defs.agents.find((a) => a.agentId === '1006')?.skills).toEqual({ personal: 6, 'credit-card': 4 });
    store.close();
  }, 30_000);

  it('is idempotent and keeps settings an administrator changed', () => {
    const store = openHubStore(join(dir, 'hub.sqlite'), silentLogger());
    store.acd.setQueueConfig('VIP', 'ring-all', { ringTimeoutS: 45 });
    expect(seedDemoAcd(store)).toEqual({ queuesConfigured: 0, agentsWithSkills: 0 });
    expect(loadAcdDefinitions(store).queues.find((q) => q.name === 'VIP')?.config.ringTimeoutS).toBe(45);
    store.close();
  });

  it('fills in a data dir seeded before the ACD existed', async () => {
    const store = openHubStore(join(dir, 'hub.sqlite'), silentLogger());
    store.acd.setQueueConfig('投诉', 'skills', {});
    expect(await seedDemo(store, silentLogger())).toBe(false);
    expect(loadAcdDefinitions(store).queues.find((q) => q.name === '投诉')?.config.wrapUpS).toBe(60);
    store.close();
  });
});

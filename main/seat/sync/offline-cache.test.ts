import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginResponse } from '../../../protocol/auth';
import { ChangeFeedPage } from '../../../protocol/sync';
import type { SyncStatus } from '../../../protocol/sync';
import { silentLogger } from '../../common/logger';
import { startDemoHub } from '../../../testing/hub-fixture';
import { tempDataDir } from '../../../testing/spawn-branchline';
import { HubClient } from '../hub-client';
import { openOfflineCache } from './offline-cache';

let hub: Awaited<ReturnType<typeof startDemoHub>>;
beforeAll(async () => {
  hub = await startDemoHub();
});
afterAll(async () => hub?.dispose());

// Generous bounds: these wait for work to finish on a loaded CI machine; they assert no speed.
const until = async (ok: () => boolean | Promise<boolean>, ms = 30_000) => {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('offline cache', () => {
  it('syncs in the background: initial sync, then a local write reaches the hub soon after', async () => {
    const client = new HubClient(hub.url);
    const { token } = await client.request({ method: 'POST', path: '/api/auth/login', body: { username: '1004', password: 'pass1004' }, response: LoginResponse });
    let current: string | null = null;
    const cache = await openOfflineCache({ dataDir: tempDataDir('bl-cache-'), hub: client, token: () => current, logger: silentLogger(), intervalMs: 60_000 });
    const states: SyncStatus['state'][] = [];
    cache.engine.onStatus((s) => states.push(s.state));
    try {
      // Nobody logged in yet: the cache works locally and queues.
      const cb = await cache.create('callback', { number: '13800138002', scheduledAt: Date.now() + 60_000 }, '1004');
      await until(() => cache.engine.status.queued === 1);
      expect(cache.engine.status.state).toBe('offline');
      current = token;
      cache.engine.kick();
      await until(() => cache.engine.status.initialSyncDone && cache.engine.status.queued === 0);
      expect(states).toContain('syncing');
      const feed = await client.request({ method: 'GET', path: '/api/sync/changes', token, query: { cursor: 0, limit: 1000 }, response: ChangeFeedPage });
      expect(feed.changes.filter((c) => c.entityId === cb.id)).toHaveLength(1);
      expect((await cache.db.call('customersByPhone', '13800138001')).length).toBe(1);
      const updated = await cache.update('callback', cb.id, { status: 'done' }, '1004');
      expect(updated.status).toBe('done');
      await until(() => cache.engine.status.queued === 0 && cache.engine.status.state === 'online');
    } finally {
      await cache.close();
    }
  }, 90_000);
});

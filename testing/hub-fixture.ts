/** An in-process demo hub on a random port with its own temporary data folder. */
import { rmSync } from 'node:fs';
import { silentLogger } from '../main/common/logger';
import { startHub } from '../main/hub/hub';
import type { RunningHub } from '../main/hub/hub';
import { tempDataDir } from './spawn-branchline';

export async function startDemoHub(): Promise<RunningHub & { dataDir: string; dispose(): Promise<void> }> {
  const dataDir = tempDataDir('bl-hub-');
  const hub = await startHub({ dataDir, demo: true, http: { host: '127.0.0.1', port: 0 }, logger: silentLogger() });
  return Object.assign(hub, {
    dataDir,
    async dispose() {
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

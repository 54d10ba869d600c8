import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../common/logger';
import { DEMO_HOTLINE_FLOW_URL } from '../demo/demo-ivr-seed';
import { seedDemo } from '../demo/demo-seed';
import { openHubStore } from '../store/hub-store';
import { readWavFile } from '../media/wav';
import { createIvrService } from './ivr-service';
import { ScriptedIvrChannel } from './testing/scripted-ivr-channel';

const dir = mkdtempSync(join(tmpdir(), 'bl-ivr-svc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('IVR service at hub start', () => {
  it('generates every demo prompt on first start, reuses them on the next, regenerates on publish', async () => {
    const store = openHubStore(join(dir, 'hub.sqlite'), silentLogger());
    await seedDemo(store, silentLogger());
    const first = await createIvrService({ store, dataDir: dir, logger: silentLogger(), demo: true });
    const report = await first.promptsReady;
    expect(report?.failed).toEqual([]);
    const flow = first.registry.currentFlow('9000').compiled.flow;
    expect(report?.generated.length).toBeGreaterThan(Object.keys(flow.prompts).length + 30);
    for (const id of Object.keys(flow.prompts)) {
      expect((await readWavFile(first.prompts.resolve(`prompt.${id}`))).info.sampleRate).toBe(8000);
    }

    // Every clip a call plays resolves to a file, e.g. the after-hours path with its ticket number.
    const ch = new ScriptedIvrChannel('svc-1', [{ keys: '2' }, { keys: '100004#' }, { hangup: true }]);
    await first.engine.start({ callId: 'svc-1', caller: '13900000000', hotline: '9000', channel: ch }).done;
    expect(first.prompts.resolveAll(ch.clips()).length).toBe(ch.clips().length);

    const second = await createIvrService({ store, dataDir: dir, logger: silentLogger(), demo: true });
    expect(await second.promptsReady).toMatchObject({ generated: [], failed: [] });

    const v2 = JSON.parse(readFileSync(DEMO_HOTLINE_FLOW_URL, 'utf8')) as { prompts: Record<string, string> };
    v2.prompts.goodbye = '感谢您的来电，祝您生活愉快，再见。';
    second.registry.publish(v2);
    const after = await second.refreshPrompts();
    expect(after?.generated).toEqual([]); // the publish already regenerated it
    expect(second.registry.versions('9000').map((v) => [v.version, v.active])).toEqual([[1, false], [2, true]]);
    store.close();
  });
});

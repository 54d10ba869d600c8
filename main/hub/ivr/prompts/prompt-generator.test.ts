import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../../protocol/errors';
import { frameDbfs } from '../../media/dsp';
import { decodeWavSamples, readWavFile } from '../../media/wav';
import { sayAmount } from '../say';
import { type PromptEntry, baseCatalog } from './prompt-catalog';
import { generatePrompts } from './prompt-generator';
import { PromptLibrary } from './prompt-library';

const dataDir = mkdtempSync(join(tmpdir(), 'bl-ivr-prompts-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
const library = new PromptLibrary(dataDir);

const prompts: PromptEntry[] = [
  { kind: 'tts', key: 'prompt.welcome', text: '您好，欢迎致电分行客户服务热线。', voice: 'cmn' },
  { kind: 'tts', key: 'prompt.balance_is', text: '您的账户余额为', voice: 'cmn' },
];
const catalog = [...baseCatalog(), ...prompts];

/** Share of 20 ms frames louder than -40 dBFS. */
function speechShare(pcm: Int16Array): number {
  let loud = 0;
  const frames = Math.floor(pcm.length / 160);
  for (let i = 0; i < frames; i++) if (frameDbfs(pcm, i * 160, 160) > -40) loud++;
  return loud / frames;
}

describe('prompt generation with espeak-ng + sox', () => {
  it('generates 8 kHz mono 16-bit WAVs with speech energy for prompts and number clips', async () => {
    const report = await generatePrompts(catalog, library, { concurrency: 2 });
    expect(report.failed).toEqual([]);
    expect(report.generated).toHaveLength(catalog.length);
    for (const key of ['prompt.welcome', 'prompt.balance_is', ...sayAmount('12345.67').clips]) {
      const wav = await readWavFile(library.resolve(key));
      expect(wav.info, key).toMatchObject({ sampleRate: 8000, channels: 1, encoding: 'pcm16' });
      const pcm = decodeWavSamples(wav);
      expect(frameDbfs(pcm), key).toBeGreaterThan(-30);
      expect(speechShare(pcm), key).toBeGreaterThan(0.3);
    }
    const welcome = await readWavFile(library.resolve('prompt.welcome'));
    expect(welcome.info.durationMs).toBeGreaterThan(1500);
    const pause = decodeWavSamples(await readWavFile(library.resolve('pause')));
    expect(pause.length).toBe(2000);
    expect(pause.every((s) => s === 0)).toBe(true);
    const beep = await readWavFile(library.resolve('tone.beep'));
    expect(beep.info.durationMs).toBe(400);
  });

  it('reuses the fresh cache on the second run and regenerates only a changed text', async () => {
    const before = statSync(library.generatedPath('prompt.welcome')).mtimeMs;
    const again = await generatePrompts(catalog, library);
    expect(again).toMatchObject({ generated: [], reused: catalog.length, failed: [] });
    expect(statSync(library.generatedPath('prompt.welcome')).mtimeMs).toBe(before);
    const changed = catalog.map((e) => (e.key === 'prompt.balance_is' ? { ...e, text: '您的活期账户余额为' } : e));
    const third = await generatePrompts(changed, library);
    expect(third.generated).toEqual(['prompt.balance_is']);
    expect((await generatePrompts(catalog, library)).generated).toEqual(['prompt.balance_is']);
  });

  it('a recorded file dropped into prompts/recorded wins over the generated one', async () => {
    const recorded = library.recordedPath('prompt.welcome');
    execFileSync('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', recorded, 'synth', '1', 'sine', '500']);
    expect(library.resolve('prompt.welcome')).toBe(recorded);
    expect(library.resolve('prompt.balance_is')).toBe(library.generatedPath('prompt.balance_is'));
    const report = await generatePrompts([...catalog, { kind: 'tts', key: 'prompt.welcome', text: '新的欢迎词', voice: 'cmn' }], library);
    expect(report).toMatchObject({ generated: [], recorded: 1 });
  });

  it('says clearly when espeak-ng is missing, but only when something needs generating', async () => {
    const missing = { espeak: 'espeak-ng-not-installed-here' };
    const fresh = await generatePrompts(catalog, library, missing);
    expect(fresh.generated).toEqual([]);
    const err = await generatePrompts([...catalog, { kind: 'tts', key: 'prompt.new', text: '新提示', voice: 'cmn' }], library, missing).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BranchlineError);
    expect((err as BranchlineError).code).toBe('BL_ERR_IVR_TTS_UNAVAILABLE');
    expect((err as BranchlineError).message).toMatch(/espeak-ng-not-installed-here is not installed or not on PATH: cannot generate 1 IVR prompts/);
  });

  it('refuses clip keys that could name a path outside the cache', () => {
    expect(() => library.resolve('../../etc/passwd')).toThrow(/bad clip key/);
    expect(() => library.resolve('prompt.nothing-here')).toThrow(BranchlineError);
  });
});

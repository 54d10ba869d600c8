/**
 * Generates the prompt cache: espeak-ng speaks each text (voice `cmn`), sox converts it to the
 * 8 kHz mono 16-bit PCM WAV the hub plays, normalised to -3 dBFS peak so prompts are equally loud.
 *
 * - Fresh entries are skipped: `generated/manifest.json` keeps sha256(kind, text, voice, format) per
 *   key, so a second start spawns nothing, and editing a prompt's text regenerates only that one.
 * - A recorded file for a key skips its generation (the recording wins anyway).
 * - Work runs in parallel but bounded (default: CPU count, at most 4): espeak-ng is CPU-bound and the
 *   hub shares its industrial PC with call media.
 * - Files are written to a temp name and renamed, so a crash never leaves half a WAV in the cache.
 * - A missing espeak-ng or sox is reported once, clearly (BL_ERR_IVR_TTS_UNAVAILABLE), and only
 *   when something actually needs generating.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BranchlineError } from '../../../../protocol/errors';
import type { Logger } from '../../../common/logger';
import type { PromptEntry } from './prompt-catalog';
import type { PromptLibrary } from './prompt-library';

const run = promisify(execFile);
/** Bump when the conversion changes, so every cached file is regenerated. */
const FORMAT = 'wav-8000-mono-s16-norm3-nodither-v1';

export interface GenerateOptions {
  concurrency?: number;
  espeak?: string;
  sox?: string;
  logger?: Logger;
}

export interface GenerateReport {
  generated: string[];
  reused: number;
  recorded: number;
  failed: { key: string; error: string }[];
  ms: number;
}

export function entryHash(e: PromptEntry): string {
  return createHash('sha256').update(JSON.stringify([FORMAT, e])).digest('hex').slice(0, 24);
}

export async function generatePrompts(entries: readonly PromptEntry[], library: PromptLibrary, options: GenerateOptions = {}): Promise<GenerateReport> {
  const started = Date.now();
  const dir = library.dirs.generated;
  await mkdir(dir, { recursive: true });
  await mkdir(library.dirs.recorded, { recursive: true });
  const manifestPath = join(dir, 'manifest.json');
  const manifest = await readManifest(manifestPath);
  const report: GenerateReport = { generated: [], reused: 0, recorded: 0, failed: [], ms: 0 };

  const unique = [...new Map(entries.map((e) => [e.key, e])).values()];
  const todo: PromptEntry[] = [];
  for (const e of unique) {
    if (existsSync(library.recordedPath(e.key))) report.recorded++;
    else if (manifest[e.key] === entryHash(e) && existsSync(library.generatedPath(e.key))) report.reused++;
    else todo.push(e);
  }
  if (todo.length > 0) {
    const tools = { espeak: options.espeak ?? 'espeak-ng', sox: options.sox ?? 'sox' };
    await checkTools(tools, todo);
    const limit = Math.max(1, Math.min(options.concurrency ?? Math.min(availableParallelism(), 4), todo.length));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < todo.length) {
        const e = todo[next++] as PromptEntry;
        try {
          await generateOne(e, library.generatedPath(e.key), tools);
          manifest[e.key] = entryHash(e);
          report.generated.push(e.key);
        } catch (err) {
          report.failed.push({ key: e.key, error: (err as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: limit }, worker));
    const tmp = `${manifestPath}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(manifest, null, 1));
    await rename(tmp, manifestPath);
  }
  report.ms = Date.now() - started;
  const log = options.logger;
  if (log) {
    const summary = { generated: report.generated.length, reused: report.reused, recorded: report.recorded, failed: report.failed.length, ms: report.ms };
    if (report.failed.length > 0) log.warn({ ...summary, failures: report.failed.slice(0, 5) }, 'ivr prompts generated with failures');
    else log.info(summary, 'ivr prompts ready');
  }
  return report;
}

async function generateOne(e: PromptEntry, out: string, tools: { espeak: string; sox: string }): Promise<void> {
  const tmp = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp.wav`;
  const fmt = ['-r', '8000', '-c', '1', '-b', '16', '-e', 'signed-integer'];
  try {
    if (e.kind === 'tts') {
      const raw = `${tmp}.src.wav`;
      try {
        // Text goes as one argv element (never through a shell); `--` stops option parsing.
        await run(tools.espeak, ['-v', e.voice, '-s', '150', '-w', raw, '--', e.text]);
        await run(tools.sox, ['-D', raw, ...fmt, tmp, 'norm', '-3']);
      } finally {
        await rm(raw, { force: true });
      }
    } else if (e.kind === 'silence') {
      await run(tools.sox, ['-D', '-n', ...fmt, tmp, 'trim', '0', String(e.ms / 1000)]);
    } else {
      await run(tools.sox, ['-D', '-n', ...fmt, tmp, 'synth', String(e.ms / 1000), 'sine', String(e.hz), 'vol', '0.3']);
    }
    await rename(tmp, out);
  } finally {
    await rm(tmp, { force: true });
  }
}

async function checkTools(tools: { espeak: string; sox: string }, todo: readonly PromptEntry[]): Promise<void> {
  const needed = todo.some((e) => e.kind === 'tts') ? [tools.espeak, tools.sox] : [tools.sox];
  for (const tool of needed) {
    try {
      await run(tool, ['--version']);
    } catch (err) {
      const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
      throw new BranchlineError(
        'BL_ERR_IVR_TTS_UNAVAILABLE',
        missing
          ? `${tool} is not installed or not on PATH: cannot generate ${todo.length} IVR prompts (apt-get install espeak-ng sox), or drop recorded WAVs into prompts/recorded/`
          : `${tool} --version failed: ${(err as Error).message}`,
        { tool, pending: todo.length },
      );
    }
  }
}

async function readManifest(path: string): Promise<Record<string, string>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

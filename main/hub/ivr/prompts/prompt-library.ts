/**
 * Where a clip's audio lives. `<dataDir>/prompts/recorded/<key>.wav` (a voice talent's file,
 * dropped in by hand) wins over `<dataDir>/prompts/generated/<key>.wav` (espeak-ng). Checked on
 * every resolve, so a recording dropped in while the hub runs is used by the next prompt.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BranchlineError } from '../../../../protocol/errors';

export interface PromptDirs {
  root: string;
  recorded: string;
  generated: string;
}

export function promptDirs(dataDir: string): PromptDirs {
  const root = join(dataDir, 'prompts');
  return { root, recorded: join(root, 'recorded'), generated: join(root, 'generated') };
}

const KEY = /^[A-Za-z0-9_.-]{1,80}$/;

export function clipFileName(key: string): string {
  // Keys come from flows an administrator edits: never let one name a path outside the cache.
  if (!KEY.test(key) || key.includes('..')) throw new Error(`bad clip key "${key}"`);
  return `${key}.wav`;
}

export class PromptLibrary {
  readonly dirs: PromptDirs;

  constructor(dataDir: string) {
    this.dirs = promptDirs(dataDir);
  }

  recordedPath(key: string): string {
    return join(this.dirs.recorded, clipFileName(key));
  }

  generatedPath(key: string): string {
    return join(this.dirs.generated, clipFileName(key));
  }

  /** The file to play for a clip; throws BL_ERR_IVR_PROMPT_MISSING when there is none. */
  resolve(key: string): string {
    const recorded = this.recordedPath(key);
    if (existsSync(recorded)) return recorded;
    const generated = this.generatedPath(key);
    if (existsSync(generated)) return generated;
    throw new BranchlineError('BL_ERR_IVR_PROMPT_MISSING', `no audio for clip "${key}"`, { key });
  }

  resolveAll(keys: readonly string[]): string[] {
    return keys.map((k) => this.resolve(k));
  }
}

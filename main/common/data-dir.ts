import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where a node keeps its databases unless `--data DIR` says otherwise (XDG on Linux). */
export function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'branchline');
}

export function resolveDataDir(flag: string | undefined): string {
  return resolve(flag ?? defaultDataDir());
}

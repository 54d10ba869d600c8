/**
 * Finds the Electron binary (absent when the `electron` package installed without its download)
 * and launches the desktop shell with the same flags. Never imports `electron` itself: in Node
 * the package only returns the binary's path.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { CliArgs } from '../cli/cli-args';

const MAIN_BUNDLE = fileURLToPath(new URL('../../dist/app/main.cjs', import.meta.url));

export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.BRANCHLINE_SHELL === 'web') return undefined;
  // A desktop shell needs a display; headless machines use web mode.
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return undefined;
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown;
    return typeof binary === 'string' && existsSync(binary) ? binary : undefined;
  } catch {
    return undefined; // "Electron failed to install correctly": the binary was never downloaded.
  }
}

export async function launchElectron(binary: string, args: CliArgs): Promise<void> {
  if (!existsSync(MAIN_BUNDLE)) {
    throw new Error(`Electron main bundle missing at ${MAIN_BUNDLE}: run "npm run build"`);
  }
  const flags = [args.demo ? '--demo' : '', args.data ? `--data=${args.data}` : '', args.http ? `--http=${args.http}` : ''].filter(Boolean);
  const child = spawn(binary, [MAIN_BUNDLE, ...flags], { stdio: 'inherit' });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => child.kill(signal));
  await new Promise<void>((resolve) => child.on('exit', (code) => {
    process.exitCode = code ?? 0;
    resolve();
  }));
}

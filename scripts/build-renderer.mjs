#!/usr/bin/env node
// Builds the renderer with Vite into renderer/dist. With --if-stale it does nothing when the
// build is newer than every source file (so `npm install` and `npm start` stay fast).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const marker = join(root, 'renderer', 'dist', 'index.html');
const sources = ['renderer/src', 'renderer/index.html', 'protocol', 'vite.config.ts'];

function newestMtime(path) {
  const full = join(root, path);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(full).reduce((max, name) => Math.max(max, newestMtime(join(path, name))), stat.mtimeMs);
}

if (process.argv.includes('--if-stale') && existsSync(marker)) {
  const built = statSync(marker).mtimeMs;
  if (sources.every((s) => newestMtime(s) <= built)) process.exit(0);
}
const started = Date.now();
await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
console.error(`renderer built in ${Date.now() - started} ms`);

#!/usr/bin/env node
// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) one after the
// other, so they never measure each other. Each prints one JSON line per figure on stdout.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const filter = process.argv.slice(2);
const files = readdirSync(`${root}/bench`)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filter.length === 0 || filter.some((name) => f.includes(name)))
  .sort();
let failed = 0;
for (const file of files) {
  process.stderr.write(`== ${file}\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', `bench/${file}`], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    failed++;
    process.stdout.write(`${JSON.stringify({ name: file.replace('.bench.ts', ''), error: `exited with ${result.status}` })}\n`);
  }
}
process.exit(failed ? 1 : 0);

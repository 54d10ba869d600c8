#!/usr/bin/env node
// `npm test`'s pretest step: makes sure the Debian packages the tests need are installed.
// As root it installs what is missing with apt-get; otherwise it names exactly what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SYSTEM_PACKAGES } from './system-packages.mjs';

function present(check) {
  if (check.startsWith('/')) return existsSync(check);
  try {
    return execFileSync('ldconfig', ['-p'], { encoding: 'utf8' }).includes(check);
  } catch {
    return false;
  }
}

const missing = SYSTEM_PACKAGES.filter((p) => !present(p.check));
if (missing.length === 0) process.exit(0);

const names = missing.map((p) => p.pkg);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error('Missing system packages for the tests:');
  for (const p of missing) console.error(`  ${p.pkg.padEnd(16)} ${p.why}`);
  console.error(`Install them with:\n  sudo apt-get install -y --no-install-recommends ${names.join(' ')}`);
  process.exit(1);
}
console.error(`installing system packages: ${names.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
const still = SYSTEM_PACKAGES.filter((p) => !present(p.check));
if (still.length) {
  console.error(`still missing after install: ${still.map((p) => p.pkg).join(' ')}`);
  process.exit(1);
}

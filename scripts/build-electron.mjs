#!/usr/bin/env node
// Bundles the Electron main process and the preload into dist/ with esbuild. Native modules and
// electron itself stay external (electron-builder unpacks the natives from asar).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', absWorkingDir: root, logLevel: 'warning', sourcemap: true };

await build({
  ...common,
  entryPoints: ['main/app/main.ts'],
  outfile: 'dist/app/main.cjs',
  external: ['electron', 'better-sqlite3', 'node-hid', 'serialport', '@serialport/*'],
  // import.meta.url is used by Node-side modules to find package.json and the renderer.
  define: { 'import.meta.url': 'import_meta_url' },
  banner: { js: "const import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
});
// The sandboxed preload may only require('electron'): everything else is inlined.
await build({ ...common, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs', external: ['electron'] });
console.error('electron main and preload bundled into dist/');

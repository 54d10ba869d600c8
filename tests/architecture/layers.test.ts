/**
 * Who may import whom (STYLE.md "Branchline conventions"), checked over the real source files like
 * VS Code's layering rule: protocol is pure, the renderer never touches Node, the hub never imports
 * Electron, SIP knows nothing of the layers above it, and only binding-node files load native modules.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const full = join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(full, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(relative(ROOT, path));
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [relative(ROOT, path)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

function violations(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sources(dir).flatMap((file) => importsOf(file).filter((spec) => forbidden(spec, file)).map((spec) => `${file} imports ${spec}`));
}

const isNode = (spec: string) => spec.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'net', 'dgram'].includes(spec);

describe('import layering', () => {
  it('protocol imports only zod and itself', () => {
    expect(violations('protocol', (spec) => !(spec === 'zod' || spec.startsWith('./')))).toEqual([]);
  });

  it('the renderer never imports Node, Electron or main-process code', () => {
    expect(violations('renderer/src', (spec) => isNode(spec) || spec === 'electron' || /(^|\/)(main|native|preload)\//.test(spec))).toEqual([]);
  });

  it('the hub never imports Electron, the seat or the renderer', () => {
    expect(violations('main/hub', (spec) => spec === 'electron' || /\/(seat|app|renderer)\//.test(spec))).toEqual([]);
  });

  it('the SIP layer knows nothing of media, ACD, IVR or CTI', () => {
    expect(violations('main/hub/sip', (spec) => /\.\.\/(media|acd|ivr|cti)(\/|$)/.test(spec) || /hub\/(media|acd|ivr|cti)\//.test(spec))).toEqual([]);
  });

  it('only main/app and the preload import electron', () => {
    const offenders = [...sources('main'), ...sources('native'), ...sources('protocol')]
      .filter((f) => !f.startsWith('main/app/'))
      .flatMap((file) => importsOf(file).filter((s) => s === 'electron').map(() => file));
    expect(offenders).toEqual([]);
  });

  it('only binding-node files load node-hid or serialport', () => {
    const offenders = [...sources('main'), ...sources('native')]
      .filter((f) => !f.endsWith('binding-node.ts'))
      .flatMap((file) => importsOf(file).filter((s) => s === 'node-hid' || s.startsWith('serialport') || s.startsWith('@serialport/')).map((s) => `${file} imports ${s}`));
    expect(offenders).toEqual([]);
  });
});

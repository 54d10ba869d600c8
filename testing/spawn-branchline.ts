/**
 * Starts the real `branchline` CLI as a child process for tests and benchmarks, waits for its
 * `{"event":"ready"}` line, and stops it with SIGTERM (SIGKILL if it hangs).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../bin/branchline.mjs', import.meta.url));

export interface RunningBranchline {
  readonly ready: Record<string, unknown> & { event: 'ready' };
  readonly child: ChildProcess;
  readonly dataDir: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

export function tempDataDir(prefix = 'bl-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function spawnBranchline(args: string[], options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<RunningBranchline> {
  const dataIndex = args.indexOf('--data');
  const dataDir = dataIndex >= 0 ? args[dataIndex + 1]! : tempDataDir();
  const fullArgs = dataIndex >= 0 ? [...args] : [...args, '--data', dataDir];
  // Tests never take the well-known SIP port: any SIP listener not named gets a free one.
  if (args[0] === 'start' || args[0] === 'hub') {
    if (!args.includes('--sip-udp')) fullArgs.push('--sip-udp', '127.0.0.1:0');
    if (!args.includes('--sip-tcp')) fullArgs.push('--sip-tcp', '127.0.0.1:0');
  }
  const child = spawn(process.execPath, [BIN, ...fullArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BRANCHLINE_SHELL: 'web', BRANCHLINE_LOG_LEVEL: process.env.BRANCHLINE_LOG_LEVEL ?? 'warn', ...options.env },
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => {
    stderr += d.toString();
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = await new Promise<RunningBranchline['ready']>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error(`branchline ${args[0]} not ready after ${options.timeoutMs ?? 30_000} ms\n${stderr}`)), options.timeoutMs ?? 30_000);
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (!line.startsWith('{')) continue;
        const json = JSON.parse(line) as { event?: string };
        if (json.event === 'ready') {
          clearTimeout(timer);
          resolve(json as RunningBranchline['ready']);
        }
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`branchline ${args[0]} exited with ${code} before ready\n${stderr}`));
    });
  });
  return {
    ready,
    child,
    dataDir,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(kill);
      return code;
    },
  };
}

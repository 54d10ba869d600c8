/**
 * sipp as a calling phone and as an answering phone through the hub (127.0.0.1 only, bounded).
 * The callee registers first (register-digest.xml from the port it will answer on), so the hub's
 * routing finds it like any desk phone.
 */
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SIPP_SCENARIOS, freeUdpPort } from './sipp';

export interface SippUas {
  readonly port: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Register `user` from a fresh port, then answer every INVITE on it (uas-answer.xml). */
export async function startSippUas(o: { hubPort: number; user: string; password: string; cwd: string; maxCalls?: number }): Promise<SippUas> {
  const port = await freeUdpPort();
  const code = await runSippRegisterFrom(port, o);
  if (code !== 0) throw new Error(`sipp UAS could not register ${o.user} (exit ${code})`);
  const child = spawn(
    'sipp',
    ['-sf', resolve(SIPP_SCENARIOS, 'uas-answer.xml'), '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-m', String(o.maxCalls ?? 100_000), '-nostdin', '-timeout', '600s', '-nr'],
    { cwd: o.cwd, stdio: 'ignore' },
  );
  await new Promise((r) => setTimeout(r, 300));
  return {
    port,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      const done = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      await done;
      clearTimeout(t);
    },
  };
}

async function runSippRegisterFrom(port: number, o: { hubPort: number; user: string; password: string; cwd: string }): Promise<number> {
  return new Promise((done) => {
    execFile(
      'sipp',
      [`127.0.0.1:${o.hubPort}`, '-sf', resolve(SIPP_SCENARIOS, 'register-digest.xml'), '-s', o.user, '-au', o.user, '-ap', o.password, '-i', '127.0.0.1', '-p', String(port), '-m', '1', '-timeout', '10s', '-timeout_error', '-nostdin'],
      { timeout: 20_000, cwd: o.cwd },
      (err) => done(err ? Number((err as { code?: number }).code ?? 1) : 0),
    );
  });
}

export interface SippCallRun {
  readonly exitCode: number;
  readonly ok: number;
  readonly failed: number;
  /** Per call, ms: first INVITE→180, authenticated INVITE→180, authenticated INVITE→200. */
  readonly timings: { ring: number; authRing: number; answer: number; total200: number }[];
  readonly pid: number;
}

/** Place `calls` calls at `rate` per second from `caller` to `dialled`, each held `holdMs`. */
export async function runSippCalls(o: {
  hubPort: number;
  caller: string;
  password: string;
  dialled: string;
  calls: number;
  rate: number;
  holdMs: number;
  cwd: string;
  onSpawn?: (pid: number) => void;
}): Promise<SippCallRun> {
  const port = await freeUdpPort();
  const log = join(o.cwd, `uac-${port}_logs.log`);
  const child = spawn(
    'sipp',
    [
      `127.0.0.1:${o.hubPort}`, '-sf', resolve(SIPP_SCENARIOS, 'uac-auth-call.xml'), '-s', o.dialled, '-key', 'caller', o.caller,
      '-au', o.caller, '-ap', o.password, '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1',
      '-m', String(o.calls), '-r', String(o.rate), '-d', String(o.holdMs), '-l', String(Math.max(10, o.rate * 4)),
      '-timeout', `${Math.ceil(o.calls / o.rate + o.holdMs / 1000 + 30)}s`, '-timeout_error', '-nostdin', '-nr', '-trace_err', '-error_file', join(o.cwd, `uac-${port}_errors.log`),
      '-timer_resol', '1', ...(process.env.BL_SIPP_TRACE ? ['-trace_msg', '-message_file', join(o.cwd, `uac-${port}_messages.log`)] : []), '-trace_logs', '-log_file', log, '-trace_stat', '-stf', join(o.cwd, `uac-${port}.csv`),
    ],
    { cwd: o.cwd, stdio: 'ignore' },
  );
  o.onSpawn?.(child.pid ?? 0);
  const exitCode = await new Promise<number>((r) => child.once('exit', (c) => r(c ?? 1)));
  let text = '';
  try {
    text = readFileSync(log, 'utf8');
  } catch {
    // no calls completed
  }
  const us = (s: string, u: string) => Number(s) * 1000 + Number(u) / 1000;
  const timings = [...text.matchAll(/BLT \d+ ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)/g)].map((m) => {
    const [t0, ta, t1, t2] = [us(m[1]!, m[2]!), us(m[3]!, m[4]!), us(m[5]!, m[6]!), us(m[7]!, m[8]!)];
    return { ring: t1 - t0, authRing: t1 - ta, answer: t2 - ta, total200: t2 - t0 };
  });
  let ok = timings.length;
  let failed = 0;
  try {
    const csv = readFileSync(join(o.cwd, `uac-${port}.csv`), 'utf8').trim().split('\n');
    const head = csv[0]!.split(';');
    const last = csv.at(-1)!.split(';');
    ok = Number(last[head.indexOf('SuccessfulCall(C)')]);
    failed = Number(last[head.indexOf('FailedCall(C)')]);
  } catch {
    // stats file missing: fall back to timings
  }
  return { exitCode, ok, failed, timings, pid: child.pid ?? 0 };
}

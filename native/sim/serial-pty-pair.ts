// A virtual null-modem cable for integration tests and demos: two linked ptys from
//   socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B
// kill() is "unplug" (both ends hang up, the links vanish); start() again is "replug".

import { type ChildProcess, spawn } from 'node:child_process';

export class SerialPtyPair {
  private proc: ChildProcess | undefined;

  constructor(
    readonly a: string,
    readonly b: string,
  ) {}

  get running(): boolean {
    return this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  /** Starts socat and resolves once it reports both ptys ready. */
  async start(timeoutMs = 5_000): Promise<void> {
    if (this.running) return;
    const proc = spawn('socat', ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.proc = proc;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        reject(new Error(`socat not ready in ${timeoutMs} ms: ${log}`));
      }, timeoutMs);
      proc.stderr?.on('data', (d: Buffer) => {
        log += d.toString();
        if (log.includes('starting data transfer loop')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('error', (err) => {
        clearTimeout(timer);
        reject(err);
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`socat exited early (${code}): ${log}`));
      });
    });
  }

  /** Stops socat (SIGTERM, then SIGKILL) and waits for it to exit. */
  async kill(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const hard = setTimeout(() => proc.kill('SIGKILL'), 2_000);
      proc.once('exit', () => {
        clearTimeout(hard);
        resolve();
      });
      proc.kill('SIGTERM');
    });
  }
}

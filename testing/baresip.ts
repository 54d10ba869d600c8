/**
 * Real baresip (Debian 1.0) as a SIP phone for end-to-end tests: its own config folder, one
 * account registering to the hub, audio from a WAV file (`aufile`), received audio dumped to WAV
 * (`sndfile`, files `dump-*-dec.wav` in `recordDir`), no sound card (ALSA "null" device), and
 * remote control over `ctrl_tcp` (netstring JSON: commands in, responses and events out).
 * Bounded: every wait has a timeout, and `stop()` kills the process by PID.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freeUdpPort } from './sipp';

export interface BaresipOptions {
  readonly user: string;
  readonly password: string;
  /** Hub SIP UDP port on 127.0.0.1. */
  readonly hubPort: number;
  /** 8 kHz mono 16-bit WAV played as the microphone. */
  readonly sourceWav: string;
  readonly autoAnswer?: boolean;
  /** Baresip's own RTP port range, e.g. [31000, 31099]; keep instances apart. */
  readonly rtpPorts: readonly [number, number];
}

export interface BaresipEvent {
  readonly type: string;
  readonly class?: string;
  readonly param?: string;
  readonly peeruri?: string;
  readonly [k: string]: unknown;
}

async function freeTcpPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const a = s.address();
  await new Promise<void>((r) => s.close(() => r()));
  return typeof a === 'object' && a ? a.port : 0;
}

export class Baresip {
  readonly events: BaresipEvent[] = [];
  private readonly waiters: { match: (e: BaresipEvent) => boolean; resolve: (e: BaresipEvent) => void }[] = [];
  private readonly pending = new Map<string, (r: { ok: boolean; data: string }) => void>();
  private buffer = Buffer.alloc(0);
  private token = 0;
  private log = '';

  private constructor(
    readonly dir: string,
    readonly recordDir: string,
    readonly sipPort: number,
    private readonly child: ChildProcess,
    private readonly ctrl: Socket,
  ) {
    ctrl.on('data', (d: Buffer) => this.onData(d));
    child.stdout?.on('data', (d: Buffer) => this.keep(d));
    child.stderr?.on('data', (d: Buffer) => this.keep(d));
  }

  static async start(o: BaresipOptions): Promise<Baresip> {
    const dir = mkdtempSync(join(tmpdir(), `bl-baresip-${o.user}-`));
    const recordDir = join(dir, 'rec');
    mkdirSync(recordDir);
    const sipPort = await freeUdpPort();
    const ctrlPort = await freeTcpPort();
    writeFileSync(
      join(dir, 'config'),
      [
        'module_path /usr/lib/baresip/modules',
        `sip_listen 127.0.0.1:${sipPort}`,
        `audio_source aufile,${o.sourceWav}`,
        'audio_player alsa,null',
        'audio_alert alsa,null',
        `rtp_ports ${o.rtpPorts[0]}-${o.rtpPorts[1]}`,
        'audio_srate 8000',
        'audio_channels 1',
        `snd_path ${recordDir}`,
        'module g711.so',
        'module aufile.so',
        'module alsa.so',
        'module sndfile.so',
        'module_app account.so',
        'module_app menu.so',
        'module_app ctrl_tcp.so',
        `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
        '',
      ].join('\n'),
    );
    const answer = o.autoAnswer === false ? 'manual' : 'auto';
    writeFileSync(
      join(dir, 'accounts'),
      `<sip:${o.user}@127.0.0.1:${o.hubPort};transport=udp>;auth_pass=${o.password};answermode=${answer};regint=300;ptime=20;audio_codecs=PCMU,PCMA\n`,
    );
    writeFileSync(join(dir, 'contacts'), '');
    const child = spawn('baresip', ['-f', dir, '-n', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let ctrl: Socket | undefined;
    for (let i = 0; i < 50 && !ctrl; i++) {
      await new Promise((r) => setTimeout(r, 100));
      ctrl = await new Promise<Socket | undefined>((resolve) => {
        const s = createConnection(ctrlPort, '127.0.0.1');
        s.once('connect', () => resolve(s));
        s.once('error', () => resolve(undefined));
      });
    }
    if (!ctrl) {
      child.kill('SIGKILL');
      throw new Error('baresip ctrl_tcp did not come up');
    }
    return new Baresip(dir, recordDir, sipPort, child, ctrl);
  }

  get output(): string {
    return this.log;
  }

  /** Send a menu command (dial, hangup, hold, resume, transfer, sndcode, accept). */
  command(command: string, params = ''): Promise<{ ok: boolean; data: string }> {
    const token = String(++this.token);
    const json = JSON.stringify({ command, params, token });
    this.ctrl.write(`${Buffer.byteLength(json)}:${json},`);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`baresip ${command} timed out`)), 5000);
      this.pending.set(token, (r) => {
        clearTimeout(t);
        resolve(r);
      });
    });
  }

  /** Wait for an event of `type` (CALL_ESTABLISHED, CALL_CLOSED, REGISTER_OK, CALL_INCOMING, …) seen after `since`. */
  waitEvent(type: string, timeoutMs = 10_000, since = 0): Promise<BaresipEvent> {
    const found = this.events.slice(since).find((e) => e.type === type);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`baresip: no ${type} within ${timeoutMs} ms; events: ${this.events.map((e) => e.type).join(',')}\n${this.log.slice(-3000)}`)), timeoutMs);
      this.waiters.push({
        match: (e) => e.type === type,
        resolve: (e) => {
          clearTimeout(t);
          resolve(e);
        },
      });
    });
  }

  /** Wait until baresip's console output matches (registration happens before ctrl_tcp connects). */
  async waitOutput(pattern: RegExp, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!pattern.test(this.log)) {
      if (Date.now() > until) throw new Error(`baresip: output never matched ${pattern}\n${this.log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Registered with the hub (first 200 OK to REGISTER). */
  registered(timeoutMs = 10_000): Promise<void> {
    return this.waitOutput(/\{0\/UDP\/v4\} 200 OK/, timeoutMs);
  }

  async stop(): Promise<void> {
    this.ctrl.destroy();
    if (this.child.exitCode !== null) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(kill);
  }

  private keep(d: Buffer): void {
    // Drop the once-per-packet status line ("[0:00:04] audio=64000/64000 (bit/s)").
    this.log += d.toString().replace(/\s*\[\d+:\d\d:\d\d\] audio=\S+ \(bit\/s\)/g, '');
    if (this.log.length > 100_000) this.log = this.log.slice(-50_000);
  }

  private onData(d: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, d]);
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const len = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + len + 1) return;
      const body = this.buffer.subarray(colon + 1, colon + 1 + len).toString();
      this.buffer = this.buffer.subarray(colon + 2 + len);
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(body) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (msg.response) {
        const cb = this.pending.get(String(msg.token));
        this.pending.delete(String(msg.token));
        cb?.({ ok: Boolean(msg.ok), data: String(msg.data ?? '') });
      } else if (msg.event) {
        const e = msg as unknown as BaresipEvent;
        this.events.push(e);
        for (const w of this.waiters.splice(0)) {
          if (w.match(e)) w.resolve(e);
          else this.waiters.push(w);
        }
      }
    }
  }
}

/** A WAV tone for baresip's microphone, made with sox (8 kHz mono 16-bit). */
export async function makeToneWav(path: string, frequency: number, seconds: number): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    const p = spawn('sox', ['-n', '-r', '8000', '-c', '1', '-b', '16', path, 'synth', String(seconds), 'sine', String(frequency), 'vol', '0.5']);
    p.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`sox exited ${code}`))));
    p.once('error', reject);
  });
  return path;
}

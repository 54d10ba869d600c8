/**
 * Telephony figures of the hub, loopback only, bounded (a few minutes), one JSON line each:
 *
 * - `hub.call_setup_ms`: sipp UAC (demo phone 2003, digest) → hub → sipp UAS (2004, registered)
 *   at 20 calls/s for 30 s, each held 1 s: the full path (auth, routing, forking, RTP port
 *   allocation and SDP on both legs). INVITE→180 and INVITE→200 from the authenticated INVITE
 *   (what the peer rows measure), and from the first INVITE (adds the 407 round trip). Hub CPU per
 *   call from /proc/PID/stat over the run.
 * - `hub.concurrent_calls`: N calls 2005 → 1005 set up by a raw SIP phone, media from the peers'
 *   rtpgen.mjs (both ends of every stream, pinned to CPU 1) through the hub pinned to CPU 0
 *   (taskset): anchored, bridged AND recorded (stereo WAV per call). On-time = received within
 *   20 ms, % of sent.
 *
 * Peer figures (Kamailio + rtpengine, rtpengine + pcap recording) are the ones recorded in
 * ../shared/peers/README.md on this machine; `--run-peers` re-runs call-setup.mjs instead.
 * Usage: npx tsx bench/hub-telephony.bench.ts [--cps 20] [--seconds 30] [--streams 100,200,400] [--window 10] [--run-peers]
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { percentile, printFigure } from './bench-output';
import { RawSipPhone, g711Sdp, sdpPort } from '../testing/raw-sip-phone';
import { runSippCalls, startSippUas } from '../testing/sipp-call';
import { spawnBranchline, tempDataDir } from '../testing/spawn-branchline';
import type { RunningBranchline } from '../testing/spawn-branchline';

const PEERS = resolve(import.meta.dirname, '../../shared/peers');
const { values } = parseArgs({
  options: {
    cps: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    hold: { type: 'string', default: '1000' },
    streams: { type: 'string', default: '100,200,400' },
    window: { type: 'string', default: '10' },
    'run-peers': { type: 'boolean', default: false },
    'skip-setup': { type: 'boolean', default: false },
    'skip-media': { type: 'boolean', default: false },
    'no-pin': { type: 'boolean', default: false },
    'no-record': { type: 'boolean', default: false },
    'no-inband': { type: 'boolean', default: false },
  },
});

/** README "Call setup, 20 CPS" (3 runs, mean) and "Media relay" (2 passes, mean), this machine. */
const PEER_SETUP = { name: 'peer.kamailio_rtpengine.call_setup_ms', ring_p50: 1.017, ring_p95: 1.335, p50: 2.459, p95: 2.899, cpu_ms_per_call: 2.137 };
const PEER_RELAY_RECORD: Record<number, { cpu_pct: number; on_time_pct: number; delay_p99_ms: number }> = {
  50: { cpu_pct: 7.45, on_time_pct: 100, delay_p99_ms: 0.34 },
  100: { cpu_pct: 11.85, on_time_pct: 100, delay_p99_ms: 0.345 },
  200: { cpu_pct: 22.75, on_time_pct: 100, delay_p99_ms: 0.64 },
  400: { cpu_pct: 43.35, on_time_pct: 100, delay_p99_ms: 1.32 },
};

/** The machine's 1-minute load: other work on the box skews every figure (see peers README). */
const load1 = (): number => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
const log = (...a: unknown[]): void => void process.stderr.write(`${a.map(String).join(' ')}\n`);
const round = (v: number, d = 3): number => Math.round(v * 10 ** d) / 10 ** d;

/** CPU ms (user + system) a process has used, from /proc/PID/stat (clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function startHub(extra: string[] = [], env: Record<string, string> = {}): Promise<{ hub: RunningBranchline; sipPort: number; dir: string }> {
  const dir = tempDataDir('bl-bench-tel-');
  const hub = await spawnBranchline(['hub', '--demo', '--http', '127.0.0.1:0', '--no-sip-ws', '--rtp-ports', '40000-49999', '--data', dir, ...extra], {
    env: { BRANCHLINE_LOG_LEVEL: 'error', ...env },
  });
  const sipPort = Number(String((hub.ready.sip as Record<string, string>).udp).split(':')[1]);
  return { hub, sipPort, dir };
}

async function callSetup(): Promise<void> {
  const cps = Number(values.cps);
  const seconds = Number(values.seconds);
  const { hub, sipPort, dir } = await startHub();
  const pid = hub.child.pid ?? 0;
  try {
    const uas = await startSippUas({ hubPort: sipPort, user: '2004', password: 'pass2004', cwd: dir });
    // Warm-up (JIT, SQLite statements), not measured.
    await runSippCalls({ hubPort: sipPort, caller: '2003', password: 'pass2003', dialled: '2004', calls: 20, rate: 20, holdMs: 200, cwd: dir });
    const idle0 = cpuMs(pid);
    await new Promise((r) => setTimeout(r, 3000));
    const idlePct = ((cpuMs(pid) - idle0) / 3000) * 100;
    const cpu0 = cpuMs(pid);
    const t0 = Date.now();
    const run = await runSippCalls({ hubPort: sipPort, caller: '2003', password: 'pass2003', dialled: '2004', calls: cps * seconds, rate: cps, holdMs: Number(values.hold), cwd: dir });
    const cpu = cpuMs(pid) - cpu0;
    const wall = Date.now() - t0;
    await uas.stop();
    const s = (k: 'ring' | 'authRing' | 'answer' | 'total200') => run.timings.map((t) => t[k]).sort((a, b) => a - b);
    const ring = s('authRing');
    const answer = s('answer');
    const ours = {
      name: 'hub.call_setup_ms',
      cps,
      calls: cps * seconds,
      ok: run.ok,
      failed: run.failed,
      ring_p50: round(percentile(ring, 50)),
      ring_p95: round(percentile(ring, 95)),
      ring_p99: round(percentile(ring, 99)),
      p50: round(percentile(answer, 50)),
      p95: round(percentile(answer, 95)),
      p99: round(percentile(answer, 99)),
      with_auth_ring_p95: round(percentile(s('ring'), 95)),
      with_auth_p95: round(percentile(s('total200'), 95)),
      cpu_pct: round((cpu / wall) * 100, 1),
      idle_cpu_pct: round(idlePct, 1),
      cpu_ms_per_call: round(cpu / Math.max(1, run.ok), 2),
      load1: load1(),
    };
    const peer = values['run-peers'] ? runPeerSetup() : PEER_SETUP;
    printFigure({ ...ours, peer, ratio_ring_p95: round(ours.ring_p95 / peer.ring_p95, 1), ratio_cpu_per_call: round(ours.cpu_ms_per_call / peer.cpu_ms_per_call, 1) });
  } finally {
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function runPeerSetup(): typeof PEER_SETUP {
  const out = execFileSync('node', [join(PEERS, 'call-setup.mjs'), 'kamailio-rtpengine', '--cps', String(values.cps), '--seconds', String(values.seconds)], { encoding: 'utf8', timeout: 300_000 });
  const line = out.split('\n').find((l) => l.includes('kamailio_rtpengine'));
  return line ? (JSON.parse(line) as typeof PEER_SETUP) : PEER_SETUP;
}

async function concurrent(n: number): Promise<void> {
  const window = Number(values.window);
  const { hub, sipPort, dir } = await startHub([], { ...(values['no-record'] ? { BRANCHLINE_RECORD: '0' } : {}), ...(values['no-inband'] ? { BRANCHLINE_INBAND_DTMF: '0' } : {}) });
  const pid = hub.child.pid ?? 0;
  // One core for the hub (all its threads), the generator on the other, as the peer runs were.
  if (!values['no-pin']) execFileSync('taskset', ['-a', '-cp', '0', String(pid)], { stdio: 'ignore' });
  const gen = spawn('taskset', ['-c', values['no-pin'] ? '0,1' : '1', process.execPath, join(PEERS, 'rtpgen.mjs'), JSON.stringify({ n, seconds: window, warmup: 2 })], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: gen.stdout! });
  const next = (key: string) => new Promise<Record<string, unknown>>((r) => lines.on('line', (l) => { const m = JSON.parse(l) as Record<string, unknown>; if (key in m || m.event === key) r(m); }));
  const callee = await RawSipPhone.open(sipPort);
  const caller = await RawSipPhone.open(sipPort);
  try {
    const ports = (await next('ports')).ports as [number, number][];
    await callee.register('1005', 'pass1005');
    const targets: [number, number][] = [];
    const calls = [];
    for (let i = 0; i < n; i++) {
      let hubB = 0;
      callee.onInvite = (inv) => {
        hubB = sdpPort(inv.slice(inv.indexOf('\r\n\r\n') + 4));
        return g711Sdp(ports[i]![1]);
      };
      const c = await caller.call({ from: '2005', password: 'pass2005', to: '1005', sdp: g711Sdp(ports[i]![0]) });
      calls.push(c);
      targets.push([sdpPort(c.answer.slice(c.answer.indexOf('\r\n\r\n') + 4)), hubB]);
    }
    log(`hub.concurrent_calls: ${n} calls up`);
    const started = next('measure_start');
    const ended = next('measure_end');
    const result = next('result');
    gen.stdin!.write(`${JSON.stringify({ targets })}\n`);
    await started;
    const cpu0 = cpuMs(pid);
    const t0 = Date.now();
    await ended;
    const cpu = cpuMs(pid) - cpu0;
    const wall = Date.now() - t0;
    const r = (await result).result as Record<string, number>;
    for (const c of calls) await caller.hangup(c, '2005').catch(() => undefined);
    await new Promise((res) => setTimeout(res, 500));
    const recs = values['no-record'] ? [] : readdirSync(join(dir, 'recordings')).filter((f) => f.endsWith('.wav'));
    const recordedBytes = recs.reduce((a, f) => a + statSync(join(dir, 'recordings', f)).size, 0);
    const peer = PEER_RELAY_RECORD[n];
    const cpuPct = round((cpu / wall) * 100, 1);
    printFigure({
      name: 'hub.concurrent_calls',
      calls: n,
      recorded: !values['no-record'],
      cpu_pct: cpuPct,
      on_time_pct: r.on_time_pct,
      loss_pct: r.loss_pct,
      delay_p50_ms: r.delay_p50_ms,
      delay_p99_ms: r.delay_p99_ms,
      delay_p999_ms: r.delay_p999_ms,
      jitter_ms_mean: r.jitter_ms_mean,
      recordings: recs.length,
      recorded_seconds: round(recordedBytes / 32000, 0),
      meets_99_9: (r.on_time_pct ?? 0) >= 99.9,
      gen_elu: r.gen_elu,
      pinned: !values['no-pin'],
      inband_dtmf: !values['no-inband'],
      load1: load1(),
      peer: peer ? { name: 'peer.rtpengine.relay_record (pcap)', ...peer } : null,
      ratio_cpu: peer ? round(cpuPct / peer.cpu_pct, 1) : null,
    });
  } finally {
    callee.close();
    caller.close();
    if (gen.exitCode === null) gen.kill('SIGKILL');
    await hub.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!values['skip-setup']) await callSetup();
if (!values['skip-media']) for (const n of String(values.streams).split(',').map(Number)) await concurrent(n);
process.exit(0);

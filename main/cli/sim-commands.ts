/**
 * `branchline sim …`: device simulators as their own processes, for demos and tests.
 *   sim modem|agentbox --port PATH [--script FILE]: plays a script on a serial port (usually one
 *     end of `socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`; the seat opens the other).
 *   sim headset --model NAME | --list: describes a simulated headset. Simulated headsets live
 *     inside the seat's hardware host (`branchline start --hw sim --sim-headset NAME`).
 */
import { HeadsetSim } from '../../native/sim/headset-sim';
import { allHidFixtures } from '../../native/sim/hid-fixtures';
import { HidSimBinding } from '../../native/sim/hid-sim-binding';
import { resolveHidFixture } from '../../native/sim/sim-headsets';
import { runSerialSim } from '../../native/sim/serial-sim-main';
import type { SimArgs } from './cli-args';
import { onShutdown, printReady } from './ready-line';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

export function describeSimHeadset(model: string): Record<string, unknown> {
  const fixture = resolveHidFixture(model);
  const sim = HeadsetSim.fromFixture(new HidSimBinding(), fixture, { serialNumber: 'SIM0001' });
  const name = fixture.file.replace(/\.json$/, '');
  const tryReports = (f: () => Uint8Array[]) => {
    try {
      return f().map(hex);
    } catch {
      return [];
    }
  };
  return {
    model: fixture.model, vendor: fixture.vendor, vid: fixture.vid, pid: fixture.pid, name,
    telephony: sim.profile.hasTelephony,
    inputs: sim.profile.inputs.map((c) => ({ name: c.name, reportId: c.reportId, relative: c.relative })),
    leds: [...new Set(sim.profile.outputs.map((c) => c.name))],
    reports: { pressHook: tryReports(() => sim.pressHook()), pressMute: tryReports(() => sim.pressMute()) },
    attach: `branchline start --demo --hw sim --sim-headset ${name}`,
  };
}

export async function runSimCommand(sim: SimArgs): Promise<void> {
  if (sim.kind === 'headset') {
    const out = sim.list ? allHidFixtures().map((f) => ({ name: f.file.replace(/\.json$/, ''), model: f.model, vid: f.vid, pid: f.pid })) : describeSimHeadset(sim.model!);
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const run = await runSerialSim({ kind: sim.kind, port: sim.port!, ...(sim.script ? { script: sim.script } : {}), exitAfterScript: sim.exitAfterScript });
  onShutdown(() => run.stop(), (m) => process.stderr.write(`${m}\n`));
  printReady({ role: `sim-${sim.kind}`, port: sim.port, script: sim.script ?? null, pid: process.pid });
  try {
    await run.done;
    process.stdout.write(`${JSON.stringify({ event: 'script-done' })}\n`);
  } catch (err) {
    process.stderr.write(`branchline sim ${sim.kind}: ${(err as Error).message}\n`);
    await run.stop();
    process.exit(1);
  }
  if (sim.exitAfterScript) process.exit(0);
}

// Entry for `branchline sim modem|agentbox --port PATH --script FILE` (wired by the lead): opens
// a real serial port (usually one end of a socat pty pair), attaches the simulator and plays the
// script. The simulator keeps answering commands after the script until stop() unless
// exitAfterScript is set.

import type { SerialBinding, SerialConnection } from '../serial/binding';
import { NodeSerialBinding } from '../serial/binding-node';
import { AgentBoxSim, type AgentBoxSimOptions } from './agent-box-sim';
import { ModemSim, type ModemSimOptions } from './modem-sim';
import { type SimStep, loadSimScript } from './serial-sim-script';

export interface RunSerialSimOptions {
  kind: 'modem' | 'agentbox';
  port: string;
  /** Path of a JSON script, or the steps themselves. */
  script?: string | readonly SimStep[];
  baudRate?: number;
  binding?: SerialBinding;
  /** Attach to this device end instead of opening `port` (SerialMockBinding's deviceConnection). */
  connection?: SerialConnection;
  exitAfterScript?: boolean;
  modem?: ModemSimOptions;
  agentBox?: AgentBoxSimOptions;
}

export interface SerialSimRun {
  readonly sim: ModemSim | AgentBoxSim;
  readonly connection: SerialConnection;
  /** Settles when the script has run (rejects if a step failed, e.g. an expect timed out). */
  readonly done: Promise<void>;
  stop(): Promise<void>;
}

export async function runSerialSim(options: RunSerialSimOptions): Promise<SerialSimRun> {
  const steps = typeof options.script === 'string' ? await loadSimScript(options.script) : (options.script ?? []);
  const owned = options.connection === undefined;
  const connection = options.connection ?? (await (options.binding ?? new NodeSerialBinding()).open(options.port, { baudRate: options.baudRate ?? 115_200 }));
  const sim = options.kind === 'modem' ? new ModemSim(connection, options.modem) : new AgentBoxSim(connection, options.agentBox);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    sim.dispose();
    if (owned) await connection.close(); // never close a port someone else handed us
  };
  const done = sim.runScript(steps).finally(async () => {
    if (options.exitAfterScript) await stop();
  });
  done.catch(() => {}); // callers who ignore `done` must not get an unhandled rejection
  return { sim, connection, done, stop };
}

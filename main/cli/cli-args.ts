/** Command-line parsing for `branchline`; every flag is documented in README "CLI". */
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  branchline start [--demo] [--data DIR] [--web HOST:PORT] [--http HOST:PORT] [SIP flags]
      Seat + embedded hub (server mode). Electron when its binary is present, else web mode.
  branchline hub [--demo] [--data DIR] [--http HOST:PORT] [SIP flags]
      The routing hub alone (branch industrial PC).
  SIP flags: [--sip-udp HOST:PORT] [--sip-tcp HOST:PORT] [--sip-ws | --no-sip-ws] [--rtp-ports A-B] [--sip-digest MD5,SHA-256] [--no-sip]
  branchline seat --hub URL [--web HOST:PORT] [--data DIR] [hardware flags]
      A seat connecting to a remote hub, in web mode.
  Hardware flags (start, seat): [--hw auto|node|sim|off] [--sim-headset MODEL]... [--sim-serial PATH]...
      auto (default): real headsets/serial ports if the native modules load, else "unavailable".
      sim: simulated headsets (testdata/hid models) plus real serial ports and the --sim-serial ptys.
  branchline sim modem --port PATH [--script FILE] [--exit-after-script]
  branchline sim agentbox --port PATH [--script FILE] [--exit-after-script]
      A caller-ID modem / agent box simulator on a serial port (one end of a socat pty pair).
  branchline sim headset --model NAME | --list
      Describes a simulated headset: its telephony controls and the exact reports its buttons send.
  branchline help

Port 0 picks a free port; the {"event":"ready"} line on stdout shows the real one.`;

export type Command = 'start' | 'hub' | 'seat' | 'sim' | 'help';

export const HW_MODES = ['auto', 'node', 'sim', 'off'] as const;
export type HwMode = (typeof HW_MODES)[number];

export interface SimArgs {
  kind: 'modem' | 'agentbox' | 'headset';
  port: string | undefined;
  script: string | undefined;
  exitAfterScript: boolean;
  model: string | undefined;
  list: boolean;
}

export interface CliArgs {
  command: Command;
  demo: boolean;
  data: string | undefined;
  web: string | undefined;
  http: string | undefined;
  hub: string | undefined;
  sipUdp: string | undefined;
  sipTcp: string | undefined;
  sipWs: boolean;
  rtpPorts: string | undefined;
  sipDigest: string | undefined;
  noSip: boolean;
  /** Left undefined when not given (the seat defaults to auto). */
  hw?: HwMode | undefined;
  simHeadsets?: string[] | undefined;
  simSerial?: string[] | undefined;
  sim?: SimArgs | undefined;
}

export function parseCli(argv: readonly string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
  if (command === 'sim') return parseSim(rest);
  if (!['start', 'hub', 'seat', 'help', '--help', '-h'].includes(command)) {
    throw new Error(`unknown command "${command}"`);
  }
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      demo: { type: 'boolean', default: false },
      data: { type: 'string' },
      web: { type: 'string' },
      http: { type: 'string' },
      hub: { type: 'string' },
      'sip-udp': { type: 'string' },
      'sip-tcp': { type: 'string' },
      'sip-ws': { type: 'boolean', default: true },
      'no-sip-ws': { type: 'boolean', default: false },
      'rtp-ports': { type: 'string' },
      'sip-digest': { type: 'string' },
      'no-sip': { type: 'boolean', default: false },
      hw: { type: 'string' },
      'sim-headset': { type: 'string', multiple: true },
      'sim-serial': { type: 'string', multiple: true },
    },
  });
  const normalized: Command = command === '--help' || command === '-h' ? 'help' : (command as Command);
  if (normalized === 'seat' && !values.hub) throw new Error('branchline seat needs --hub URL');
  if (normalized !== 'seat' && values.hub) throw new Error('--hub is only for "branchline seat"');
  const sipFlags = ['sip-udp', 'sip-tcp', 'rtp-ports', 'sip-digest'] as const;
  if (normalized === 'seat' && sipFlags.some((f) => values[f] !== undefined)) throw new Error('SIP flags are for the hub ("start" or "hub")');
  const hwGiven = values.hw !== undefined || values['sim-headset'] !== undefined || values['sim-serial'] !== undefined;
  if (normalized === 'hub' && hwGiven) throw new Error('hardware flags are for a seat ("start" or "seat")');
  if (values.hw !== undefined && !(HW_MODES as readonly string[]).includes(values.hw)) throw new Error(`--hw must be one of ${HW_MODES.join(', ')}`);
  if (values['sim-headset'] && values.hw !== 'sim') throw new Error('--sim-headset needs --hw sim');
  return {
    command: normalized,
    demo: values.demo,
    data: values.data,
    web: values.web,
    http: values.http,
    hub: values.hub,
    sipUdp: values['sip-udp'],
    sipTcp: values['sip-tcp'],
    sipWs: values['sip-ws'] && !values['no-sip-ws'],
    rtpPorts: values['rtp-ports'],
    sipDigest: values['sip-digest'],
    noSip: values['no-sip'],
    hw: values.hw as HwMode | undefined,
    simHeadsets: values['sim-headset'],
    simSerial: values['sim-serial'],
  };
}

function parseSim(argv: readonly string[]): CliArgs {
  const [kind, ...rest] = argv;
  if (kind !== 'modem' && kind !== 'agentbox' && kind !== 'headset') throw new Error('branchline sim needs modem, agentbox or headset');
  const { values } = parseArgs({
    args: rest,
    strict: true,
    options: {
      port: { type: 'string' },
      script: { type: 'string' },
      'exit-after-script': { type: 'boolean', default: false },
      model: { type: 'string' },
      list: { type: 'boolean', default: false },
    },
  });
  if (kind === 'headset') {
    if (!values.model && !values.list) throw new Error('branchline sim headset needs --model NAME or --list');
    if (values.port || values.script) throw new Error('--port and --script are for sim modem and sim agentbox');
  } else {
    if (!values.port) throw new Error(`branchline sim ${kind} needs --port PATH`);
    if (values.model || values.list) throw new Error('--model and --list are for sim headset');
  }
  return {
    command: 'sim', demo: false, data: undefined, web: undefined, http: undefined, hub: undefined,
    sipUdp: undefined, sipTcp: undefined, sipWs: false, rtpPorts: undefined, sipDigest: undefined, noSip: true,
    sim: { kind, port: values.port, script: values.script, exitAfterScript: values['exit-after-script'], model: values.model, list: values.list },
  };
}

/** Command-line parsing for `branchline`; every flag is documented in README "CLI". */
import { parseArgs } from 'node:util';

export const USAGE = `Usage:
  branchline start [--demo] [--data DIR] [--web HOST:PORT] [--http HOST:PORT] [SIP flags]
      Seat + embedded hub (server mode). Electron when its binary is present, else web mode.
  branchline hub [--demo] [--data DIR] [--http HOST:PORT] [SIP flags]
      The routing hub alone (branch industrial PC).
  SIP flags: [--sip-udp HOST:PORT] [--sip-tcp HOST:PORT] [--sip-ws | --no-sip-ws] [--rtp-ports A-B] [--sip-digest MD5,SHA-256] [--no-sip]
  branchline seat --hub URL [--web HOST:PORT] [--data DIR]
      A seat connecting to a remote hub, in web mode.
  branchline help

Port 0 picks a free port; the {"event":"ready"} line on stdout shows the real one.`;

export type Command = 'start' | 'hub' | 'seat' | 'help';

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
}

export function parseCli(argv: readonly string[]): CliArgs {
  const [command = 'help', ...rest] = argv;
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
    },
  });
  const normalized: Command = command === '--help' || command === '-h' ? 'help' : (command as Command);
  if (normalized === 'seat' && !values.hub) throw new Error('branchline seat needs --hub URL');
  if (normalized !== 'seat' && values.hub) throw new Error('--hub is only for "branchline seat"');
  const sipFlags = ['sip-udp', 'sip-tcp', 'rtp-ports', 'sip-digest'] as const;
  if (normalized === 'seat' && sipFlags.some((f) => values[f] !== undefined)) throw new Error('SIP flags are for the hub ("start" or "hub")');
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
  };
}

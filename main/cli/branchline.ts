/**
 * `branchline` entry point: parses the command line and starts the hub, a seat, or both.
 */
import { fileURLToPath } from 'node:url';
import { resolveDataDir } from '../common/data-dir';
import { createLogger } from '../common/logger';
import { parseListenAddress } from '../common/listen-address';
import { startHub } from '../hub/hub';
import { parseDigestAlgorithms, parsePortRange } from '../hub/telephony/telephony-options';
import type { TelephonyOptions } from '../hub/telephony/telephony-options';
import { createSeat } from '../seat/seat';
import { startWebBinding } from '../seat/ws-binding';
import { findElectronBinary, launchElectron } from '../app/electron-launcher';
import { USAGE, parseCli } from './cli-args';
import type { CliArgs } from './cli-args';
import { onShutdown, printReady } from './ready-line';
import { runSimCommand } from './sim-commands';

function telephonyOptions(args: CliArgs, defaultHost: string): TelephonyOptions | undefined {
  if (args.noSip) return undefined;
  return {
    udp: parseListenAddress(args.sipUdp ?? `${defaultHost}:5060`),
    tcp: parseListenAddress(args.sipTcp ?? `${defaultHost}:5060`),
    ws: args.sipWs,
    realm: 'branchline',
    digestAlgorithms: parseDigestAlgorithms(args.sipDigest ?? 'MD5'),
    rtpPorts: parsePortRange(args.rtpPorts ?? '20000-29999'),
  };
}

const RENDERER_DIR = fileURLToPath(new URL('../../renderer/dist', import.meta.url));
// The hub alone serves the branch LAN; `start` (one desk, demos) stays on loopback.
const DEFAULT_HUB = '0.0.0.0:7100';
const DEFAULT_EMBEDDED_HUB = '127.0.0.1:7100';
const DEFAULT_WEB = '127.0.0.1:7200';

async function runHub(args: CliArgs): Promise<void> {
  const logger = createLogger();
  const hub = await startHub({
    dataDir: resolveDataDir(args.data),
    demo: args.demo,
    http: parseListenAddress(args.http ?? DEFAULT_HUB),
    logger,
    telephony: telephonyOptions(args, '0.0.0.0'),
  });
  onShutdown(() => hub.close(), (m) => logger.info(m));
  printReady({ role: 'hub', http: hub.url, sip: hub.sipListeners, rtp: args.rtpPorts ?? '20000-29999', pid: process.pid });
}

async function runSeat(
  args: CliArgs,
  hubUrl: string,
  onClose: () => Promise<void>,
  serverMode: boolean,
  sip: Record<string, string> = {},
): Promise<void> {
  const logger = createLogger();
  const hardware = { mode: args.hw ?? 'auto', simHeadsets: args.simHeadsets ?? [], serialPaths: args.simSerial ?? [] } as const;
  const seat = createSeat({ hubUrl, dataDir: resolveDataDir(args.data), serverMode, shell: 'web', logger, hardware });
  const web = await startWebBinding({ seat, hubUrl, listen: parseListenAddress(args.web ?? DEFAULT_WEB), rendererDir: RENDERER_DIR, logger });
  onShutdown(
    async () => {
      await web.close();
      await seat.close();
      await onClose();
    },
    (m) => logger.info(m),
  );
  printReady({ role: serverMode ? 'start' : 'seat', url: web.url, web: web.url, hub: hubUrl, ...(serverMode ? { sip } : {}), hw: hardware.mode, pid: process.pid });
  process.stderr.write(`\nBranchline 坐席已就绪 / seat ready: ${web.url}\n\n`);
}

async function runStart(args: CliArgs): Promise<void> {
  const electron = args.web ? undefined : findElectronBinary();
  if (electron) {
    await launchElectron(electron, args);
    return;
  }
  const logger = createLogger();
  const hub = await startHub({
    dataDir: resolveDataDir(args.data),
    demo: args.demo,
    http: parseListenAddress(args.http ?? DEFAULT_EMBEDDED_HUB),
    logger,
    telephony: telephonyOptions(args, '127.0.0.1'),
  });
  await runSeat(args, hub.url, () => hub.close(), true, hub.sipListeners);
}

export async function main(argv: readonly string[]): Promise<void> {
  let args: CliArgs;
  try {
    args = parseCli(argv);
  } catch (err) {
    process.stderr.write(`branchline: ${(err as Error).message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (args.command === 'hub') return runHub(args);
  if (args.command === 'sim') return runSimCommand(args.sim!);
  if (args.command === 'seat') return runSeat(args, args.hub!, async () => {}, false);
  return runStart(args);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`branchline: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

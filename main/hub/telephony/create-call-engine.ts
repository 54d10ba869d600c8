/**
 * Builds the call engine (B2BUA + media) for a hub with telephony on. Media is advertised on the
 * SIP UDP host when that is a concrete address, otherwise on the machine's first external IPv4.
 */
import { networkInterfaces } from 'node:os';
import type { Logger } from '../../common/logger';
import { CallEngine } from '../calls';
import type { HubContext } from '../cti/hub-context';
import type { SipStack } from '../sip';
import type { EphemeralSipCredentials } from './ephemeral-sip-credentials';
import type { TelephonyOptions } from './telephony-options';

export function createCallEngine(
  ctx: HubContext,
  sip: SipStack,
  options: TelephonyOptions,
  dataDir: string,
  logger: Logger,
  ephemeral?: EphemeralSipCredentials,
): CallEngine {
  const host = options.udp?.host ?? options.tcp?.host ?? '0.0.0.0';
  const loopback = host === '127.0.0.1' || host === 'localhost';
  const advertised = host !== '0.0.0.0' && host !== '::' ? host : firstExternalIpv4() ?? '127.0.0.1';
  const engine = new CallEngine({
    sip,
    store: ctx.store,
    bus: ctx.bus,
    logger,
    rtpPorts: options.rtpPorts,
    advertisedAddress: loopback ? '127.0.0.1' : advertised,
    rtpBindHost: loopback ? '127.0.0.1' : '0.0.0.0',
    dataDir,
    extensionOf: (user) => ephemeral?.extensionOf(user),
    // BRANCHLINE_RECORD=0 switches call recording off (benchmarks, sites that must not record).
    record: process.env.BRANCHLINE_RECORD !== '0',
    // BRANCHLINE_INBAND_DTMF=0: every phone sends RFC 4733, so skip Goertzel on the media path.
    inbandDtmf: process.env.BRANCHLINE_INBAND_DTMF !== '0',
  });
  engine.start();
  return engine;
}

function firstExternalIpv4(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

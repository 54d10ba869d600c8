/**
 * Builds the hub's SIP stack from the command-line options: credentials from the store, nonces
 * signed with a key kept in the data folder, and SIP over WebSocket handed over by the hub's HTTP
 * server (route `/sip`), so seats reach SIP on the same port as the API.
 */
import type { Logger } from '../../common/logger';
import type { HubContext } from '../cti/hub-context';
import { SipStack } from '../sip';
import type { SipAddress, SipTransportProtocol } from '../sip';
import { loadNonceSecret } from './nonce-secret';
import type { EphemeralSipCredentials } from './ephemeral-sip-credentials';
import { storeCredentials } from './sip-credentials';
import type { TelephonyOptions } from './telephony-options';

export function createSipStack(
  ctx: HubContext,
  options: TelephonyOptions,
  dataDir: string,
  httpAddress: () => { host: string; port: number },
  logger: Logger,
  ephemeral?: EphemeralSipCredentials,
): SipStack {
  return new SipStack({
    udp: options.udp,
    tcp: options.tcp,
    ws: options.ws ? { hostedAt: httpAddress } : undefined,
    realm: options.realm,
    credentialStore: storeCredentials(ctx.store, ephemeral),
    // A seat's per-login username may bind its agent's extension; everyone else only their own.
    registrar: { mayRegister: (authUser, aor) => authUser === aor || ephemeral?.extensionOf(authUser) === aor },
    // sip.js (the seats) computes MD5 only and answers the last challenge it sees; seats' passwords are
    // per-login random secrets, so WebSocket clients are offered MD5 alone.
    digest: { secret: loadNonceSecret(dataDir), algorithms: options.digestAlgorithms, algorithmsByTransport: { WS: ['MD5'], WSS: ['MD5'] } },
    keepalive: { intervalMs: 30_000, removeAfterFailures: 3 },
    logger: logger.child({ mod: 'hub.sip' }),
    userAgent: `Branchline-Hub/${ctx.version}`,
  });
}

/** The SIP part of the ready line, e.g. `{ udp: '127.0.0.1:5060', ws: 'ws://127.0.0.1:7100/sip' }`. */
export function describeSipListeners(bound: Partial<Record<SipTransportProtocol, SipAddress>>): Record<string, string> {
  const out: Record<string, string> = {};
  if (bound.UDP) out.udp = `${bound.UDP.address}:${bound.UDP.port}`;
  if (bound.TCP) out.tcp = `${bound.TCP.address}:${bound.TCP.port}`;
  if (bound.WS) out.ws = `ws://${bound.WS.address}:${bound.WS.port}/sip`;
  return out;
}

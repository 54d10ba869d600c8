import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Grammar } from 'sip.js/lib/grammar/grammar.js';
import type { URI } from 'sip.js/lib/grammar/uri.js';
import type { SipTarget, SipTransportProtocol } from './transport/sip-flow';

export interface RoutedRequest {
  /** Request-URI to write. */
  readonly uri: string;
  /** Route header values to write. */
  readonly routes: readonly string[];
  /** Where to send (URI of the first hop). */
  readonly hop: URI;
}

function routeUri(route: string): URI | undefined {
  return Grammar.nameAddrHeaderParse(route)?.uri ?? Grammar.URIParse(route.replace(/^<|>$/g, ''));
}

/**
 * RFC 3261 §12.2.1.1 / §8.1.2: "If the route set is not empty, and its first URI contains the lr
 * parameter ... the UAC MUST place the remote target URI into the Request-URI and MUST include a
 * Route header field containing the route set values in order". "If the route set is not empty,
 * and its first URI does not contain the lr parameter, the UAC MUST place the first URI from the
 * route set into the Request-URI ... [and] MUST add a Route header field containing the remainder
 * of the route set values in order, ... [then] the remote target URI."
 */
export function applyRouteSet(uri: string, routes: readonly string[]): RoutedRequest {
  const first = routes[0];
  const target = Grammar.URIParse(uri);
  if (!target) throw new Error(`bad Request-URI ${uri}`);
  if (first === undefined) return { uri, routes: [], hop: target };
  const firstUri = routeUri(first);
  if (!firstUri) throw new Error(`bad Route ${first}`);
  if (firstUri.hasParam('lr')) return { uri, routes, hop: firstUri };
  const strict = firstUri.clone();
  strict.clearHeaders();
  return { uri: strict.toString(), routes: [...routes.slice(1), `<${uri}>`], hop: firstUri };
}

/** Where a URI points: transport param (default UDP, sips → TCP here), host (A lookup if a name), port (default 5060). */
export async function resolveHop(uri: URI): Promise<SipTarget> {
  const t = String(uri.getParam('transport') ?? '').toUpperCase();
  const protocol: SipTransportProtocol = t === 'TCP' || t === 'WS' || t === 'WSS' ? t : uri.scheme === 'sips' ? 'TCP' : 'UDP';
  const host = uri.host.replace(/^\[|\]$/g, '');
  const address = isIP(host) ? host : (await lookup(host)).address;
  return { protocol, address, port: uri.port ?? 5060 };
}

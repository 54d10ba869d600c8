import type { SipAddress, SipTarget, SipTransportProtocol } from '../transport/sip-flow';

/** One registered contact of an address-of-record (RFC 3261 §10.3). */
export interface ContactBinding {
  /** AOR key: the registering user (extension), e.g. '1001'. */
  readonly aor: string;
  /** Contact URI as registered, e.g. 'sip:1001@192.168.1.20:5062;transport=tcp'. */
  readonly contact: string;
  readonly q: number | undefined;
  /** Epoch ms. */
  readonly expiresAt: number;
  readonly callId: string;
  readonly cseq: number;
  /** Transport and flow the REGISTER came over; WS/TCP bindings route back over that flow. */
  readonly protocol: SipTransportProtocol;
  readonly flowId: string;
  /** Packet source (after NAT): where UDP requests go. */
  readonly source: SipAddress;
  readonly instanceId: string | undefined;
  readonly regId: string | undefined;
  readonly userAgent: string | undefined;
}

/**
 * Where to send a request for this binding. RFC 5626-style: the registering flow's source
 * address and port (and, for WS/TCP, the flow itself) rather than the Contact host, which is
 * often a private or `.invalid` address (RFC 7118 clients).
 */
export function bindingTarget(b: ContactBinding): SipTarget {
  return { protocol: b.protocol, address: b.source.address, port: b.source.port, flowId: b.flowId };
}

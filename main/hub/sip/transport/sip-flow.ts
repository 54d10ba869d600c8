/** Transport protocol as written in a Via sent-protocol (RFC 3261 §20.42, RFC 7118 §5.2). */
export type SipTransportProtocol = 'UDP' | 'TCP' | 'WS' | 'WSS';

export interface SipAddress {
  readonly address: string;
  readonly port: number;
}

/**
 * One path to a peer: a UDP 5-tuple, a TCP connection or a WebSocket. Responses and requests
 * to a WS/TCP-registered contact go back over the very flow it arrived on (RFC 5626 style).
 */
export interface SipFlow {
  /** Stable id: `udp:1.2.3.4:5060`, `tcp#7`, `ws#3`. */
  readonly id: string;
  readonly protocol: SipTransportProtocol;
  /** RFC 3261 §17: retransmissions only on unreliable transports. */
  readonly reliable: boolean;
  readonly local: SipAddress;
  readonly remote: SipAddress;
  isOpen(): boolean;
  send(data: Buffer): Promise<void>;
}

/** Where to send a request when no existing flow is named. */
export interface SipTarget {
  readonly protocol: SipTransportProtocol;
  readonly address: string;
  readonly port: number;
  /** Prefer this flow (e.g. the WS socket a contact registered over). */
  readonly flowId?: string;
}

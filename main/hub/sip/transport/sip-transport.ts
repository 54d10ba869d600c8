import type { SipAddress, SipFlow, SipTransportProtocol } from './sip-flow';

/**
 * What a transport hands upward: one complete SIP message and the flow it came on. With
 * `tooLarge`, `data` is only the header section of a message over the size limit (for a 513).
 */
export type SipMessageSink = (data: Buffer, flow: SipFlow, tooLarge: boolean) => void;

/** Narrow seam between the stack and a socket family (UDP, TCP, WS). Never throws into the sink. */
export interface SipTransport {
  readonly protocol: SipTransportProtocol;
  start(): Promise<SipAddress>;
  stop(): Promise<void>;
  /** Existing flow by id (connection-oriented transports), if still open. */
  getFlow(id: string): SipFlow | undefined;
  /** A flow to reach `remote`: reuse an open one, or create one (UDP, TCP). WS cannot dial out. */
  flowTo(remote: SipAddress): Promise<SipFlow>;
}

export interface TransportOptions {
  readonly maxMessageSize: number;
  readonly sink: SipMessageSink;
}

export function addressKey(a: SipAddress): string {
  return `${a.address}:${a.port}`;
}

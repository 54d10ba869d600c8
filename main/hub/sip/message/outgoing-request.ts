import type { HeaderPair } from './response-builder';

/**
 * A request the TU (the future B2BUA) asks the stack to send. The stack adds the top Via,
 * Max-Forwards (if absent) and Content-Length; everything else is the TU's.
 */
export interface OutgoingRequest {
  readonly method: string;
  readonly uri: string;
  readonly from: string;
  readonly to: string;
  readonly callId: string;
  readonly cseq: number;
  /** Route set in order (loose routing, RFC 3261 §12.2.1.1); the first hop is derived from it. */
  readonly routes?: readonly string[];
  readonly headers?: readonly HeaderPair[];
  readonly body?: string | Buffer;
  readonly contentType?: string;
}

export function serializeRequest(req: OutgoingRequest, topVia: string, uri: string, routes: readonly string[]): Buffer {
  const lines = [`${req.method} ${uri} SIP/2.0`, `Via: ${topVia}`];
  const extra = req.headers ?? [];
  if (!extra.some(([n]) => n.toLowerCase() === 'max-forwards')) lines.push('Max-Forwards: 70');
  for (const r of routes) lines.push(`Route: ${r}`);
  lines.push(`From: ${req.from}`, `To: ${req.to}`, `Call-ID: ${req.callId}`, `CSeq: ${req.cseq} ${req.method}`);
  for (const [name, value] of extra) lines.push(`${name}: ${value.replace(/[\r\n]/g, ' ')}`);
  const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
  if (body.length > 0 && req.contentType) lines.push(`Content-Type: ${req.contentType}`);
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

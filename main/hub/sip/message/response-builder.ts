import type { ResponseBasis } from './sip-message-parser';

export const REASON_PHRASES: Readonly<Record<number, string>> = {
  100: 'Trying', 180: 'Ringing', 181: 'Call Is Being Forwarded', 182: 'Queued', 183: 'Session Progress',
  200: 'OK', 202: 'Accepted', 302: 'Moved Temporarily',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  407: 'Proxy Authentication Required', 408: 'Request Timeout', 415: 'Unsupported Media Type',
  420: 'Bad Extension', 423: 'Interval Too Brief', 480: 'Temporarily Unavailable',
  481: 'Call/Transaction Does Not Exist', 482: 'Loop Detected', 483: 'Too Many Hops', 486: 'Busy Here',
  487: 'Request Terminated', 488: 'Not Acceptable Here', 491: 'Request Pending',
  500: 'Server Internal Error', 501: 'Not Implemented', 503: 'Service Unavailable', 504: 'Server Time-out',
  513: 'Message Too Large', 600: 'Busy Everywhere', 603: 'Decline',
};

/** Extra header: `['Contact', '<sip:…>']`. */
export type HeaderPair = readonly [name: string, value: string];

export interface ResponseOptions {
  readonly reason?: string;
  /** Our To tag; required for every response but 100 (RFC 3261 §8.2.6.2). */
  readonly toTag?: string;
  readonly headers?: readonly HeaderPair[];
  readonly body?: string | Buffer;
  readonly contentType?: string;
}

/**
 * The tag parameter of a To/From value. A scan rather than the sip.js grammar: this runs for every
 * response the hub builds, and each sip.js grammar call re-decodes its whole bytecode table
 * (measured: ~1 ms per call, most of the hub's CPU per call). Header parameters follow the
 * name-addr's closing `>` (or the addr-spec when there is none, RFC 3261 §20.10).
 */
export function toTagOf(to: string): string | undefined {
  const close = to.lastIndexOf('>');
  const params = close >= 0 ? to.slice(close + 1) : to.slice(Math.max(0, to.indexOf(';')));
  return /;\s*tag\s*=\s*([^;\s,]+)/i.exec(params)?.[1];
}

/**
 * RFC 3261 §8.2.6.2: "the From field of the response MUST equal the From header field of the
 * request. The Call-ID header field of the response MUST equal the Call-ID header field of the
 * request. The CSeq header field of the response MUST equal the CSeq field of the request. The
 * Via header field values in the response MUST equal the Via header field values in the request
 * and MUST maintain the same ordering." ... "If a request contained a To tag in the request, the
 * To header field in the response MUST equal that of the request. However, if the To header field
 * in the request did not contain a tag, the URI in the To header field in the response MUST equal
 * the URI in the To header field; additionally, the UAS MUST add a tag to the To header field in
 * the response (with the exception of the 100 (Trying) response, in which a tag MAY be present)."
 */
export function buildResponse(basis: ResponseBasis, status: number, options: ResponseOptions = {}): Buffer {
  const reason = (options.reason ?? REASON_PHRASES[status] ?? 'Unknown').replace(/[\r\n]/g, ' ');
  let to = basis.to;
  if (status > 100 && options.toTag && toTagOf(to) === undefined) to = `${to};tag=${options.toTag}`;
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const via of basis.vias) lines.push(`Via: ${via}`);
  lines.push(`From: ${basis.from}`, `To: ${to}`, `Call-ID: ${basis.callId}`, `CSeq: ${basis.cseq}`);
  for (const [name, value] of options.headers ?? []) lines.push(`${name}: ${value.replace(/[\r\n]/g, ' ')}`);
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  if (body.length > 0 && options.contentType) lines.push(`Content-Type: ${options.contentType}`);
  lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

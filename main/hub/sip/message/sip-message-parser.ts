import type { Logger as SipJsLogger } from 'sip.js/lib/core/log/logger.js';
import { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import type { IncomingResponseMessage } from 'sip.js/lib/core/messages/incoming-response-message.js';
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import type { SipLogger } from '../sip-logger';
import { parseVia, splitHeaderList } from './via-header';
import type { ViaHeader } from './via-header';

/** Headers a response can be built from even when the full parse failed (RFC 3261 §8.2.6.2). */
export interface ResponseBasis {
  readonly vias: readonly string[];
  readonly from: string;
  readonly to: string;
  readonly callId: string;
  readonly cseq: string;
}

export interface ParsedRequest {
  readonly kind: 'request';
  readonly msg: IncomingRequestMessage;
  /** Via values top first, one per entry (comma lists are split). */
  readonly vias: readonly ViaHeader[];
  /** `Contact: *` (RFC 3261 §10.2.2), which the sip.js grammar does not accept, is lifted out here. */
  readonly contactWildcard: boolean;
  readonly body: Buffer;
  readonly basis: ResponseBasis;
}

export interface ParsedResponse {
  readonly kind: 'response';
  readonly msg: IncomingResponseMessage;
  readonly vias: readonly ViaHeader[];
  readonly body: Buffer;
}

export interface InvalidMessage {
  readonly kind: 'invalid';
  readonly reason: string;
  /** Present when the input looks like a request carrying enough headers to answer 400. */
  readonly basis: ResponseBasis | undefined;
  readonly method: string | undefined;
}

export type ParseOutcome = ParsedRequest | ParsedResponse | InvalidMessage;

export interface ParseOptions {
  /**
   * RFC 3261 §18.3: "In the case of stream-oriented transports such as TCP, the Content-Length
   * header field indicates the size of the body." The framer already cut the message exactly.
   * For datagrams: "If the transport packet ends before the end of the message body, this is
   * considered an error. If the message is a response, it MUST be discarded. If the message is a
   * request, the element SHOULD generate a 400 (Bad Request) response."
   */
  readonly datagram: boolean;
}

const COMPACT: Record<string, string> = {
  v: 'via', f: 'from', t: 'to', i: 'call-id', m: 'contact', l: 'content-length', c: 'content-type',
  e: 'content-encoding', k: 'supported', s: 'subject', r: 'refer-to', o: 'event', u: 'allow-events',
};

interface RawHeader {
  name: string; // lower-case, compact forms expanded
  written: string; // as written
  value: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

function sipJsLogger(log: SipLogger): SipJsLogger {
  const l = (content: string): void => log.debug({ parser: 'sip.js' }, content);
  return { error: l, warn: l, log: l, debug: l } as unknown as SipJsLogger;
}

function invalid(reason: string, headers: RawHeader[] | undefined, method: string | undefined): InvalidMessage {
  return { kind: 'invalid', reason, basis: headers && method ? basisFrom(headers) : undefined, method };
}

function basisFrom(headers: RawHeader[]): ResponseBasis | undefined {
  const one = (n: string): string | undefined => headers.find((h) => h.name === n)?.value;
  const vias = headers.filter((h) => h.name === 'via').flatMap((h) => splitHeaderList(h.value));
  const from = one('from');
  const to = one('to');
  const callId = one('call-id');
  const cseq = one('cseq');
  if (vias.length === 0 || !from || !to || !callId || !cseq || !vias.every((v) => parseVia(v))) return undefined;
  return { vias, from, to, callId, cseq };
}

/**
 * Parse one complete SIP message. The grammar and header model are sip.js's (`Parser.parseMessage`,
 * `IncomingRequestMessage`); what is ours is the byte handling around it: header/body split on
 * bytes, Content-Length checks, Via list splitting, `Contact: *`, mandatory-header checks.
 * Never throws.
 */
export function parseSipMessage(data: Buffer, options: ParseOptions, log: SipLogger): ParseOutcome {
  try {
    return parseUnsafe(data, options, log);
  } catch (err) {
    return invalid(`parser exception: ${(err as Error).message}`, undefined, undefined);
  }
}

function parseUnsafe(data: Buffer, options: ParseOptions, log: SipLogger): ParseOutcome {
  const headEnd = data.indexOf(HEADER_END);
  if (headEnd < 0) return invalid('no end of header section', undefined, undefined);
  const head = data.subarray(0, headEnd);
  if (head.includes(0)) return invalid('NUL byte in header section', undefined, undefined);
  const text = head.toString('utf8');
  const lines = text.split('\r\n');
  const startLine = lines.shift() ?? '';
  const reqMatch = /^([A-Za-z!%*_+`'~.-]+) (\S+) SIP\/2\.0$/.exec(startLine);
  const method = reqMatch?.[1];
  if (!reqMatch && !/^SIP\/2\.0 \d{3} /.test(`${startLine} `)) return invalid('bad start line', undefined, undefined);

  // Unfold (RFC 3261 §7.3.1) and split "name: value".
  const headers: RawHeader[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && headers.length > 0) {
      const last = headers[headers.length - 1];
      if (last) last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return invalid(`header line without name: ${JSON.stringify(line.slice(0, 40))}`, headers, method);
    const written = line.slice(0, colon).trim();
    if (!/^[A-Za-z0-9!%*_+`'~.-]+$/.test(written)) return invalid('bad header name', headers, method);
    const lower = written.toLowerCase();
    headers.push({ name: COMPACT[lower] ?? lower, written, value: line.slice(colon + 1).trim() });
  }

  // Content-Length against the bytes we actually have.
  const bodyStart = headEnd + HEADER_END.length;
  const available = data.length - bodyStart;
  const clHeaders = headers.filter((h) => h.name === 'content-length');
  let bodyLength = available;
  if (clHeaders.length > 1) return invalid('several Content-Length headers', headers, method);
  const cl = clHeaders[0];
  if (cl) {
    if (!/^\d{1,9}$/.test(cl.value)) return invalid('bad Content-Length', headers, method);
    const n = Number(cl.value);
    if (n > available) return invalid('body shorter than Content-Length', headers, method);
    bodyLength = n; // "Any excess bytes beyond the end of the body are discarded."
  } else if (!options.datagram) {
    bodyLength = 0;
  }
  const body = Buffer.from(data.subarray(bodyStart, bodyStart + bodyLength));

  // Normalise for the sip.js parser: one Via per line, `Contact: *` lifted out.
  let contactWildcard = false;
  const out: string[] = [startLine];
  const vias: ViaHeader[] = [];
  for (const h of headers) {
    if (h.name === 'via') {
      for (const v of splitHeaderList(h.value)) {
        const via = parseVia(v);
        if (!via) return invalid('bad Via', headers, method);
        vias.push(via);
        out.push(`Via: ${via.raw}`);
      }
      continue;
    }
    if (h.name === 'contact' && h.value === '*') {
      contactWildcard = true;
      continue;
    }
    if (h.name === 'content-length') {
      out.push(`Content-Length: ${bodyLength}`);
      continue;
    }
    out.push(`${h.written}: ${h.value}`);
  }
  if (vias.length === 0) return invalid('no Via', headers, method);

  const msg = Parser.parseMessage(`${out.join('\r\n')}\r\n\r\n`, sipJsLogger(log));
  if (!msg) return invalid('sip.js grammar rejected the message', headers, method);
  msg.body = body.toString('utf8');

  // RFC 3261 §8.1.1: "the following header fields MUST be included: To, From, CSeq, Call-ID, Max-Forwards, and Via".
  // Max-Forwards is not enforced (many keepalive senders omit it); the others are.
  if (!msg.from || !msg.to || !msg.callId || !Number.isInteger(msg.cseq)) {
    return invalid('missing or bad To/From/Call-ID/CSeq', headers, method);
  }
  if (msg instanceof IncomingRequestMessage) {
    if (!msg.ruri) return invalid('bad Request-URI', headers, method);
    const cseqMethod = headers.find((h) => h.name === 'cseq')?.value.split(/\s+/)[1];
    // RFC 3261 §8.1.1.5: "The method MUST match that of the request."
    if (cseqMethod !== msg.method) return invalid('CSeq method does not match', headers, method);
    const basis = basisFrom(headers);
    if (!basis) return invalid('incomplete headers', headers, method);
    return { kind: 'request', msg, vias, contactWildcard, body, basis };
  }
  return { kind: 'response', msg: msg as IncomingResponseMessage, vias, body };
}

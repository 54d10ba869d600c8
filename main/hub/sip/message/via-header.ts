import { Grammar } from 'sip.js/lib/grammar/grammar.js';

/** One Via header field value (RFC 3261 §20.42), validated by the sip.js grammar. */
export interface ViaHeader {
  /** The value as received (or as we will write it). */
  readonly raw: string;
  readonly transport: string;
  /** sent-by host (IPv6 keeps its brackets) and port, if written. */
  readonly host: string;
  readonly port: number | undefined;
  readonly branch: string | undefined;
  /** `rport` present: undefined = absent, '' = present without value. */
  readonly rport: string | undefined;
  readonly received: string | undefined;
}

/** RFC 3261 §8.1.1.7: "The branch ID inserted by an element compliant with this specification MUST always begin with the characters "z9hG4bK"." */
export const MAGIC_COOKIE = 'z9hG4bK';

interface GrammarVia {
  transport: string;
  branch?: string;
  rport?: string;
  received?: string;
  params?: Record<string, string | undefined>;
}

/**
 * Parse one Via value with the sip.js grammar. The grammar replaces `host` with `maddr` when one
 * is present, so the sent-by is read from the raw text (it sits between the protocol and the first `;`).
 */
export function parseVia(raw: string): ViaHeader | undefined {
  const parsed = Grammar.parse(raw, 'Via') as GrammarVia | -1;
  if (parsed === -1 || typeof parsed !== 'object') return undefined;
  const m = /^\s*SIP\s*\/\s*2\.0\s*\/\s*[A-Za-z]+\s+([^;\s]+)/i.exec(raw);
  if (!m || m[1] === undefined) return undefined;
  const sentBy = m[1];
  let host = sentBy;
  let port: number | undefined;
  const v6 = /^(\[[^\]]+\])(?::(\d+))?$/.exec(sentBy);
  if (v6) {
    host = v6[1] ?? sentBy;
    port = v6[2] === undefined ? undefined : Number(v6[2]);
  } else {
    const idx = sentBy.lastIndexOf(':');
    if (idx > 0) {
      host = sentBy.slice(0, idx);
      port = Number(sentBy.slice(idx + 1));
    }
  }
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) return undefined;
  const params = parsed.params ?? {};
  const rport = parsed.rport !== undefined ? parsed.rport : 'rport' in params ? '' : undefined;
  return {
    raw: raw.trim(),
    transport: parsed.transport.toUpperCase(),
    host,
    port,
    branch: parsed.branch,
    rport,
    received: parsed.received,
  };
}

/**
 * RFC 3261 §18.2.1: "the server MUST add a "received" parameter to that Via header field value"
 * when the sent-by host differs from the packet source; RFC 3581 §4: "When a server compliant to
 * this specification ... receives a request, it examines the topmost Via header field value. If
 * this Via header field value contains an "rport" parameter with no value, it MUST set the value
 * of the parameter to the source port of the request." (and then also adds received).
 */
export function stampReceived(via: ViaHeader, sourceAddress: string, sourcePort: number): ViaHeader {
  let raw = via.raw.replace(/;\s*received=[^;]*/i, '');
  const wantsRport = via.rport !== undefined;
  if (wantsRport) raw = raw.replace(/;\s*rport(=[^;]*)?/i, '');
  const hostBare = via.host.replace(/^\[|\]$/g, '');
  let received: string | undefined;
  if (hostBare !== sourceAddress || wantsRport) {
    received = sourceAddress.includes(':') ? `[${sourceAddress}]` : sourceAddress;
    raw += `;received=${received}`;
  }
  if (wantsRport) raw += `;rport=${sourcePort}`;
  return { ...via, raw, received: received ?? via.received, rport: wantsRport ? String(sourcePort) : undefined };
}

/** Split a header value list on top-level commas (outside quotes and angle brackets). */
export function splitHeaderList(value: string): string[] {
  const out: string[] = [];
  let depthAngle = 0;
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (inQuote) {
      if (ch === '\\') i++;
      else if (ch === '"') inQuote = false;
    } else if (ch === '"') inQuote = true;
    else if (ch === '<') depthAngle++;
    else if (ch === '>') depthAngle = Math.max(0, depthAngle - 1);
    else if (ch === ',' && depthAngle === 0) {
      out.push(value.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(value.slice(start).trim());
  return out.filter((s) => s.length > 0);
}

/**
 * The bodies of SIP INFO DTMF: `application/dtmf-relay` ("Signal=5\r\nDuration=160") and
 * `application/dtmf` (just the digit). Returns the digit or undefined.
 */
export function parseDtmfInfo(body: string, contentType: string): string | undefined {
  const raw = contentType.startsWith('application/dtmf-relay') ? /^\s*Signal\s*=\s*(\S+)/im.exec(body)?.[1] : body.trim();
  if (!raw) return undefined;
  // Some phones send the RFC 4733 event number (10 = '*', 11 = '#').
  const digit = raw === '10' ? '*' : raw === '11' ? '#' : raw.toUpperCase();
  return /^[0-9*#A-D]$/.test(digit) ? digit : undefined;
}

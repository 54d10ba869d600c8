/** The parameters of an `Authorization: Digest …` value (RFC 3261 §25.1 digest-response). */
export type DigestCredentials = Readonly<Record<string, string>>;

/**
 * Parse `Digest username="a", realm="b", nc=00000001, …`. sip.js's grammar has no rule for
 * Authorization (it is a UA library: it only writes credentials), so this small reader is ours.
 * Returns undefined for any other scheme or a malformed list.
 */
export function parseDigestCredentials(value: string): DigestCredentials | undefined {
  const m = /^\s*Digest\s+/i.exec(value);
  if (!m) return undefined;
  const out: Record<string, string> = {};
  let i = m[0].length;
  const s = value;
  while (i < s.length) {
    while (i < s.length && /[\s,]/.test(s[i] ?? '')) i++;
    if (i >= s.length) break;
    const nameMatch = /^([A-Za-z0-9_-]+)\s*=\s*/.exec(s.slice(i));
    if (!nameMatch || nameMatch[1] === undefined) return undefined;
    const name = nameMatch[1].toLowerCase();
    i += nameMatch[0].length;
    let val = '';
    if (s[i] === '"') {
      i++;
      while (i < s.length && s[i] !== '"') {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        val += s[i];
        i++;
      }
      if (s[i] !== '"') return undefined;
      i++;
    } else {
      const tok = /^[^\s,]*/.exec(s.slice(i))?.[0] ?? '';
      val = tok;
      i += tok.length;
    }
    if (name in out) return undefined;
    out[name] = val;
  }
  return out;
}

/**
 * The HTTP lookup source: one GET/POST with a hard timeout, a JSON answer and a tiny JSON path
 * (`$.a.b[0]`). Anything slow or malformed is an `error` outcome so the flow can apologise and
 * move on; a caller must never sit in silence because a back-office service hangs.
 */
import type { Value } from './expression';

export type HttpLookupOutcome =
  | { outcome: 'ok'; value: Value }
  | { outcome: 'not-found' }
  | { outcome: 'error'; error: string };

export interface HttpLookupRequest {
  url: string;
  method: 'GET' | 'POST';
  body?: Record<string, Value>;
  timeoutMs: number;
  path: string;
}

export async function httpLookup(req: HttpLookupRequest, fetchFn: typeof fetch = fetch): Promise<HttpLookupOutcome> {
  let res: Response;
  try {
    res = await fetchFn(req.url, {
      method: req.method,
      headers: { accept: 'application/json', ...(req.body ? { 'content-type': 'application/json' } : {}) },
      ...(req.body ? { body: JSON.stringify(req.body) } : {}),
      signal: AbortSignal.timeout(req.timeoutMs),
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    return { outcome: 'error', error: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'unreachable' };
  }
  if (res.status === 404) return { outcome: 'not-found' };
  if (!res.ok) return { outcome: 'error', error: `http-${res.status}` };
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    return { outcome: 'error', error: 'bad-json' };
  }
  const value = jsonPath(json, req.path);
  if (value === undefined || value === null) return { outcome: 'not-found' };
  if (typeof value === 'object') return { outcome: 'error', error: 'not-a-scalar' };
  return { outcome: 'ok', value: value as Value };
}

/** `$`, `.name`, `[index]` only: enough to pick a field, too small to be a query language. */
export function jsonPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const m of path.slice(1).matchAll(/\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    if (m[1] !== undefined) cur = Object.hasOwn(cur, m[1]) ? (cur as Record<string, unknown>)[m[1]] : undefined;
    else cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
  }
  return cur;
}

/**
 * The seat's HTTP client of the hub API. Network failures become BL_ERR_HUB_UNREACHABLE and hub
 * errors keep their code, so the renderer sees the same `{code, message}` whatever went wrong.
 */
import type { z } from 'zod';
import { BranchlineError, fromWireError } from '../../protocol/errors';

export interface HubRequest<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  token?: string | null;
  body?: unknown;
  query?: Record<string, string | number>;
  response: S;
}

export class HubClient {
  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async request<S extends z.ZodType>(req: HubRequest<S>): Promise<z.output<S>> {
    const url = new URL(req.path, this.baseUrl);
    for (const [k, v] of Object.entries(req.query ?? {})) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = {};
    if (req.token) headers.authorization = `Bearer ${req.token}`;
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method: req.method,
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new BranchlineError('BL_ERR_HUB_UNREACHABLE', undefined, { cause: (err as Error).message });
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      throw new BranchlineError('BL_ERR_HUB_UNREACHABLE', `Hub answered ${response.status} with a non-JSON body`);
    }
    if (!response.ok) throw fromWireError((json as { error?: unknown } | undefined)?.error);
    const parsed = req.response.safeParse(json);
    if (!parsed.success) throw new BranchlineError('BL_ERR_HUB_UNREACHABLE', `Hub answered ${req.path} with an unexpected body`);
    return parsed.data;
  }
}

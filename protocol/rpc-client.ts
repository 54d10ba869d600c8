/**
 * Builds a typed client (`window.branchline`) from a contract and a transport. The same function
 * serves the preload (IPC transport) and web mode (WebSocket transport), so renderer code is identical.
 */
import type { ApiDef, ClientOf } from './rpc';

export interface ClientTransport {
  /** Resolves with the raw result or rejects with a BranchlineError. */
  request(service: string, method: string, args: unknown): Promise<unknown>;
  /** Delivers every pushed event; returns an unsubscribe function. */
  onEvent(listener: (service: string, event: string, payload: unknown) => void): () => void;
}

export function createClient<A extends ApiDef>(api: A, transport: ClientTransport): ClientOf<A> {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  transport.onEvent((service, eventName, payload) => {
    const set = listeners.get(`${service}.${eventName}`);
    if (!set) return;
    const schema = api[service]?.[eventName];
    const parsed = schema?.kind === 'event' ? schema.payload.safeParse(payload) : undefined;
    if (!parsed?.success) return; // a malformed push is dropped, never thrown into UI code
    for (const listener of [...set]) listener(parsed.data);
  });

  const client: Record<string, Record<string, unknown>> = {};
  for (const [service, members] of Object.entries(api)) {
    const bound: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(members)) {
      if (member.kind === 'method') {
        bound[name] = async (args?: unknown) => {
          const raw = await transport.request(service, name, args);
          return member.output.parse(raw);
        };
      } else {
        const key = `${service}.${name}`;
        bound[name] = (listener: (payload: unknown) => void) => {
          let set = listeners.get(key);
          if (!set) listeners.set(key, (set = new Set()));
          set.add(listener);
          return () => set.delete(listener);
        };
      }
    }
    client[service] = Object.freeze(bound);
  }
  return Object.freeze(client) as ClientOf<A>;
}

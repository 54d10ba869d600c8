/**
 * Web mode transport for the shared RPC client: frames over a WebSocket to the seat's `/rpc`.
 * Requests sent before the socket opens wait for it; when the socket drops, pending calls fail
 * with BL_ERR_RPC_DISCONNECTED and the transport reconnects. The new connection is a new seat
 * session, so the page is told its session ended and shows the login again.
 */
import { BranchlineError, fromWireError } from '../../../protocol/errors';
import type { ServerFrame } from '../../../protocol/rpc';
import type { ClientTransport } from '../../../protocol/rpc-client';

export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

const OPEN = 1;

export interface WsTransport extends ClientTransport {
  close(): void;
}

export function createWsTransport(url: string, connect: (url: string) => WebSocketLike, reconnectMs = 1_000): WsTransport {
  let socket: WebSocketLike;
  let nextId = 1;
  let wasOpen = false;
  let closed = false;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const queue: string[] = [];
  const listeners = new Set<(service: string, event: string, payload: unknown) => void>();
  const emit = (service: string, event: string, payload: unknown) => {
    for (const l of [...listeners]) l(service, event, payload);
  };

  const open = () => {
    socket = connect(url);
    socket.onopen = () => {
      if (wasOpen) emit('auth', 'onSessionEnded', { reason: 'expired' });
      wasOpen = true;
      for (const frame of queue.splice(0)) socket.send(frame);
    };
    socket.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'event') {
        emit(frame.service, frame.event, frame.payload);
        return;
      }
      const waiter = frame.id === null ? undefined : pending.get(frame.id);
      if (!waiter) return;
      pending.delete(frame.id!);
      if (frame.type === 'result') waiter.resolve(frame.result);
      else waiter.reject(fromWireError(frame.error));
    };
    socket.onclose = () => {
      for (const [id, waiter] of pending) {
        pending.delete(id);
        waiter.reject(new BranchlineError('BL_ERR_RPC_DISCONNECTED'));
      }
      if (!closed) setTimeout(open, reconnectMs);
    };
    socket.onerror = () => {};
  };
  open();

  return {
    request(service, method, args) {
      const id = nextId++;
      const frame = JSON.stringify({ id, service, method, args });
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        if (socket.readyState === OPEN) socket.send(frame);
        else queue.push(frame);
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}

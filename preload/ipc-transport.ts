/**
 * The preload's transport for the shared RPC client: `ipcRenderer.invoke` on contract channels
 * only (there is no generic send), and one event channel for pushes.
 */
import { fromWireError } from '../protocol/errors';
import type { EventFrame, ResponseFrame } from '../protocol/rpc';
import type { ClientTransport } from '../protocol/rpc-client';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export const EVENT_CHANNEL = 'bl:event';

export function createIpcTransport(ipc: IpcRendererLike): ClientTransport {
  return {
    async request(service, method, args) {
      const frame = (await ipc.invoke(`bl:${service}.${method}`, args)) as ResponseFrame;
      if (frame.type === 'result') return frame.result;
      throw fromWireError(frame.error);
    },
    onEvent(listener) {
      const handler = (_event: unknown, frame: unknown) => {
        const f = frame as EventFrame;
        if (f && f.type === 'event') listener(f.service, f.event, f.payload);
      };
      ipc.on(EVENT_CHANNEL, handler);
      return () => ipc.removeListener(EVENT_CHANNEL, handler);
    },
  };
}

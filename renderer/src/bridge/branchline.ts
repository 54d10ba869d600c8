/**
 * The renderer's only door to the seat services. Inside Electron the preload has already put
 * `window.branchline` there; in a browser (web mode) the same client is built over a WebSocket.
 */
import { createClient } from '../../../protocol/rpc-client';
import { seatApi } from '../../../protocol/seat-api';
import type { BranchlineClient } from '../../../protocol/seat-api';
import { createWsTransport } from './ws-transport';
import type { WebSocketLike } from './ws-transport';

declare global {
  interface Window {
    branchline?: BranchlineClient;
  }
}

function webModeClient(): BranchlineClient {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = createWsTransport(`${scheme}//${location.host}/rpc`, (url) => new WebSocket(url) as unknown as WebSocketLike);
  return createClient(seatApi, transport);
}

export const branchline: BranchlineClient = window.branchline ?? webModeClient();

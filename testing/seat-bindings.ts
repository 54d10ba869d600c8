/**
 * A real seat (services, web-mode WebSocket binding, Electron IPC binding over the in-process
 * stand-in) for contract tests, with a client factory per binding: the same suite runs over both.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { expect } from 'vitest';
import { bindSeatToIpc } from '../main/app/ipc-binding';
import { silentLogger } from '../main/common/logger';
import { createSeat } from '../main/seat/seat';
import type { Seat, SeatOptions } from '../main/seat/seat';
import { startWebBinding } from '../main/seat/ws-binding';
import type { RunningWebBinding } from '../main/seat/ws-binding';
import { createIpcTransport } from '../preload/ipc-transport';
import { BranchlineError } from '../protocol/errors';
import { createClient } from '../protocol/rpc-client';
import { seatApi } from '../protocol/seat-api';
import type { BranchlineClient } from '../protocol/seat-api';
import { createWsTransport } from '../renderer/src/bridge/ws-transport';
import type { WebSocketLike } from '../renderer/src/bridge/ws-transport';
import { FakeIpcMain } from './fake-electron-ipc';
import { tempDataDir } from './spawn-branchline';

export const APP_PAGE = 'app://branchline/index.html';

export interface SeatWithBindings {
  readonly seat: Seat;
  readonly web: RunningWebBinding;
  readonly ipcMain: FakeIpcMain;
  /** A renderer in web mode: the WebSocket transport from the page's own origin. */
  wsClient(): BranchlineClient;
  /** A renderer in Electron: the preload's transport from a window showing `url`. */
  ipcClient(url?: string, options?: { subframe?: boolean }): BranchlineClient;
  close(): Promise<void>;
}

export async function startSeatWithBindings(hubUrl: string, extra: Partial<SeatOptions> = {}, prefix = 'bl-seat-'): Promise<SeatWithBindings> {
  const dataDir = tempDataDir(prefix);
  const rendererDir = join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>test</title>');
  const seat = createSeat({ hubUrl, dataDir, serverMode: false, shell: 'web', logger: silentLogger(), ...extra });
  const web = await startWebBinding({ seat, hubUrl, listen: { host: '127.0.0.1', port: 0 }, rendererDir, logger: silentLogger() });
  const ipcMain = new FakeIpcMain();
  bindSeatToIpc(ipcMain, seat, (url) => url.startsWith('app://branchline/'));
  const origin = web.url.replace(/\/$/, '');
  return {
    seat,
    web,
    ipcMain,
    wsClient: () =>
      createClient(seatApi, createWsTransport(`${origin.replace('http', 'ws')}/rpc`, (url) => new WebSocket(url, { origin }) as unknown as WebSocketLike)),
    ipcClient: (url = APP_PAGE, options = {}) => createClient(seatApi, createIpcTransport(ipcMain.connectRenderer(url, options))),
    async close() {
      await web.close();
      await seat.close();
    },
  };
}

/** The BranchlineError code a promise rejects with (fails the test if it resolves or throws anything else). */
export async function errorCodeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(BranchlineError);
    return (err as BranchlineError).code;
  }
  throw new Error('expected a rejection');
}

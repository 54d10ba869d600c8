/**
 * Binds the seat contract to Electron IPC: one `ipcMain.handle('bl:<service>.<method>')` per
 * contract method. Main trusts no caller: only the top frame of a window showing our own
 * `app://` content may call, every argument is parsed by the contract, and answers are frames
 * (`{type:'result'|'error'}`) so errors keep their code across the boundary.
 * Typed against structural stand-ins so tests can drive it without the Electron binary.
 */
import { BranchlineError } from '../../protocol/errors';
import type { EventFrame, ResponseFrame } from '../../protocol/rpc';
import { seatApi } from '../../protocol/seat-api';
import type { Seat } from '../seat/seat';
import type { SeatSession } from '../seat/seat-session';

export interface WebContentsLike {
  readonly id: number;
  send(channel: string, ...args: unknown[]): void;
  once(event: 'destroyed', listener: () => void): unknown;
  isDestroyed(): boolean;
}

export interface IpcInvokeEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export const EVENT_CHANNEL = 'bl:event';

export function channelName(service: string, method: string): string {
  return `bl:${service}.${method}`;
}

export function bindSeatToIpc(ipcMain: IpcMainLike, seat: Seat, isTrustedUrl: (url: string) => boolean): () => void {
  const sessions = new Map<number, SeatSession>();
  const sessionFor = (sender: WebContentsLike): SeatSession => {
    let session = sessions.get(sender.id);
    if (!session) {
      session = seat.createSession((name, payload) => {
        if (sender.isDestroyed()) return;
        const dot = name.indexOf('.');
        const frame: EventFrame = { type: 'event', service: name.slice(0, dot), event: name.slice(dot + 1), payload };
        sender.send(EVENT_CHANNEL, frame);
      });
      sessions.set(sender.id, session);
      sender.once('destroyed', () => {
        sessions.get(sender.id)?.dispose();
        sessions.delete(sender.id);
      });
    }
    return session;
  };

  const channels: string[] = [];
  for (const [service, members] of Object.entries(seatApi)) {
    for (const [method, member] of Object.entries(members)) {
      if (member.kind !== 'method') continue;
      const channel = channelName(service, method);
      channels.push(channel);
      ipcMain.handle(channel, async (event, args): Promise<ResponseFrame> => {
        const frame = event.senderFrame;
        if (!frame || frame.parent || !isTrustedUrl(frame.url)) {
          return { type: 'error', id: 0, error: new BranchlineError('BL_ERR_RPC_FORBIDDEN_SENDER').toWire() };
        }
        return seat.dispatcher.dispatch({ id: 0, service, method, args }, sessionFor(event.sender));
      });
    }
  }
  return () => {
    for (const c of channels) ipcMain.removeHandler(c);
    for (const s of sessions.values()) s.dispose();
    sessions.clear();
  };
}

/**
 * An in-process stand-in for Electron's ipcMain/ipcRenderer pair, close enough to drive the real
 * IPC binding and preload transport: arguments and answers cross a structured clone, as in Electron,
 * and each renderer has its own webContents id and top-level frame URL.
 */
import { EventEmitter } from 'node:events';
import type { IpcInvokeEventLike, IpcMainLike, WebContentsLike } from '../main/app/ipc-binding';
import type { IpcRendererLike } from '../preload/ipc-transport';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => unknown;

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Handler>();
  private nextId = 1;

  handle(channel: string, listener: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }

  /** A renderer whose top frame shows `url`; `subframe` simulates a call from an embedded frame. */
  connectRenderer(url: string, options: { subframe?: boolean } = {}): FakeRenderer {
    return new FakeRenderer(this, this.nextId++, url, options.subframe ?? false);
  }
}

export class FakeRenderer implements IpcRendererLike {
  private readonly events = new EventEmitter();
  private readonly lifecycle = new EventEmitter();
  private destroyed = false;
  readonly webContents: WebContentsLike;

  constructor(
    private readonly main: FakeIpcMain,
    readonly id: number,
    readonly url: string,
    private readonly subframe: boolean,
  ) {
    this.webContents = {
      id,
      send: (channel, ...args) => {
        const cloned = structuredClone(args);
        queueMicrotask(() => this.events.emit(channel, {}, ...cloned));
      },
      once: (_event, listener) => this.lifecycle.once('destroyed', listener),
      isDestroyed: () => this.destroyed,
    };
  }

  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.main.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const event: IpcInvokeEventLike = {
      sender: this.webContents,
      senderFrame: { url: this.url, parent: this.subframe ? {} : null },
    };
    return structuredClone(await handler(event, ...structuredClone(args)));
  }

  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown {
    return this.events.on(channel, listener);
  }

  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown {
    return this.events.removeListener(channel, listener);
  }

  destroy(): void {
    this.destroyed = true;
    this.lifecycle.emit('destroyed');
  }
}

/**
 * The IVR as the call layer sees it: one object that turns (call id, caller, dialled hotline,
 * channel) into a running session on the hotline's current flow version. It keeps the sessions in
 * progress so a hot reload can be observed (each reports its own version) and shutdown can wait.
 */
import { join } from 'node:path';
import type { Logger } from '../../common/logger';
import type { FlowRegistry } from './flow-registry';
import type { IvrChannel } from './ivr-channel';
import type { IvrSessionResult } from './ivr-events';
import type { IvrPorts } from './ivr-ports';
import { IvrSession } from './ivr-session';

export interface IvrEngineOptions {
  registry: FlowRegistry;
  ports: IvrPorts;
  logger: Logger;
  /** `<dataDir>`: voicemail goes to `<dataDir>/voicemail`. */
  dataDir: string;
  now?: () => Date;
}

export interface StartedSession {
  session: IvrSession;
  /** Resolves when the call leaves the IVR. */
  done: Promise<IvrSessionResult>;
}

export class IvrEngine {
  private readonly live = new Map<string, IvrSession>();

  constructor(private readonly options: IvrEngineOptions) {}

  /** Does this number have a flow? (The call layer asks before answering.) */
  handles(hotline: string): boolean {
    try {
      this.options.registry.currentFlow(hotline);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Creates the session on the current version and starts it. Throws BL_ERR_IVR_UNKNOWN_HOTLINE
   * when the number has no flow (answer 404 on the SIP side).
   */
  start(call: { callId: string; caller: string; hotline: string; channel: IvrChannel }): StartedSession {
    const active = this.options.registry.currentFlow(call.hotline);
    const session = new IvrSession({
      callId: call.callId,
      caller: call.caller,
      hotline: call.hotline,
      version: active.version,
      flow: active.compiled,
      channel: call.channel,
      ports: this.options.ports,
      logger: this.options.logger,
      recordingsDir: join(this.options.dataDir, 'voicemail'),
      ...(this.options.now ? { now: this.options.now } : {}),
    });
    this.live.set(call.callId, session);
    const done = session.run().finally(() => this.live.delete(call.callId));
    return { session, done };
  }

  /** Sessions in progress, with the flow version each is running. */
  sessions(): { callId: string; version: number; state: string }[] {
    return [...this.live.values()].map((s) => ({ callId: s.callId, version: s.version, state: s.state }));
  }
}

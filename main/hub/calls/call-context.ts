import type { Logger } from '../../common/logger';
import type { HubEventBus } from '../events/hub-event-bus';
import type { MediaEngine } from '../media/engine';
import type { SipStack } from '../sip';
import type { CallRepository } from '../store/sqlite-call-repository';

/** What every call shares: the engine's collaborators. */
export interface CallContext {
  readonly sip: SipStack;
  readonly media: MediaEngine;
  readonly bus: HubEventBus;
  readonly calls: CallRepository;
  readonly log: Logger;
  /** `<dataDir>/recordings`, created on start. */
  readonly recordingsDir: string | undefined;
  /** A WAV for music on hold (8 kHz); absent → the built-in melody. */
  readonly mohPath: string | undefined;
  /** Register / forget a leg's dialog for in-dialog request matching. */
  readonly index: (key: string, leg: import('./sip-leg').SipLeg, call: import('./call').Call) => void;
  readonly unindex: (key: string) => void;
}

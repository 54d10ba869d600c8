/**
 * In-process event bus of the hub. Behind this interface so that a multi-branch deployment can
 * swap in NATS or Redis streams without touching publishers or subscribers.
 */
import { EventEmitter } from 'node:events';
import type { AgentStatus } from '../../../protocol/agent';
import type { CallAnswered, CallDtmf, CallEnded, CallHeld, CallIncoming, CallRinging, CallTransferred } from '../../../protocol/call';

export interface HubEvents {
  'agent.status': AgentStatus;
  'session.ended': { userId: number; reason: 'logout' | 'expired' | 'replaced' };
  'call.incoming': CallIncoming;
  'call.ringing': CallRinging;
  'call.answered': CallAnswered;
  'call.held': CallHeld;
  'call.transferred': CallTransferred;
  'call.dtmf': CallDtmf;
  'call.ended': CallEnded;
}

export interface HubEventBus {
  publish<K extends keyof HubEvents>(name: K, payload: HubEvents[K]): void;
  subscribe<K extends keyof HubEvents>(name: K, listener: (payload: HubEvents[K]) => void): () => void;
}

export function createLocalEventBus(): HubEventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (name, payload) => void emitter.emit(name, payload),
    subscribe: (name, listener) => {
      emitter.on(name, listener);
      return () => void emitter.off(name, listener);
    },
  };
}

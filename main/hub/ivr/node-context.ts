/**
 * What a node handler may use of its session. Handlers are plain functions over this context so
 * each node type is read (and tested) on its own; the session owns state, events and the loop.
 */
import type { IvrFlow } from '../../../protocol/ivr';
import type { Logger } from '../../common/logger';
import type { Value } from './expression';
import type { IvrChannel } from './ivr-channel';
import type { IvrEvent } from './ivr-events';
import type { CallerInfo, IvrPorts } from './ivr-ports';
import type { IvrEndReason } from './ivr-session-state';
import type { IvrVariables } from './ivr-variables';

export type NodeStep = { next: string } | { end: IvrEndReason };

/** Distributes Omit over the event union. */
export type EventInput = IvrEvent extends infer E ? (E extends IvrEvent ? Omit<E, 'at'> : never) : never;

export interface NodeContext {
  readonly flow: IvrFlow;
  readonly callId: string;
  readonly hotline: string;
  readonly caller: string;
  readonly customer: CallerInfo;
  readonly channel: IvrChannel;
  readonly ports: IvrPorts;
  readonly vars: IvrVariables;
  readonly logger: Logger;
  readonly recordingsDir: string;
  /** Node ids visited so far. */
  readonly path: readonly string[];
  /** Cards whose PIN this call already verified: a second lookup does not ask again. */
  readonly verifiedCards: Set<string>;
  now(): Date;
  evaluate(source: string): Value;
  /** Plays prompts (by flow prompt id) and extra clips as one stream; returns a barge-in key. */
  play(prompts: readonly (string | undefined)[], options: { bargeIn: boolean; clips?: readonly string[]; text?: string }): Promise<string | null>;
  emit(event: EventInput): void;
  /** Keys that barged into a play node; the next input node uses them instead of prompting. */
  typeahead: string;
  /** State changes around a transfer. */
  enterTransfer(): void;
  leaveTransfer(): void;
}

/** Clip key of a flow prompt in the prompt cache. */
export function promptClip(id: string): string {
  return `prompt.${id}`;
}

export const BEEP_CLIP = 'tone.beep';

/**
 * What a session reports for the CDR and the supervisor view: the path taken and every input, with
 * secret inputs (PINs) already masked. Nothing secret is ever put into an event.
 */
import type { TransferTarget } from '../../../protocol/ivr';
import type { IvrEndReason, IvrSessionState } from './ivr-session-state';

export type IvrEvent =
  | { type: 'started'; at: number; callId: string; hotline: string; version: number; customerId: number | null; tier: string | null }
  | { type: 'state'; at: number; from: IvrSessionState; to: IvrSessionState }
  | { type: 'node'; at: number; node: string; nodeType: string }
  | { type: 'input'; at: number; node: string; digits: string; result: 'ok' | 'invalid' | 'timeout'; secret: boolean }
  | { type: 'lookup'; at: number; node: string; source: string; outcome: string; ms: number }
  | { type: 'transfer'; at: number; node: string; target: TransferTarget; outcome: string }
  | { type: 'voicemail'; at: number; node: string; ticketNo: string; durationMs: number }
  | { type: 'survey'; at: number; node: string; score: number | null }
  | { type: 'ended'; at: number; reason: IvrEndReason; path: string[] };

export interface IvrSessionResult {
  callId: string;
  hotline: string;
  version: number;
  state: 'ended' | 'failed';
  reason: IvrEndReason;
  path: string[];
  /** Inputs in order, PINs masked. */
  inputs: { node: string; digits: string }[];
}

/**
 * What the IVR needs from the rest of the hub, as narrow ports so the interpreter is tested with
 * the real store (store-ivr-ports.ts) or with anything else, and the CDR/work-order owners can
 * plug in their own implementations later.
 */
import type { CustomerTier } from '../../../protocol/customer';

export interface CallerInfo {
  customerId: number | null;
  tier: CustomerTier | null;
}

export interface CallerDirectory {
  /** By caller number in any format (normalised with protocol/phone.ts). */
  lookup(callerNumber: string): Promise<CallerInfo>;
}

export type PinCheck =
  | { status: 'ok' }
  | { status: 'bad'; attemptsLeft: number }
  | { status: 'locked' }
  | { status: 'not-found' };

export interface AccountPort {
  /** Verifies a card PIN; failures are counted and persisted, the card locks after N. */
  verifyPin(card: string, pin: string): Promise<PinCheck>;
  balance(card: string): Promise<{ balanceCents: number; kind: 'debit' | 'credit' } | undefined>;
  recentTransactions(card: string, limit: number): Promise<{ at: number; amountCents: number; description: string }[]>;
}

export interface TicketPort {
  status(ticketNo: string): Promise<{ status: string; kind: string; updatedAt: number } | undefined>;
}

export interface VoicemailMessage {
  callId: string;
  hotline: string;
  caller: string;
  customerId: number | null;
  audioPath: string;
  durationMs: number;
}

export interface VoicemailPort {
  /** Creates a work order with the recording linked; returns its keypad-friendly number. */
  createWorkOrder(message: VoicemailMessage): Promise<{ ticketNo: string }>;
}

export interface SurveyPort {
  /** Stores the caller's 1–5 score on the call's CDR. */
  recordSurvey(survey: { callId: string; hotline: string; score: number; agent: string | null }): Promise<void>;
}

export interface IvrPorts {
  callers: CallerDirectory;
  accounts: AccountPort;
  tickets: TicketPort;
  voicemail: VoicemailPort;
  surveys: SurveyPort;
  /** HTTP lookups; injectable for tests and proxies. */
  fetch?: typeof fetch;
}

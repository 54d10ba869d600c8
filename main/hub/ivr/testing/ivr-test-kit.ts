/**
 * Helpers for IVR tests: in-memory ports that record what they were asked, and `runFlow` to run a
 * flow document against a scripted caller.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IvrFlowInput } from '../../../../protocol/ivr';
import type { Logger } from '../../../common/logger';
import { silentLogger } from '../../../common/logger';
import { compileFlow } from '../flow-validator';
import type { TransferResult } from '../ivr-channel';
import type { IvrEvent, IvrSessionResult } from '../ivr-events';
import type { CallerInfo, IvrPorts, PinCheck, VoicemailMessage } from '../ivr-ports';
import { IvrSession } from '../ivr-session';
import { type CallerAction, ScriptedIvrChannel } from './scripted-ivr-channel';

export interface MemoryPorts extends IvrPorts {
  readonly voicemails: VoicemailMessage[];
  readonly surveys: IvrPorts['surveys'] & { readonly scores: { callId: string; score: number; agent: string | null }[] };
}

export function memoryPorts(options: {
  caller?: CallerInfo;
  pins?: Record<string, string>;
  balances?: Record<string, number>;
  tickets?: Record<string, string>;
  fetch?: typeof fetch;
} = {}): MemoryPorts {
  const voicemails: VoicemailMessage[] = [];
  const scores: { callId: string; score: number; agent: string | null }[] = [];
  const failures = new Map<string, number>();
  return {
    voicemails,
    callers: { lookup: async () => options.caller ?? { customerId: null, tier: null } },
    accounts: {
      async verifyPin(card, pin): Promise<PinCheck> {
        const want = options.pins?.[card];
        if (want === undefined) return { status: 'not-found' };
        if ((failures.get(card) ?? 0) >= 3) return { status: 'locked' };
        if (pin === want) return { status: 'ok' };
        const n = (failures.get(card) ?? 0) + 1;
        failures.set(card, n);
        return n >= 3 ? { status: 'locked' } : { status: 'bad', attemptsLeft: 3 - n };
      },
      balance: async (card) => {
        const b = options.balances?.[card];
        return b === undefined ? undefined : { balanceCents: b, kind: 'debit' };
      },
      recentTransactions: async () => [],
    },
    tickets: {
      status: async (no) => {
        const s = options.tickets?.[no];
        return s === undefined ? undefined : { status: s, kind: 'complaint', updatedAt: Date.UTC(2026, 0, 5) };
      },
    },
    voicemail: {
      createWorkOrder: async (m) => {
        voicemails.push(m);
        return { ticketNo: String(200000 + voicemails.length) };
      },
    },
    surveys: {
      scores,
      recordSurvey: async (s) => void scores.push({ callId: s.callId, score: s.score, agent: s.agent }),
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

/** A minimal valid flow around the given nodes (start = first node). */
export function flowOf(nodes: IvrFlowInput['nodes'], prompts: Record<string, string> = {}, extra: Partial<IvrFlowInput> = {}): IvrFlowInput {
  const start = Object.keys(nodes)[0] ?? 'end';
  return { hotline: '9000', name: 'test', start, prompts, nodes, ...extra };
}

export interface FlowRun {
  result: IvrSessionResult;
  channel: ScriptedIvrChannel;
  events: IvrEvent[];
  session: IvrSession;
}

export async function runFlow(
  flow: IvrFlowInput,
  script: CallerAction[],
  options: { ports?: IvrPorts; now?: () => Date; caller?: string; transferResults?: TransferResult[]; logger?: Logger } = {},
): Promise<FlowRun> {
  const channel = new ScriptedIvrChannel('call-1', script, options.transferResults ? { transferResults: options.transferResults } : {});
  const session = new IvrSession({
    callId: 'call-1',
    caller: options.caller ?? '13800138001',
    hotline: flow.hotline,
    version: 1,
    flow: compileFlow(flow),
    channel,
    ports: options.ports ?? memoryPorts(),
    logger: options.logger ?? silentLogger(),
    recordingsDir: mkdtempSync(join(tmpdir(), 'bl-ivr-rec-')),
    ...(options.now ? { now: options.now } : {}),
  });
  const events: IvrEvent[] = [];
  session.onEvent((e) => events.push(e));
  const result = await session.run();
  return { result, channel, events, session };
}

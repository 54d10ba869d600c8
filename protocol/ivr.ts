/**
 * IVR flows as data. A flow is a JSON document: prompts (id → Mandarin text), a start node and a map
 * of nodes keyed by id. This schema checks shapes only; `main/hub/ivr/flow-validator.ts` adds the
 * graph checks (unknown next node, unreachable nodes, missing prompts, digit collisions, loops that
 * never wait for the caller) and names the node in every message.
 */
import { z } from 'zod';

export const IvrNodeId = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'node ids are letters, digits, _ and -, starting with a letter');
/** A variable name, dotted for structure: `card`, `acct.balance`. `caller.*`, `call.*` are read-only. */
export const IvrVarName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'not a variable name');
/** An expression of the tiny safe language in `main/hub/ivr/expression.ts` (no eval). */
export const IvrExpr = z.string().min(1).max(500);
export const IvrPromptRef = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'prompt ids are letters, digits, _ . -');
export const IvrDigit = z.string().regex(/^[0-9*#]$/, 'a DTMF key 0-9, * or #');
const Ms = z.number().int().min(100).max(600_000);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');
const IsoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const PlayNode = z.object({
  type: z.literal('play'),
  prompts: z.array(IvrPromptRef).default([]),
  /** A recorded file to play instead of (after) the prompts. */
  wav: z.string().min(1).optional(),
  bargeIn: z.boolean().default(false),
  next: IvrNodeId,
});

export const SayAs = z.enum(['amount', 'number', 'date', 'time', 'digits', 'ordinal']);
export type SayAs = z.infer<typeof SayAs>;

export const SayNode = z.object({
  type: z.literal('say'),
  as: SayAs,
  value: IvrExpr,
  before: IvrPromptRef.optional(),
  after: IvrPromptRef.optional(),
  /** Digit grouping for `as: digits`. */
  grouping: z.enum(['auto', 'mobile', 'card', 'none']).optional(),
  next: IvrNodeId,
});

export const MenuNode = z.object({
  type: z.literal('menu'),
  prompt: IvrPromptRef,
  options: z.array(z.object({ digit: IvrDigit, next: IvrNodeId })).min(1),
  timeoutMs: Ms.default(5000),
  /** Extra attempts after the first one, for invalid input and for silence alike. */
  retries: z.number().int().min(0).max(5).default(2),
  invalidPrompt: IvrPromptRef.optional(),
  timeoutPrompt: IvrPromptRef.optional(),
  bargeIn: z.boolean().default(true),
  /** Where to go once the retries are used up. */
  onFailure: IvrNodeId,
});

export const CollectNode = z.object({
  type: z.literal('collect'),
  prompt: IvrPromptRef,
  var: IvrVarName,
  minLength: z.number().int().min(1).max(64).default(1),
  maxLength: z.number().int().min(1).max(64).default(20),
  /** Key that ends input early (not stored); null = only maxLength or the inter-digit timeout ends it. */
  terminator: IvrDigit.nullable().default('#'),
  firstDigitTimeoutMs: Ms.default(8000),
  interDigitTimeoutMs: Ms.default(4000),
  retries: z.number().int().min(0).max(5).default(2),
  invalidPrompt: IvrPromptRef.optional(),
  bargeIn: z.boolean().default(true),
  /** PINs and passwords: masked in events, logs and variable snapshots. */
  secret: z.boolean().default(false),
  next: IvrNodeId,
  onFailure: IvrNodeId,
});

export const LookupSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('account-balance'), card: IvrExpr, pin: IvrExpr }),
  z.object({ kind: z.literal('recent-transactions'), card: IvrExpr, pin: IvrExpr, limit: z.number().int().min(1).max(10).default(3) }),
  z.object({ kind: z.literal('ticket-status'), ticket: IvrExpr }),
  z.object({
    kind: z.literal('http'),
    /** `{{expr}}` placeholders are filled with URL-encoded values. */
    url: z.string().regex(/^https?:\/\//, 'http(s) URL'),
    method: z.enum(['GET', 'POST']).default('GET'),
    /** POST body: field → expression. */
    body: z.record(z.string(), IvrExpr).optional(),
    timeoutMs: Ms.default(3000),
    /** JSON path into the answer: `$.data.status`, `$.items[0].amount`. */
    path: z.string().regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/, 'JSON path like $.a.b[0]'),
  }),
]);
export type LookupSource = z.infer<typeof LookupSource>;

export const LookupNode = z.object({
  type: z.literal('lookup'),
  source: LookupSource,
  /** Results land under this variable prefix (`acct` → `acct.balance`). */
  into: IvrVarName,
  next: IvrNodeId,
  notFound: IvrNodeId.optional(),
  badPin: IvrNodeId.optional(),
  locked: IvrNodeId.optional(),
  onError: IvrNodeId,
});

export const ScheduleNode = z.object({
  type: z.literal('schedule'),
  /** IANA zone of the branch; defaults to the flow's `timeZone`. */
  timeZone: z.string().optional(),
  /** Opening hours; days 1 = Monday … 7 = Sunday, `to` exclusive. */
  hours: z.array(z.object({ days: z.array(z.number().int().min(1).max(7)).min(1), from: HhMm, to: HhMm })).min(1),
  open: IvrNodeId,
  closed: IvrNodeId,
  /** Where holidays go; defaults to `closed`. */
  holiday: IvrNodeId.optional(),
});

export const SetNode = z.object({
  type: z.literal('set'),
  assign: z.record(IvrVarName, IvrExpr),
  next: IvrNodeId,
});

export const ConditionNode = z.object({
  type: z.literal('condition'),
  branches: z.array(z.object({ when: IvrExpr, next: IvrNodeId })).min(1),
  else: IvrNodeId,
});

export const TransferTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('queue'), queue: z.string().min(1).max(64), priority: z.number().int().min(0).max(100).default(0) }),
  z.object({ kind: z.literal('agent'), agent: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('external'), number: z.string().regex(/^\+?[0-9*#]{2,32}$/, 'a dialable number') }),
]);
export type TransferTarget = z.infer<typeof TransferTarget>;

export const TransferNode = z.object({
  type: z.literal('transfer'),
  target: TransferTarget,
  prompt: IvrPromptRef.optional(),
  /** Where the caller goes when the agent hangs up first (e.g. the survey); absent = the call ends. */
  next: IvrNodeId.optional(),
  /** Queue closed, agent unknown, trunk busy. */
  onFailure: IvrNodeId.optional(),
});

export const VoicemailNode = z.object({
  type: z.literal('voicemail'),
  prompt: IvrPromptRef,
  maxSeconds: z.number().int().min(5).max(600).default(120),
  beep: z.boolean().default(true),
  /** Variable that receives the work-order ticket number. */
  into: IvrVarName.default('voicemail.ticket'),
  next: IvrNodeId,
});

export const SurveyNode = z.object({
  type: z.literal('survey'),
  prompt: IvrPromptRef,
  invalidPrompt: IvrPromptRef.optional(),
  thanksPrompt: IvrPromptRef.optional(),
  timeoutMs: Ms.default(6000),
  retries: z.number().int().min(0).max(3).default(1),
  next: IvrNodeId,
});

export const HangupNode = z.object({
  type: z.literal('hangup'),
  prompt: IvrPromptRef.optional(),
  cause: z.string().min(1).max(64).default('normal'),
});

export const IvrNode = z.discriminatedUnion('type', [
  PlayNode,
  SayNode,
  MenuNode,
  CollectNode,
  LookupNode,
  ScheduleNode,
  SetNode,
  ConditionNode,
  TransferNode,
  VoicemailNode,
  SurveyNode,
  HangupNode,
]);
export type IvrNode = z.infer<typeof IvrNode>;
export type IvrNodeType = IvrNode['type'];
export type IvrNodeOf<T extends IvrNodeType> = Extract<IvrNode, { type: T }>;

export const IvrFlow = z.object({
  /** The number callers dial, e.g. "9000". */
  hotline: z.string().regex(/^[0-9]{2,20}$/, 'digits only'),
  name: z.string().min(1).max(100),
  start: IvrNodeId,
  timeZone: z.string().default('Asia/Shanghai'),
  /** espeak-ng voice used for generated prompts. */
  voice: z.string().regex(/^[A-Za-z0-9_+-]{1,40}$/).default('cmn'),
  prompts: z.record(IvrPromptRef, z.string().min(1).max(500)),
  calendar: z
    .object({
      holidays: z.array(IsoDay).default([]),
      /** Weekend days that are working days (调休), open with the weekday hours of `workdayAs`. */
      workdays: z.array(IsoDay).default([]),
      workdayAs: z.number().int().min(1).max(7).default(1),
    })
    .default({ holidays: [], workdays: [], workdayAs: 1 }),
  limits: z
    .object({
      /** Node visits per call before the call is ended as a runaway loop. */
      maxSteps: z.number().int().min(10).max(10_000).default(300),
    })
    .default({ maxSteps: 300 }),
  nodes: z.record(IvrNodeId, IvrNode),
});
export type IvrFlow = z.infer<typeof IvrFlow>;
/** What authors write: every defaulted field optional. */
export type IvrFlowInput = z.input<typeof IvrFlow>;

/** A validation finding; `node` is absent for flow-level problems. */
export const IvrFlowIssue = z.object({
  severity: z.enum(['error', 'warning']),
  node: z.string().optional(),
  path: z.string(),
  message: z.string(),
});
export type IvrFlowIssue = z.infer<typeof IvrFlowIssue>;

/** One stored version of a hotline's flow. */
export const IvrFlowVersion = z.object({
  hotline: z.string(),
  version: z.number().int().min(1),
  checksum: z.string(),
  createdAt: z.number().int(),
  active: z.boolean(),
});
export type IvrFlowVersion = z.infer<typeof IvrFlowVersion>;

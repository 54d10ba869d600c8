/**
 * Validates an IVR flow document: the zod shape first (protocol/ivr.ts), then the graph. Every
 * finding names its node and field, because the person reading it is editing a JSON file by hand.
 *
 * Errors: unknown next node, unknown prompt, duplicate menu digits, bad expressions, bad time zones,
 * a loop of nodes that never waits for the caller (it would spin until maxSteps), writes to
 * read-only variables. Warnings: nodes no path reaches, prompts nothing plays.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { BranchlineError } from '../../../protocol/errors';
import { IvrFlow } from '../../../protocol/ivr';
import type { IvrFlowIssue, IvrNode } from '../../../protocol/ivr';
import { type Ast, ExpressionError, parseExpression } from './expression';

/** A validated flow with its expressions parsed once. */
export interface CompiledFlow {
  readonly flow: IvrFlow;
  readonly checksum: string;
  /** Parsed expressions keyed by their source text. */
  readonly expressions: ReadonlyMap<string, Ast>;
}

export type FlowValidation =
  | { ok: true; compiled: CompiledFlow; warnings: IvrFlowIssue[] }
  | { ok: false; errors: IvrFlowIssue[]; warnings: IvrFlowIssue[] };

/** Nodes that wait for the caller (or the call layer); a loop must pass through one of them. */
const WAITS_FOR_CALLER = new Set<IvrNode['type']>(['menu', 'collect', 'voicemail', 'survey', 'transfer', 'hangup']);
const READ_ONLY_PREFIXES = ['caller.', 'call.', 'sys.'];
const PLACEHOLDER = /\{\{([^}]+)\}\}/g;

/** Outgoing edges of a node: [field, target]. */
export function successors(node: IvrNode): [string, string][] {
  const out: [string, string][] = [];
  const add = (field: string, id: string | undefined): void => {
    if (id !== undefined) out.push([field, id]);
  };
  switch (node.type) {
    case 'play':
    case 'say':
    case 'set':
    case 'voicemail':
    case 'survey':
      add('next', node.next);
      break;
    case 'menu':
      node.options.forEach((o, i) => add(`options[${i}].next`, o.next));
      add('onFailure', node.onFailure);
      break;
    case 'collect':
      add('next', node.next);
      add('onFailure', node.onFailure);
      break;
    case 'lookup':
      add('next', node.next);
      add('notFound', node.notFound);
      add('badPin', node.badPin);
      add('locked', node.locked);
      add('onError', node.onError);
      break;
    case 'schedule':
      add('open', node.open);
      add('closed', node.closed);
      add('holiday', node.holiday);
      break;
    case 'condition':
      node.branches.forEach((b, i) => add(`branches[${i}].next`, b.next));
      add('else', node.else);
      break;
    case 'transfer':
      add('next', node.next);
      add('onFailure', node.onFailure);
      break;
    case 'hangup':
      break;
  }
  return out;
}

/** Prompt ids a node plays: [field, id]. */
function promptsOf(node: IvrNode): [string, string][] {
  const out: [string, string][] = [];
  const add = (field: string, id: string | undefined): void => {
    if (id !== undefined) out.push([field, id]);
  };
  switch (node.type) {
    case 'play':
      node.prompts.forEach((p, i) => add(`prompts[${i}]`, p));
      break;
    case 'say':
      add('before', node.before);
      add('after', node.after);
      break;
    case 'menu':
      add('prompt', node.prompt);
      add('invalidPrompt', node.invalidPrompt);
      add('timeoutPrompt', node.timeoutPrompt);
      break;
    case 'collect':
      add('prompt', node.prompt);
      add('invalidPrompt', node.invalidPrompt);
      break;
    case 'survey':
      add('prompt', node.prompt);
      add('invalidPrompt', node.invalidPrompt);
      add('thanksPrompt', node.thanksPrompt);
      break;
    case 'voicemail':
    case 'transfer':
    case 'hangup':
      add('prompt', node.prompt);
      break;
    default:
      break;
  }
  return out;
}

/** Expressions a node evaluates: [field, source]. */
function expressionsOf(node: IvrNode): [string, string][] {
  switch (node.type) {
    case 'say':
      return [['value', node.value]];
    case 'set':
      return Object.entries(node.assign).map(([k, v]) => [`assign.${k}`, v]);
    case 'condition':
      return node.branches.map((b, i) => [`branches[${i}].when`, b.when]);
    case 'lookup': {
      const s = node.source;
      if (s.kind === 'account-balance' || s.kind === 'recent-transactions') return [['source.card', s.card], ['source.pin', s.pin]];
      if (s.kind === 'ticket-status') return [['source.ticket', s.ticket]];
      const out: [string, string][] = [...s.url.matchAll(PLACEHOLDER)].map((m) => ['source.url', (m[1] as string).trim()]);
      for (const [k, v] of Object.entries(s.body ?? {})) out.push([`source.body.${k}`, v]);
      return out;
    }
    default:
      return [];
  }
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function zodIssues(error: z.ZodError): IvrFlowIssue[] {
  return error.issues.map((i) => {
    const path = i.path.map(String);
    const node = path[0] === 'nodes' && path[1] !== undefined ? path[1] : undefined;
    const field = node !== undefined ? path.slice(2).join('.') : path.join('.');
    const where = node !== undefined ? `node "${node}"${field ? ` field ${field}` : ''}` : field || 'flow';
    return { severity: 'error' as const, ...(node !== undefined ? { node } : {}), path: path.join('.'), message: `${where}: ${i.message}` };
  });
}

export function validateFlow(input: unknown): FlowValidation {
  const parsed = IvrFlow.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error), warnings: [] };
  const flow = parsed.data;
  const errors: IvrFlowIssue[] = [];
  const warnings: IvrFlowIssue[] = [];
  const issue = (list: IvrFlowIssue[], node: string | undefined, field: string, message: string): void => {
    const path = node === undefined ? field : `nodes.${node}.${field}`;
    const where = node === undefined ? field : `node "${node}" field ${field}`;
    list.push({ severity: list === errors ? 'error' : 'warning', ...(node !== undefined ? { node } : {}), path, message: `${where}: ${message}` });
  };
  const nodes = flow.nodes;
  const has = (id: string): boolean => Object.hasOwn(nodes, id);
  if (!has(flow.start)) issue(errors, undefined, 'start', `unknown start node "${flow.start}"`);
  if (!isValidTimeZone(flow.timeZone)) issue(errors, undefined, 'timeZone', `unknown IANA time zone "${flow.timeZone}"`);

  const expressions = new Map<string, Ast>();
  const usedPrompts = new Set<string>();
  for (const [id, node] of Object.entries(nodes)) {
    for (const [field, target] of successors(node)) {
      if (!has(target)) issue(errors, id, field, `unknown next node "${target}"`);
    }
    for (const [field, prompt] of promptsOf(node)) {
      usedPrompts.add(prompt);
      if (!Object.hasOwn(flow.prompts, prompt)) issue(errors, id, field, `missing prompt "${prompt}" (not in prompts)`);
    }
    for (const [field, src] of expressionsOf(node)) {
      try {
        expressions.set(src, parseExpression(src));
      } catch (err) {
        if (!(err instanceof ExpressionError)) throw err;
        issue(errors, id, field, `bad expression "${src}": ${err.message}`);
      }
    }
    checkNode(id, node, (field, message) => issue(errors, id, field, message));
  }
  for (const prompt of Object.keys(flow.prompts)) {
    if (!usedPrompts.has(prompt)) issue(warnings, undefined, `prompts.${prompt}`, `prompt "${prompt}" is never played`);
  }
  if (errors.length === 0) {
    const reachable = reach(flow.start, nodes);
    for (const id of Object.keys(nodes)) if (!reachable.has(id)) issue(warnings, id, 'type', 'unreachable: no path from the start node leads here');
    for (const cycle of inputlessCycles(nodes)) {
      issue(errors, cycle[0], 'next', `loop without caller input: ${[...cycle, cycle[0]].join(' → ')} never waits for a key press`);
    }
  }
  if (errors.length > 0) return { ok: false, errors, warnings };
  const checksum = createHash('sha256').update(JSON.stringify(flow)).digest('hex').slice(0, 16);
  return { ok: true, compiled: { flow, checksum, expressions }, warnings };
}

/** Validates or throws BL_ERR_IVR_INVALID_FLOW with every error in `details`. */
export function compileFlow(input: unknown): CompiledFlow {
  const v = validateFlow(input);
  if (v.ok) return v.compiled;
  throw new BranchlineError('BL_ERR_IVR_INVALID_FLOW', v.errors.map((e) => e.message).join('; '), { errors: v.errors, warnings: v.warnings });
}

function checkNode(id: string, node: IvrNode, fail: (field: string, message: string) => void): void {
  if (node.type === 'menu') {
    const seen = new Map<string, number>();
    node.options.forEach((o, i) => {
      const first = seen.get(o.digit);
      if (first !== undefined) fail(`options[${i}].digit`, `digit "${o.digit}" collides with options[${first}]`);
      else seen.set(o.digit, i);
    });
  } else if (node.type === 'collect') {
    if (node.minLength > node.maxLength) fail('minLength', `minLength ${node.minLength} > maxLength ${node.maxLength}`);
    if (node.var.startsWith('caller.') || node.var.startsWith('call.') || node.var.startsWith('sys.')) fail('var', `"${node.var}" is read-only`);
  } else if (node.type === 'set') {
    for (const name of Object.keys(node.assign)) {
      if (READ_ONLY_PREFIXES.some((p) => name.startsWith(p))) fail(`assign.${name}`, `"${name}" is read-only`);
    }
  } else if (node.type === 'schedule') {
    if (node.timeZone !== undefined && !isValidTimeZone(node.timeZone)) fail('timeZone', `unknown IANA time zone "${node.timeZone}"`);
    node.hours.forEach((h, i) => {
      if (h.from >= h.to) fail(`hours[${i}]`, `from ${h.from} is not before to ${h.to}`);
    });
  } else if (node.type === 'play') {
    if (node.prompts.length === 0 && node.wav === undefined) fail('prompts', 'missing prompt: a play node needs prompts or a wav');
  }
  void id;
}

function reach(start: string, nodes: Record<string, IvrNode>): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    const node = nodes[id];
    if (seen.has(id) || !node) continue;
    seen.add(id);
    for (const [, next] of successors(node)) stack.push(next);
  }
  return seen;
}

/** Strongly connected components (Tarjan) of the graph restricted to nodes that never wait. */
function inputlessCycles(nodes: Record<string, IvrNode>): string[][] {
  const ids = Object.keys(nodes).filter((id) => !WAITS_FOR_CALLER.has((nodes[id] as IvrNode).type));
  const inSub = new Set(ids);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  const edges = (id: string): string[] => successors(nodes[id] as IvrNode).map(([, t]) => t).filter((t) => inSub.has(t));
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(v)) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges(v).includes(v)) cycles.push(scc.reverse());
    }
  };
  for (const id of ids) if (!index.has(id)) visit(id);
  return cycles;
}

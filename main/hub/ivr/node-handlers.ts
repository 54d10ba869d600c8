/**
 * One handler per node type. Each returns the next node id or an end reason; the session does the
 * bookkeeping (state, path, step limit, events for node entry).
 */
import { join } from 'node:path';
import type { IvrNode, IvrNodeOf } from '../../../protocol/ivr';
import { maskSensitiveText } from '../../../protocol/masking';
import { evaluateSchedule } from './business-hours';
import { truthy } from './expression';
import type { CollectOptions, TransferDecision } from './ivr-channel';
import { runLookup } from './lookup-runner';
import { BEEP_CLIP, type NodeContext, type NodeStep } from './node-context';
import { sayValue } from './say-value';

export async function runNode(id: string, node: IvrNode, ctx: NodeContext): Promise<NodeStep> {
  switch (node.type) {
    case 'play':
      return play(node, ctx);
    case 'say':
      return say(id, node, ctx);
    case 'menu':
      return menu(id, node, ctx);
    case 'collect':
      return collect(id, node, ctx);
    case 'lookup':
      return runLookup(id, node, ctx);
    case 'schedule':
      return schedule(id, node, ctx);
    case 'set':
      for (const [name, src] of Object.entries(node.assign)) ctx.vars.set(name, ctx.evaluate(src));
      return { next: node.next };
    case 'condition':
      for (const b of node.branches) if (truthy(ctx.evaluate(b.when))) return { next: b.next };
      return { next: node.else };
    case 'transfer':
      return transfer(id, node, ctx);
    case 'voicemail':
      return voicemail(id, node, ctx);
    case 'survey':
      return survey(id, node, ctx);
    case 'hangup':
      if (node.prompt) await ctx.play([node.prompt], { bargeIn: false });
      await ctx.channel.hangup(node.cause);
      return { end: 'hangup-node' };
  }
}

async function play(node: IvrNodeOf<'play'>, ctx: NodeContext): Promise<NodeStep> {
  let key: string | null = null;
  if (node.prompts.length > 0) key = await ctx.play(node.prompts, { bargeIn: node.bargeIn });
  if (node.wav && key === null) key = (await ctx.channel.play({ kind: 'wav', path: node.wav }, { bargeIn: node.bargeIn })).bargedInWith;
  if (key !== null) ctx.typeahead += key;
  return { next: node.next };
}

async function say(id: string, node: IvrNodeOf<'say'>, ctx: NodeContext): Promise<NodeStep> {
  let reading;
  try {
    reading = sayValue(node.as, ctx.evaluate(node.value), node.grouping);
  } catch (err) {
    // A missing value is the flow author's problem, not the caller's: skip the reading, keep going.
    ctx.logger.warn({ node: id, err: (err as Error).message }, 'ivr say: value cannot be read');
    return { next: node.next };
  }
  await ctx.play([node.before], { bargeIn: false, clips: reading.clips, text: reading.text });
  if (node.after) await ctx.play([node.after], { bargeIn: false });
  return { next: node.next };
}

/** A caller who already pressed a key during an earlier play node skips this prompt. */
async function promptForInput(ctx: NodeContext, prompt: string, bargeIn: boolean): Promise<string> {
  if (ctx.typeahead !== '') {
    const keys = ctx.typeahead;
    ctx.typeahead = '';
    return keys;
  }
  return (await ctx.play([prompt], { bargeIn })) ?? '';
}

/**
 * Prompt (barge-in), then input; invalid input or silence plays its prompt and tries again, up to
 * `retries` extra attempts, then `onFailure`.
 */
async function menu(id: string, node: IvrNodeOf<'menu'>, ctx: NodeContext): Promise<NodeStep> {
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    const barged = await promptForInput(ctx, node.prompt, node.bargeIn);
    const r = await ctx.channel.collectDigits({
      minLength: 1,
      maxLength: 1,
      terminator: null,
      firstDigitTimeoutMs: node.timeoutMs,
      interDigitTimeoutMs: node.timeoutMs,
      initial: barged,
    });
    const last = attempt === node.retries;
    if (r.status === 'timeout') {
      ctx.emit({ type: 'input', node: id, digits: '', result: 'timeout', secret: false });
      const p = node.timeoutPrompt ?? node.invalidPrompt;
      if (!last && p) await ctx.play([p], { bargeIn: false });
      continue;
    }
    const option = node.options.find((o) => o.digit === r.digits);
    ctx.emit({ type: 'input', node: id, digits: r.digits, result: option ? 'ok' : 'invalid', secret: false });
    if (option) {
      ctx.vars.set(`${id}.choice`, r.digits);
      return { next: option.next };
    }
    if (!last && node.invalidPrompt) await ctx.play([node.invalidPrompt], { bargeIn: false });
  }
  return { next: node.onFailure };
}

async function collect(id: string, node: IvrNodeOf<'collect'>, ctx: NodeContext): Promise<NodeStep> {
  const opts: Omit<CollectOptions, 'initial'> = {
    minLength: node.minLength,
    maxLength: node.maxLength,
    terminator: node.terminator,
    firstDigitTimeoutMs: node.firstDigitTimeoutMs,
    interDigitTimeoutMs: node.interDigitTimeoutMs,
  };
  // Events reach the CDR: PINs become stars, card numbers keep BIN + last 4 only.
  const shown = (digits: string): string => (node.secret ? '*'.repeat(digits.length) : maskSensitiveText(digits));
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    const barged = await promptForInput(ctx, node.prompt, node.bargeIn);
    const r = await ctx.channel.collectDigits({ ...opts, initial: barged });
    const last = attempt === node.retries;
    if (r.status === 'timeout') {
      ctx.emit({ type: 'input', node: id, digits: '', result: 'timeout', secret: node.secret });
      if (!last && node.invalidPrompt) await ctx.play([node.invalidPrompt], { bargeIn: false });
      continue;
    }
    const ok = r.digits.length >= node.minLength && r.digits.length <= node.maxLength && /^[0-9*]*$/.test(r.digits);
    ctx.emit({ type: 'input', node: id, digits: shown(r.digits), result: ok ? 'ok' : 'invalid', secret: node.secret });
    if (ok) {
      ctx.vars.set(node.var, r.digits, { secret: node.secret });
      return { next: node.next };
    }
    if (!last && node.invalidPrompt) await ctx.play([node.invalidPrompt], { bargeIn: false });
  }
  return { next: node.onFailure };
}

async function schedule(id: string, node: IvrNodeOf<'schedule'>, ctx: NodeContext): Promise<NodeStep> {
  const { outcome, local } = evaluateSchedule(node, ctx.flow, ctx.now());
  ctx.vars.set(`${id}.outcome`, outcome);
  ctx.logger.debug({ node: id, outcome, local }, 'ivr schedule');
  if (outcome === 'open') return { next: node.open };
  if (outcome === 'holiday') return { next: node.holiday ?? node.closed };
  return { next: node.closed };
}

async function transfer(id: string, node: IvrNodeOf<'transfer'>, ctx: NodeContext): Promise<NodeStep> {
  if (node.prompt) await ctx.play([node.prompt], { bargeIn: false });
  const tier = ctx.customer.tier;
  const decision: TransferDecision = {
    callId: ctx.callId,
    hotline: ctx.hotline,
    target: node.target,
    context: {
      customerId: ctx.customer.customerId,
      tier,
      vip: ctx.vars.get('caller.vip') === true,
      ivrPath: [...ctx.path],
      variables: ctx.vars.snapshot(),
    },
  };
  ctx.enterTransfer();
  const r = await ctx.channel.transfer(decision);
  ctx.emit({ type: 'transfer', node: id, target: node.target, outcome: r.outcome });
  if (r.outcome === 'returned') {
    ctx.vars.set('call.agent', r.agent);
    if (!node.next) return { end: 'transferred' };
    ctx.leaveTransfer();
    return { next: node.next };
  }
  if (r.outcome === 'failed') {
    ctx.vars.set('transfer.failure', r.reason);
    if (!node.onFailure) return { end: 'transfer-failed' };
    ctx.leaveTransfer();
    return { next: node.onFailure };
  }
  return { end: 'transferred' };
}

async function voicemail(id: string, node: IvrNodeOf<'voicemail'>, ctx: NodeContext): Promise<NodeStep> {
  await ctx.play([node.prompt], { bargeIn: false, ...(node.beep ? { clips: [BEEP_CLIP], text: '(beep)' } : {}) });
  const file = join(ctx.recordingsDir, `${ctx.callId.replace(/[^A-Za-z0-9_.-]/g, '_')}-${ctx.now().getTime()}.wav`);
  const rec = await ctx.channel.record({ path: file, maxMs: node.maxSeconds * 1000, terminators: '#', silenceMs: 5000 });
  const { ticketNo } = await ctx.ports.voicemail.createWorkOrder({
    callId: ctx.callId,
    hotline: ctx.hotline,
    caller: ctx.caller,
    customerId: ctx.customer.customerId,
    audioPath: rec.path,
    durationMs: rec.durationMs,
  });
  ctx.vars.set(node.into, ticketNo);
  ctx.emit({ type: 'voicemail', node: id, ticketNo, durationMs: rec.durationMs });
  return { next: node.next };
}

async function survey(id: string, node: IvrNodeOf<'survey'>, ctx: NodeContext): Promise<NodeStep> {
  for (let attempt = 0; attempt <= node.retries; attempt++) {
    const barged = await promptForInput(ctx, node.prompt, true);
    const r = await ctx.channel.collectDigits({
      minLength: 1,
      maxLength: 1,
      terminator: null,
      firstDigitTimeoutMs: node.timeoutMs,
      interDigitTimeoutMs: node.timeoutMs,
      initial: barged,
    });
    const digits = r.status === 'digits' ? r.digits : '';
    const score = /^[1-5]$/.test(digits) ? Number(digits) : null;
    ctx.emit({ type: 'input', node: id, digits, result: score !== null ? 'ok' : r.status === 'timeout' ? 'timeout' : 'invalid', secret: false });
    if (score !== null) {
      const agent = ctx.vars.get('call.agent');
      await ctx.ports.surveys.recordSurvey({ callId: ctx.callId, hotline: ctx.hotline, score, agent: agent === null ? null : String(agent) });
      ctx.vars.set(`${id}.score`, score);
      ctx.emit({ type: 'survey', node: id, score });
      if (node.thanksPrompt) await ctx.play([node.thanksPrompt], { bargeIn: false });
      return { next: node.next };
    }
    if (attempt < node.retries && node.invalidPrompt) await ctx.play([node.invalidPrompt], { bargeIn: false });
  }
  ctx.emit({ type: 'survey', node: id, score: null });
  return { next: node.next };
}

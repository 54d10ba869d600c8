/**
 * The `lookup` node: built-in sources (balance and recent transactions behind a card PIN, ticket
 * status) and HTTP. Results land under the node's `into` prefix; the outcome picks the next node.
 * A failing port is an `error` outcome, never a dropped call.
 */
import type { IvrNodeOf } from '../../../protocol/ivr';
import { maskCard } from '../../../protocol/masking';
import { localTime } from './business-hours';
import { type Value, parseExpression, variablesOf } from './expression';
import { httpLookup } from './http-lookup';
import type { NodeContext, NodeStep } from './node-context';
import { centsToDecimal } from './say-value';

type Outcome = 'ok' | 'not-found' | 'bad-pin' | 'locked' | 'error';

export async function runLookup(id: string, node: IvrNodeOf<'lookup'>, ctx: NodeContext): Promise<NodeStep> {
  const started = Date.now();
  let outcome: Outcome;
  try {
    outcome = await lookup(node, ctx);
  } catch (err) {
    ctx.logger.warn({ node: id, source: node.source.kind, err: (err as Error).message }, 'ivr lookup failed');
    outcome = 'error';
  }
  ctx.emit({ type: 'lookup', node: id, source: node.source.kind, outcome, ms: Date.now() - started });
  ctx.vars.set(`${node.into}.outcome`, outcome);
  switch (outcome) {
    case 'ok':
      return { next: node.next };
    case 'not-found':
      return { next: node.notFound ?? node.onError };
    case 'bad-pin':
      return { next: node.badPin ?? node.onError };
    case 'locked':
      return { next: node.locked ?? node.onError };
    case 'error':
      return { next: node.onError };
  }
}

async function lookup(node: IvrNodeOf<'lookup'>, ctx: NodeContext): Promise<Outcome> {
  const s = node.source;
  const into = node.into;
  const put = (name: string, v: Value): void => ctx.vars.set(`${into}.${name}`, v);
  switch (s.kind) {
    case 'account-balance':
    case 'recent-transactions': {
      const card = text(ctx.evaluate(s.card));
      const auth = await authenticate(card, s.pin, ctx, put);
      if (auth !== 'ok') return auth;
      put('cardTail', card.slice(-4));
      if (s.kind === 'account-balance') {
        const b = await ctx.ports.accounts.balance(card);
        if (!b) return 'not-found';
        put('balance', centsToDecimal(b.balanceCents));
        put('balanceCents', b.balanceCents);
        // Credit cards hold a negative balance (what is owed); flows read the owed amount unsigned.
        put('balanceAbs', centsToDecimal(Math.abs(b.balanceCents)));
        put('kind', b.kind);
        return 'ok';
      }
      const txs = await ctx.ports.accounts.recentTransactions(card, s.limit);
      put('count', txs.length);
      txs.forEach((t, i) => {
        const local = localTime(new Date(t.at), ctx.flow.timeZone);
        put(`item${i + 1}.amount`, centsToDecimal(Math.abs(t.amountCents)));
        put(`item${i + 1}.direction`, t.amountCents < 0 ? 'out' : 'in');
        put(`item${i + 1}.date`, local.date);
        put(`item${i + 1}.time`, local.hhmm);
        put(`item${i + 1}.description`, t.description);
      });
      return 'ok';
    }
    case 'ticket-status': {
      const t = await ctx.ports.tickets.status(text(ctx.evaluate(s.ticket)));
      if (!t) return 'not-found';
      put('status', t.status);
      put('kind', t.kind);
      put('updated', localTime(new Date(t.updatedAt), ctx.flow.timeZone).date);
      return 'ok';
    }
    case 'http': {
      const url = s.url.replace(/\{\{([^}]+)\}\}/g, (_m, src: string) => encodeURIComponent(text(ctx.evaluate(src.trim()))));
      const body = s.body ? Object.fromEntries(Object.entries(s.body).map(([k, v]) => [k, ctx.evaluate(v)])) : undefined;
      const r = await httpLookup({ url, method: s.method, timeoutMs: s.timeoutMs, path: s.path, ...(body ? { body } : {}) }, ctx.ports.fetch);
      if (r.outcome === 'ok') {
        put('value', r.value);
        return 'ok';
      }
      if (r.outcome === 'error') put('error', r.error);
      return r.outcome;
    }
  }
}

/** Verifies the card PIN once per call, then wipes the secret variables the PIN came from. */
async function authenticate(card: string, pinExpr: string, ctx: NodeContext, put: (name: string, v: Value) => void): Promise<Outcome> {
  if (card === '') return 'not-found';
  if (ctx.verifiedCards.has(card)) return 'ok';
  const pin = text(ctx.evaluate(pinExpr));
  for (const name of variablesOf(parseExpression(pinExpr))) if (ctx.vars.isSecret(name)) ctx.vars.wipe(name);
  const check = await ctx.ports.accounts.verifyPin(card, pin);
  ctx.logger.info({ card: maskCard(card), result: check.status }, 'ivr PIN check');
  switch (check.status) {
    case 'ok':
      ctx.verifiedCards.add(card);
      return 'ok';
    case 'bad':
      put('attemptsLeft', check.attemptsLeft);
      return 'bad-pin';
    case 'locked':
      return 'locked';
    case 'not-found':
      return 'not-found';
  }
}

function text(v: Value): string {
  return v === null ? '' : String(v);
}

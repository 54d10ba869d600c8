import { describe, expect, it } from 'vitest';
import { ExpressionError, evaluate, parseExpression, variablesOf } from './expression';

const run = (src: string, vars: Record<string, string | number | boolean | null> = {}) => evaluate(parseExpression(src), (n) => vars[n] ?? null);

describe('expression language', () => {
  it('evaluates comparisons, logic and arithmetic with precedence', () => {
    expect(run('1 + 2 * 3')).toBe(7);
    expect(run('(1 + 2) * 3')).toBe(9);
    expect(run("caller.tier == 'DIAMOND' || caller.tier == 'PLATINUM'", { 'caller.tier': 'PLATINUM' })).toBe(true);
    expect(run('!caller.vip && n >= 3', { 'caller.vip': false, n: 3 })).toBe(true);
    expect(run('-n + 1', { n: 4 })).toBe(-3);
    expect(run('10 % 4')).toBe(2);
  });
  it('compares typed digits loosely with numbers and treats missing variables as null', () => {
    expect(run('choice == 1', { choice: '1' })).toBe(true);
    expect(run('missing == null')).toBe(true);
    expect(run('missing > 3')).toBe(false);
    expect(run("'a' + 1")).toBe('a1');
    expect(run('1 / 0')).toBe(null);
  });
  it('offers a few safe functions', () => {
    expect(run('len(card) >= 16', { card: '6228480000000000000' })).toBe(true);
    expect(run("startsWith(card, '6228')", { card: '6228480000000000000' })).toBe(true);
    expect(run("in(tier, 'GOLD', 'DIAMOND')", { tier: 'DIAMOND' })).toBe(true);
    expect(run("num('12.5') * 2")).toBe(25);
  });
  it('rejects anything outside the grammar', () => {
    for (const bad of ['', 'a b', 'process.exit()', 'constructor(1)', "'open", '1 = 1', 'a[0]', '() => 1', 'x; y']) {
      expect(() => parseExpression(bad), bad).toThrow(ExpressionError);
    }
  });
  it('lists the variables an expression reads', () => {
    expect([...variablesOf(parseExpression('len(pin) == 6 && card != null'))]).toEqual(['pin', 'card']);
  });
});

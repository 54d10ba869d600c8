/** Ordinals: 第 + cardinal with 二 (never 两): 2 → 第二, 12 → 第十二, 200 → 第二百. */
import { SayBuilder, type SayResult } from './say-builder';
import { appendInteger } from './say-number';

export function sayOrdinal(n: number | bigint): SayResult {
  const v = typeof n === 'bigint' ? n : Number.isInteger(n) ? BigInt(n) : Number.NaN;
  if (typeof v !== 'bigint' || v < 0n) throw new RangeError(`not an ordinal: ${n}`);
  const b = new SayBuilder();
  b.push('第');
  appendInteger(b, v.toString(), { liang: 'never' });
  return b.build();
}

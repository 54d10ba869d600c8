/**
 * The `say` node's readings: a variable's value through main/hub/ivr/say, as clip keys for
 * concatenated playback. Values come from lookups and input as text ("12345.67", "2026-05-01",
 * "14:05"), so amounts never pass through binary floating point.
 */
import type { SayAs } from '../../../protocol/ivr';
import type { Value } from './expression';
import { type SayResult, sayAmount, sayDate, sayDigits, sayNumber, sayOrdinal, sayTime } from './say';

export function sayValue(as: SayAs, value: Value, grouping?: 'auto' | 'mobile' | 'card' | 'none'): SayResult {
  if (value === null || value === '' || typeof value === 'boolean') throw new RangeError(`nothing to say (${String(value)})`);
  const text = String(value);
  switch (as) {
    case 'amount':
      return sayAmount(text);
    case 'number':
      return sayNumber(text);
    case 'date':
      return sayDate(text);
    case 'time':
      return sayTime(text);
    case 'digits':
      return sayDigits(text, grouping ? { grouping } : {});
    case 'ordinal': {
      const n = Number(text);
      if (!Number.isSafeInteger(n)) throw new RangeError(`not an ordinal: ${text}`);
      return sayOrdinal(n);
    }
  }
}

/** Cents as an exact decimal string: -123456 → "-1234.56". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(cents));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Digit strings (phone, card, account, verification codes) read digit by digit with 幺 for 1
 * (Rec.: always 幺 in digit strings — it cannot be misheard as 七), grouped with short pauses:
 * mobiles 3-4-4, cards and long accounts by 4, and any space/dash in the input marks a group.
 *   13501234567 → 幺三五，零幺二三，四五六七     010-64035547 → 零幺零，六四零三五五四七
 */
import { SayBuilder, type SayResult } from './say-builder';

export type DigitGrouping = 'auto' | 'mobile' | 'card' | 'none' | readonly number[];

export interface DigitsOptions {
  grouping?: DigitGrouping;
  /** Read 1 as 幺 (default) or 一. */
  one?: '幺' | '一';
}

const DIGITS_YAO = '零幺二三四五六七八九';
const DIGITS_YI = '零一二三四五六七八九';
const SEPARATORS = /[\s\-/.()（）]+/;

export function sayDigits(input: string, options: DigitsOptions = {}): SayResult {
  const b = new SayBuilder();
  appendDigits(b, input, options);
  return b.build();
}

/** 尾号 + the last `count` digits: 尾号1702 → 尾号幺七零二. */
export function sayTailNumber(input: string, count = 4): SayResult {
  const digits = input.replace(/\D/g, '');
  const b = new SayBuilder();
  b.push('尾号');
  appendDigits(b, digits.slice(-count), { grouping: 'none' });
  return b.build();
}

export function appendDigits(b: SayBuilder, input: string, options: DigitsOptions = {}): void {
  const trimmed = input.trim();
  if (!/^[\d\s\-/.()（）]+$/.test(trimmed) || !/\d/.test(trimmed)) {
    throw new RangeError(`not a digit string: "${input}"`);
  }
  const table = (options.one ?? '幺') === '幺' ? DIGITS_YAO : DIGITS_YI;
  const grouping = options.grouping ?? 'auto';
  const parts = trimmed.split(SEPARATORS).filter((s) => s !== '');
  const groups = grouping === 'auto' && parts.length > 1 ? parts : split(parts.join(''), grouping);
  groups.forEach((g, i) => {
    if (i > 0) b.pause();
    for (const ch of g) b.push(table[ch.charCodeAt(0) - 48] as string);
  });
}

function split(digits: string, grouping: DigitGrouping): string[] {
  let sizes: readonly number[];
  if (grouping === 'none') return [digits];
  if (typeof grouping !== 'string') sizes = grouping;
  else if (grouping === 'mobile' || (grouping === 'auto' && /^1\d{10}$/.test(digits))) sizes = [3, 4, 4];
  else if (grouping === 'card' || (grouping === 'auto' && digits.length >= 12)) sizes = [];
  else return [digits];
  const out: string[] = [];
  let pos = 0;
  for (const n of sizes) {
    if (pos >= digits.length) break;
    out.push(digits.slice(pos, pos + n));
    pos += n;
  }
  // After the explicit sizes (or for cards), continue in fours.
  while (pos < digits.length) {
    out.push(digits.slice(pos, pos + 4));
    pos += 4;
  }
  return out;
}

/**
 * Mandarin cardinal numbers for IVR prompts (CALLCENTER-SEMANTICS.md §5).
 *
 * - 零: a run of zeros inside a number is one 零; zeros at the end of a 万/亿 section are silent
 *   (1000054 → 一百万零五十四, 150006355 → 一亿五千万六千三百五十五).
 * - Only a leading 一十 shortens to 十 (11 → 十一, 103453 → 十万三千四百五十三, but 110 → 一百一十,
 *   100010 → 十万零一十).
 * - 两 vs 二: the doc's Rec. is 两 before 百/千/万/亿 and for a bare 2 before a measure word, 二 in
 *   the tens/units place. Default `liang: 'leading'` applies it to the number's leading digit only
 *   (2000 → 两千, 20000 → 两万, but 12345 → 一万二千三百四十五, as the amount examples in the brief
 *   read); `'all'` also uses 两 for inner 百/千 digits (1200 → 一千两百, WeTextProcessing style);
 *   `'never'` is cn2an (ordinals, dates).
 * - Sections: 万 (10^4), 亿 (10^8), then 万亿, 亿亿 by recursion (10^12 → 一万亿).
 */
import { SayBuilder, type SayResult } from './say-builder';

export type LiangMode = 'leading' | 'all' | 'never';

export interface CardinalOptions {
  liang?: LiangMode;
  /** A measure word follows (元, 个, 点 o'clock…): a bare 2 reads 两. */
  measure?: boolean;
}

const DIGIT_CHARS = '零一二三四五六七八九';
const POS_UNITS = ['', '十', '百', '千'] as const;

interface Ctx {
  b: SayBuilder;
  liang: LiangMode;
  first: boolean;
}

export function digitChar(d: number): string {
  return DIGIT_CHARS[d] as string;
}

/**
 * Append the reading of a non-negative integer given as decimal digits (no sign) to `b`.
 * Exported for the amount/date/time readers.
 */
export function appendInteger(b: SayBuilder, digits: string, options: CardinalOptions = {}): void {
  const d = digits.replace(/^0+/, '');
  if (d === '') {
    b.push('零');
    return;
  }
  if (d === '2' && options.measure && (options.liang ?? 'leading') !== 'never') {
    b.push('两');
    return;
  }
  readBig({ b, liang: options.liang ?? 'leading', first: true }, d, '');
}

/** `digits` has no leading zeros and is non-empty. `unitAfter` is the big unit that follows. */
function readBig(ctx: Ctx, digits: string, unitAfter: string): void {
  const n = digits.length;
  if (n > 8) {
    readSplit(ctx, digits.slice(0, n - 8), digits.slice(n - 8), '亿', 8, unitAfter);
  } else if (n > 4) {
    readSplit(ctx, digits.slice(0, n - 4), digits.slice(n - 4), '万', 4, unitAfter);
  } else {
    readSection(ctx, digits, unitAfter);
  }
}

function readSplit(ctx: Ctx, high: string, low: string, unit: string, width: number, unitAfter: string): void {
  readBig(ctx, high, unit);
  ctx.b.push(unit);
  const lowTrim = low.replace(/^0+/, '');
  if (lowTrim === '') return; // trailing zeros of a section are silent
  // A gap of zeros between the big unit and the rest reads as one 零.
  if (lowTrim.length < width) ctx.b.push('零');
  readBig(ctx, lowTrim, unitAfter);
}

/** 1..9999 without leading zeros. */
function readSection(ctx: Ctx, digits: string, unitAfter: string): void {
  const len = digits.length;
  let pendingZero = false;
  for (let i = 0; i < len; i++) {
    const d = digits.charCodeAt(i) - 48;
    const pos = len - 1 - i;
    if (d === 0) {
      pendingZero = true;
      continue;
    }
    if (pendingZero) {
      ctx.b.push('零');
      pendingZero = false;
    }
    if (d === 1 && pos === 1 && ctx.first) {
      // leading 一十 → 十
    } else if (d === 2 && useLiang(ctx, pos, len, unitAfter)) {
      ctx.b.push('两');
    } else {
      ctx.b.push(digitChar(d));
    }
    ctx.b.push(POS_UNITS[pos] as string);
    ctx.first = false;
  }
}

function useLiang(ctx: Ctx, pos: number, len: number, unitAfter: string): boolean {
  if (ctx.liang === 'never') return false;
  // 两 before 百/千, or a section that is exactly 2 before 万/亿 (两万, 两亿; but 十二万).
  const beforeUnit = pos >= 2 || (pos === 0 && len === 1 && unitAfter !== '');
  if (!beforeUnit) return false;
  return ctx.liang === 'all' || ctx.first;
}

interface DecimalParts {
  negative: boolean;
  int: string;
  frac: string;
}

/** Accepts numbers, bigints and decimal strings ("-1002.05"); keeps the digits as written. */
export function toDecimalParts(value: number | bigint | string): DecimalParts {
  let s: string;
  if (typeof value === 'bigint') s = value.toString();
  else if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`cannot read ${value}`);
    if (Number.isInteger(value)) s = BigInt(value).toString();
    else {
      s = String(value);
      if (s.includes('e')) s = value.toFixed(20).replace(/0+$/, '');
    }
    if (Object.is(value, -0)) s = '0';
  } else s = value.trim();
  const m = /^([+-])?(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || ((m[2] ?? '') === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal number: "${s}"`);
  return { negative: m[1] === '-', int: (m[2] ?? '').replace(/^0+(?=\d)/, '') || '0', frac: m[3] ?? '' };
}

function appendDecimal(b: SayBuilder, value: number | bigint | string, options: CardinalOptions): void {
  const { negative, int, frac } = toDecimalParts(value);
  const isZero = /^0*$/.test(int) && /^0*$/.test(frac);
  if (negative && !isZero) b.push('负');
  appendInteger(b, int, frac === '' ? options : { ...options, measure: false });
  if (frac !== '') {
    b.push('点');
    for (const ch of frac) b.push(digitChar(ch.charCodeAt(0) - 48));
  }
}

/** Cardinal reading: 12 → 十二, -2 → 负二, 0.6 → 零点六, "12.0" → 十二点零. */
export function sayNumber(value: number | bigint | string, options: CardinalOptions = {}): SayResult {
  const b = new SayBuilder();
  appendDecimal(b, value, options);
  return b.build();
}

/** 6.3 → 百分之六点三. */
export function sayPercent(value: number | string, options: CardinalOptions = {}): SayResult {
  const b = new SayBuilder();
  const { negative, int, frac } = toDecimalParts(value);
  if (negative) b.push('负');
  b.push('百分之');
  appendDecimal(b, frac === '' ? int : `${int}.${frac}`, { ...options, measure: false });
  return b.build();
}

/** numerator/denominator → 五分之一 (denominator first). */
export function sayFraction(numerator: number | bigint, denominator: number | bigint): SayResult {
  const b = new SayBuilder();
  const n = BigInt(numerator);
  const d = BigInt(denominator);
  if (d <= 0n) throw new RangeError('denominator must be positive');
  if (n < 0n) b.push('负');
  appendInteger(b, d.toString(), { liang: 'never' });
  b.push('分之');
  appendInteger(b, (n < 0n ? -n : n).toString(), { liang: 'never' });
  return b.build();
}

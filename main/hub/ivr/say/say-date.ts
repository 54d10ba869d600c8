/**
 * Dates: year digit by digit, month and day as numbers with 二 (never 两):
 *   2008-08-08 → 二零零八年八月八日, 2012-12-12 → 二零一二年十二月十二日, 二月, 二号.
 */
import { SayBuilder, type SayResult } from './say-builder';
import { appendInteger, digitChar } from './say-number';

export interface DateParts {
  year?: number;
  month?: number;
  day?: number;
}

export interface DateOptions {
  /** 日 (formal, default) or 号 (colloquial). */
  dayWord?: '日' | '号';
}

/** Accepts a Date (local calendar date), "YYYY-MM-DD"/"YYYY/M/D", or parts (any subset). */
export function sayDate(date: Date | string | DateParts, options: DateOptions = {}): SayResult {
  const p = toParts(date);
  const b = new SayBuilder();
  if (p.year !== undefined) {
    if (!Number.isInteger(p.year) || p.year < 0) throw new RangeError(`bad year ${p.year}`);
    for (const ch of String(p.year)) b.push(digitChar(ch.charCodeAt(0) - 48));
    b.push('年');
  }
  if (p.month !== undefined) {
    if (!Number.isInteger(p.month) || p.month < 1 || p.month > 12) throw new RangeError(`bad month ${p.month}`);
    appendInteger(b, String(p.month), { liang: 'never' });
    b.push('月');
  }
  if (p.day !== undefined) {
    if (!Number.isInteger(p.day) || p.day < 1 || p.day > 31) throw new RangeError(`bad day ${p.day}`);
    appendInteger(b, String(p.day), { liang: 'never' });
    b.push(options.dayWord ?? '日');
  }
  if (b.isEmpty) throw new RangeError('empty date');
  return b.build();
}

function toParts(date: Date | string | DateParts): DateParts {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw new RangeError('invalid Date');
    return { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate() };
  }
  if (typeof date === 'string') {
    const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(date.trim());
    if (!m) throw new RangeError(`not a date: "${date}"`);
    return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  }
  return date;
}

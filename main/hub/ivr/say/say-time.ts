/**
 * Clock times: 13:10:36 → 十三点十分三十六秒, 11:00 → 十一点, 2:02 → 两点零二分,
 * 22:58 → 二十二点五十八分 (CALLCENTER-SEMANTICS.md §5, WeTextProcessing time.txt).
 * The hour is a bare number before 点, so 2 reads 两; minutes and seconds under 10 get 零.
 */
import { SayBuilder, type SayResult } from './say-builder';
import { appendInteger, digitChar } from './say-number';

export interface TimeParts {
  hour: number;
  minute: number;
  second?: number;
}

export interface TimeOptions {
  /** Read seconds when present and non-zero (default true). */
  seconds?: boolean;
}

/** Accepts "H:MM[:SS]", a Date (local time) or parts. */
export function sayTime(time: string | Date | TimeParts, options: TimeOptions = {}): SayResult {
  const t = toParts(time);
  check(t.hour, 23, 'hour');
  check(t.minute, 59, 'minute');
  const second = options.seconds === false ? 0 : (t.second ?? 0);
  check(second, 59, 'second');
  const b = new SayBuilder();
  appendInteger(b, String(t.hour), { measure: true });
  b.push('点');
  if (t.minute === 0 && second === 0) return b.build();
  appendPadded(b, t.minute);
  b.push('分');
  if (second > 0) {
    appendPadded(b, second);
    b.push('秒');
  }
  return b.build();
}

function appendPadded(b: SayBuilder, v: number): void {
  if (v < 10) {
    b.push('零');
    if (v > 0) b.push(digitChar(v));
  } else {
    appendInteger(b, String(v), { liang: 'never' });
  }
}

function check(v: number, max: number, what: string): void {
  if (!Number.isInteger(v) || v < 0 || v > max) throw new RangeError(`bad ${what} ${v}`);
}

function toParts(time: string | Date | TimeParts): TimeParts {
  if (time instanceof Date) {
    if (Number.isNaN(time.getTime())) throw new RangeError('invalid Date');
    return { hour: time.getHours(), minute: time.getMinutes(), second: time.getSeconds() };
  }
  if (typeof time === 'string') {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
    if (!m) throw new RangeError(`not a time: "${time}"`);
    return { hour: Number(m[1]), minute: Number(m[2]), ...(m[3] === undefined ? {} : { second: Number(m[3]) }) };
  }
  return time;
}

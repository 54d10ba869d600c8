import { describe, expect, it } from 'vitest';
import { sayDate } from './say-date';

describe('sayDate', () => {
  it('reads the year digit by digit and month/day as numbers', () => {
    expect(sayDate('2008-08-08').text).toBe('二零零八年八月八日');
    expect(sayDate('2012-12-12').text).toBe('二零一二年十二月十二日');
    expect(sayDate({ year: 2026, month: 2, day: 22 }).text).toBe('二零二六年二月二十二日');
    expect(sayDate('1999/1/1').text).toBe('一九九九年一月一日');
  });

  it('reads partial dates, 号, and local Dates', () => {
    expect(sayDate({ month: 2, day: 2 }, { dayWord: '号' }).text).toBe('二月二号');
    expect(sayDate({ day: 10 }).text).toBe('十日');
    expect(sayDate({ year: 2000 }).text).toBe('二零零零年');
    expect(sayDate(new Date(2024, 9, 31)).text).toBe('二零二四年十月三十一日');
    expect(sayDate('2008-08-08').clips.slice(0, 5)).toEqual(['zh.er4', 'zh.ling2', 'zh.ling2', 'zh.ba1', 'zh.nian2']);
  });

  it('rejects invalid dates', () => {
    expect(() => sayDate('2008-13-01')).toThrow(RangeError);
    expect(() => sayDate({ day: 0 })).toThrow(RangeError);
    expect(() => sayDate({})).toThrow(RangeError);
    expect(() => sayDate('tomorrow')).toThrow(RangeError);
    expect(() => sayDate(new Date('x'))).toThrow(RangeError);
  });
});

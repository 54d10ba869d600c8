import { describe, expect, it } from 'vitest';
import { sayDigits, sayTailNumber } from './say-digits';

const t = (v: string, o?: Parameters<typeof sayDigits>[1]): string => sayDigits(v, o).text;

describe('sayDigits', () => {
  it('reads digit by digit with 幺', () => {
    expect(t('110')).toBe('幺幺零');
    expect(t('110', { one: '一' })).toBe('一一零');
    expect(t('95588')).toBe('九五五八八');
  });

  it('groups mobiles 3-4-4 and cards by 4 with pauses', () => {
    expect(t('13501234567')).toBe('幺三五，零幺二三，四五六七');
    expect(t('6222021234567890123')).toBe('六二二二，零二幺二，三四五六，七八九零，幺二三');
    expect(t('123456', { grouping: 'card' })).toBe('幺二三四，五六');
    expect(t('13501234567', { grouping: 'none' })).toBe('幺三五零幺二三四五六七');
    expect(t('4008200588', { grouping: [3, 3, 4] })).toBe('四零零，八二零，零五八八');
  });

  it('follows separators in the input', () => {
    expect(t('010-64035547')).toBe('零幺零，六四零三五五四七');
    expect(t('135 0123 4567')).toBe('幺三五，零幺二三，四五六七');
    expect(sayDigits('0-1').clips).toEqual(['zh.ling2', 'pause', 'zh.yao1']);
  });

  it('reads 尾号 and rejects non-digits', () => {
    expect(sayTailNumber('6222021234561702').text).toBe('尾号幺七零二');
    expect(() => t('12a4')).toThrow(RangeError);
    expect(() => t('--')).toThrow(RangeError);
  });
});

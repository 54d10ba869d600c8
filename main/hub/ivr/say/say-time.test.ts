import { describe, expect, it } from 'vitest';
import { sayTime } from './say-time';

const t = (v: Parameters<typeof sayTime>[0], o?: Parameters<typeof sayTime>[1]): string => sayTime(v, o).text;

describe('sayTime', () => {
  it('reads the §5 and brief examples', () => {
    expect(t('13:10:36')).toBe('十三点十分三十六秒');
    expect(t('11:00')).toBe('十一点');
    expect(t('2:02')).toBe('两点零二分');
    expect(t('22:58')).toBe('二十二点五十八分');
  });

  it('pads minutes and seconds with 零, keeps 二 outside the hour', () => {
    expect(t('0:30')).toBe('零点三十分');
    expect(t('12:00:00')).toBe('十二点');
    expect(t('12:20')).toBe('十二点二十分');
    expect(t('13:10:05')).toBe('十三点十分零五秒');
    expect(t('11:00:05')).toBe('十一点零分零五秒');
    expect(t('02:22:02')).toBe('两点二十二分零二秒');
    expect(t('13:10:36', { seconds: false })).toBe('十三点十分');
    expect(t({ hour: 9, minute: 5 })).toBe('九点零五分');
    expect(t(new Date(2024, 0, 1, 20, 15, 0))).toBe('二十点十五分');
  });

  it('returns clips and rejects invalid times', () => {
    expect(sayTime('2:02').clips).toEqual(['zh.liang3', 'zh.dian3', 'zh.ling2', 'zh.er4', 'zh.fen1']);
    expect(() => t('24:00')).toThrow(RangeError);
    expect(() => t('12:60')).toThrow(RangeError);
    expect(() => t('noon')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { amountToFen, sayAmount } from './say-amount';

const t = (v: number | string | bigint, o?: Parameters<typeof sayAmount>[1]): string => sayAmount(v, o).text;

describe('sayAmount', () => {
  it('reads the brief and §5 examples', () => {
    expect(t(12345.67)).toBe('一万二千三百四十五元六角七分');
    expect(t(1002.05)).toBe('一千零二元零五分');
    expect(t(1.01)).toBe('一元零一分');
    expect(t(0.01)).toBe('一分');
    expect(t('12.0')).toBe('十二元整');
    expect(t(12)).toBe('十二元整');
    expect(t('1000054.4321')).toBe('一百万零五十四元四角三分');
  });

  it('uses 两 for a bare 2 before 元/角/分 and for a leading 2 before 百/千/万', () => {
    expect(t(2)).toBe('两元整');
    expect(t(0.2)).toBe('两角');
    expect(t(0.02)).toBe('两分');
    expect(t(22.22)).toBe('二十二元两角两分');
    expect(t(1.02)).toBe('一元零二分');
    expect(t(200)).toBe('两百元整');
    expect(t(2000.5)).toBe('两千元五角');
    expect(t(2, { liang: 'never' })).toBe('二元整');
  });

  it('rounds to 分 first, half away from zero, on the digits as written', () => {
    expect(t(1.005)).toBe('一元零一分');
    expect(t(0.995)).toBe('一元整');
    expect(t(99.999)).toBe('一百元整');
    expect(t('12345.675')).toBe('一万二千三百四十五元六角八分');
    expect(t(0.004)).toBe('零元整');
    expect(t(-3.456)).toBe('负三元四角六分');
    expect(t(-0.001)).toBe('零元整');
    expect(amountToFen('0.125')).toBe(13n);
    expect(amountToFen(-0.125)).toBe(-13n);
  });

  it('reads zero, jiao-only, large and negative amounts', () => {
    expect(t(0)).toBe('零元整');
    expect(t(0.5)).toBe('五角');
    expect(t(0.55)).toBe('五角五分');
    expect(t(10.5)).toBe('十元五角');
    expect(t(100000000.1)).toBe('一亿元一角');
    expect(t(-50)).toBe('负五十元整');
    expect(t(12, { zheng: false })).toBe('十二元');
    expect(t(123456789012345n)).toBe('一百二十三万四千五百六十七亿八千九百零一万二千三百四十五元整');
  });

  it('returns matching clips', () => {
    expect(sayAmount(1002.05).clips).toEqual([
      'zh.yi1', 'zh.qian1', 'zh.ling2', 'zh.er4', 'zh.yuan2', 'zh.ling2', 'zh.wu3', 'zh.fen1',
    ]);
  });
});

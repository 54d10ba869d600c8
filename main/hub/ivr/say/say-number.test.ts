import { describe, expect, it } from 'vitest';
import { CLIP_KEYS } from './say-builder';
import { sayFraction, sayNumber, sayPercent } from './say-number';

const t = (v: number | bigint | string, o?: Parameters<typeof sayNumber>[1]): string => sayNumber(v, o).text;

describe('sayNumber', () => {
  it('reads the cn2an 零 cases from CALLCENTER-SEMANTICS §5', () => {
    expect(t(1000054)).toBe('一百万零五十四');
    expect(t(150006355)).toBe('一亿五千万六千三百五十五');
    expect(t(31000054)).toBe('三千一百万零五十四');
    expect(t(11)).toBe('十一');
    expect(t(103453)).toBe('十万三千四百五十三');
    expect(t(110)).toBe('一百一十');
    expect(t(100010)).toBe('十万零一十');
    expect(t('1002.05')).toBe('一千零二点零五');
  });

  it('reads zeros and small numbers', () => {
    expect(t(0)).toBe('零');
    expect(t(-0)).toBe('零');
    expect(t(10)).toBe('十');
    expect(t(101)).toBe('一百零一');
    expect(t(1001)).toBe('一千零一');
    expect(t(1010)).toBe('一千零一十');
    expect(t(1100)).toBe('一千一百');
    expect(t(10000)).toBe('一万');
    expect(t(100000001)).toBe('一亿零一');
    expect(t(100010000)).toBe('一亿零一万');
    expect(t(1000000010)).toBe('十亿零一十');
    expect(t(10001000)).toBe('一千万一千');
    expect(t(10000100)).toBe('一千万零一百');
  });

  it('applies the 两 Rec.: leading digit before 百/千/万/亿, 二 in tens/units', () => {
    expect(t(2)).toBe('二');
    expect(t(200)).toBe('两百');
    expect(t(2000)).toBe('两千');
    expect(t(20000)).toBe('两万');
    expect(t(20002)).toBe('两万零二');
    expect(t(200000000)).toBe('两亿');
    expect(t(12)).toBe('十二');
    expect(t(20)).toBe('二十');
    expect(t(22)).toBe('二十二');
    expect(t(120000)).toBe('十二万');
    expect(t(12345)).toBe('一万二千三百四十五');
    expect(t(2222)).toBe('两千二百二十二');
  });

  it("offers WeTextProcessing-style 'all' and cn2an-style 'never' for 两", () => {
    expect(t(1200, { liang: 'all' })).toBe('一千两百');
    expect(t(12345, { liang: 'all' })).toBe('一万两千三百四十五');
    expect(t(1020000, { liang: 'all' })).toBe('一百零二万');
    expect(t(3020000, { liang: 'all' })).toBe('三百零二万');
    expect(t(20000, { liang: 'all' })).toBe('两万');
    expect(t(20002, { liang: 'never' })).toBe('二万零二');
    expect(t(2000, { liang: 'never' })).toBe('二千');
  });

  it('uses 两 for a bare 2 before a measure word (2年后 → 两年后)', () => {
    expect(t(2, { measure: true })).toBe('两');
    expect(t(12, { measure: true })).toBe('十二');
    expect(t(2, { measure: true, liang: 'never' })).toBe('二');
  });

  it('reads decimals, signs and large values', () => {
    expect(t(0.6)).toBe('零点六');
    expect(t('12.0')).toBe('十二点零');
    expect(t(3.2)).toBe('三点二');
    expect(t(2.2, { measure: true })).toBe('二点二');
    expect(t(-2)).toBe('负二');
    expect(t('-0.0')).toBe('零点零');
    expect(t(-1000054)).toBe('负一百万零五十四');
    expect(t(1e12)).toBe('一万亿');
    expect(t(1000100000000)).toBe('一万零一亿');
    expect(t(Number.MAX_SAFE_INTEGER)).toBe('九千零七万一千九百九十二亿五千四百七十四万零九百九十一');
    expect(t(10n ** 16n)).toBe('一亿亿');
    expect(t(1e-7)).toBe('零点零零零零零零一');
    expect(t('+7')).toBe('七');
  });

  it('rejects what is not a number', () => {
    expect(() => t(Number.NaN)).toThrow(RangeError);
    expect(() => t(Infinity)).toThrow(RangeError);
    expect(() => t('12a')).toThrow(RangeError);
    expect(() => t('')).toThrow(RangeError);
    expect(() => t('.')).toThrow(RangeError);
  });

  it('reads percentages and fractions', () => {
    expect(sayPercent(6.3).text).toBe('百分之六点三');
    expect(sayPercent(-2).text).toBe('负百分之二');
    expect(sayFraction(1, 5).text).toBe('五分之一');
    expect(sayFraction(2, 3).text).toBe('三分之二');
    expect(() => sayFraction(1, 0)).toThrow(RangeError);
  });

  it('returns one clip per character, all from the clip table', () => {
    const r = sayNumber(-20002.5);
    expect(r.text).toBe('负两万零二点五');
    expect(r.clips).toEqual(['zh.fu4', 'zh.liang3', 'zh.wan4', 'zh.ling2', 'zh.er4', 'zh.dian3', 'zh.wu3']);
    for (let n = 0; n < 3000; n += 7) {
      const s = sayNumber(n * 1234567);
      expect(s.clips).toEqual([...s.text].map((c) => CLIP_KEYS[c]));
    }
  });

  it('never produces two 零 in a row or a trailing 零 for integers', () => {
    for (let i = 0; i < 5000; i++) {
      const n = Math.floor(Math.random() * 10 ** (1 + (i % 15)));
      const s = t(n);
      expect(s).not.toMatch(/零零/);
      if (n !== 0) expect(s).not.toMatch(/零$/);
    }
  });
});

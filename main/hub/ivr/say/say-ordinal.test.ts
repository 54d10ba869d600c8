import { describe, expect, it } from 'vitest';
import { sayOrdinal } from './say-ordinal';

describe('sayOrdinal', () => {
  it('reads 第 + number with 二', () => {
    expect(sayOrdinal(2).text).toBe('第二');
    expect(sayOrdinal(1).text).toBe('第一');
    expect(sayOrdinal(11).text).toBe('第十一');
    expect(sayOrdinal(200).text).toBe('第二百');
    expect(sayOrdinal(2000n).text).toBe('第二千');
    expect(sayOrdinal(2).clips).toEqual(['zh.di4', 'zh.er4']);
  });

  it('rejects negative and fractional ordinals', () => {
    expect(() => sayOrdinal(-1)).toThrow(RangeError);
    expect(() => sayOrdinal(1.5)).toThrow(RangeError);
  });
});

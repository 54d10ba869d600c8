/**
 * Money amounts in spoken lower-case 元角分 (CALLCENTER-SEMANTICS.md §5, Rec. for speech):
 *   12345.67 → 一万二千三百四十五元六角七分, 1002.05 → 一千零二元零五分, 12 → 十二元整,
 *   0.01 → 一分, 2 → 两元整.
 *
 * The amount is rounded half away from zero to 分 first, on the decimal digits as written
 * (1.005 → 1.01), never truncated like cn2an's `rmb` mode, and never through binary floating point.
 * Upper-case cheque numerals (壹贰叁) are a different, written form and are not produced here.
 */
import { SayBuilder, type SayResult } from './say-builder';
import { type LiangMode, appendInteger, digitChar, toDecimalParts } from './say-number';

export interface AmountOptions {
  liang?: LiangMode;
  /** Say 整 after a whole number of 元 (default true). */
  zheng?: boolean;
}

/** Round a decimal to an integer number of 分 (half away from zero). */
export function amountToFen(value: number | bigint | string): bigint {
  const { negative, int, frac } = toDecimalParts(value);
  const padded = `${frac}000`;
  let fen = BigInt(int) * 100n + BigInt(padded.slice(0, 2));
  if ((padded.charCodeAt(2) - 48) >= 5) fen += 1n;
  return negative ? -fen : fen;
}

export function sayAmount(value: number | bigint | string, options: AmountOptions = {}): SayResult {
  const b = new SayBuilder();
  let fen = amountToFen(value);
  if (fen < 0n) {
    b.push('负');
    fen = -fen;
  }
  const yuan = fen / 100n;
  const jiao = Number((fen / 10n) % 10n);
  const cents = Number(fen % 10n);
  const liang = options.liang ?? 'leading';

  if (yuan > 0n || (jiao === 0 && cents === 0)) {
    appendInteger(b, yuan.toString(), { liang, measure: true });
    b.push('元');
  }
  if (jiao === 0 && cents === 0) {
    if (options.zheng ?? true) b.push('整');
  } else {
    if (jiao > 0) {
      b.push(jiao === 2 && liang !== 'never' ? '两' : digitChar(jiao));
      b.push('角');
    } else if (yuan > 0n) {
      // 一千零二元零五分: 零 stands for the missing 角 (read with 二, as in 两点零二分).
      b.push('零');
    }
    if (cents > 0) {
      const bare = jiao > 0 || yuan === 0n;
      b.push(cents === 2 && bare && liang !== 'never' ? '两' : digitChar(cents));
      b.push('分');
    }
  }
  return b.build();
}

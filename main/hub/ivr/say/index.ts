export { CLIP_KEYS, SayBuilder, type SayResult } from './say-builder';
export { type CardinalOptions, type LiangMode, sayFraction, sayNumber, sayPercent } from './say-number';
export { type AmountOptions, amountToFen, sayAmount } from './say-amount';
export { type DateOptions, type DateParts, sayDate } from './say-date';
export { type TimeOptions, type TimeParts, sayTime } from './say-time';
export { type DigitGrouping, type DigitsOptions, sayDigits, sayTailNumber } from './say-digits';
export { sayOrdinal } from './say-ordinal';

/**
 * Normalises a Chinese phone number for lookup: digits only, without the +86/0086 country prefix
 * or the domestic trunk 0, so "+86 138-0013-8000", "013800138000" and "13800138000" are one key,
 * as are "010-6403-5547" and "1064035547".
 */
export function normalizePhone(raw: string): string {
  let digits = raw.replace(/\D/g, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length === 13) digits = digits.slice(2);
  if (digits.startsWith('0') && digits.length >= 10) digits = digits.slice(1);
  return digits;
}

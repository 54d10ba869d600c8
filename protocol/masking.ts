/**
 * Masking of card and ID numbers for display and logs.
 * Cards: BIN (first 6) + last 4, as card schemes and JR/T 0171-2020 appendix A allow.
 * Resident ID (18 chars): first 1 and last 1 shown, the birth date always hidden (the stricter reading of JR/T 0171).
 */
const MASK = '*';

export function maskCard(card: string): string {
  const digits = card.replace(/\D/g, '');
  if (digits.length < 12) return MASK.repeat(Math.max(digits.length - 4, 0)) + digits.slice(-4);
  return digits.slice(0, 6) + MASK.repeat(digits.length - 10) + digits.slice(-4);
}

export function maskIdNumber(id: string): string {
  const clean = id.replace(/\s/g, '');
  if (clean.length <= 2) return MASK.repeat(clean.length);
  return clean[0] + MASK.repeat(clean.length - 2) + clean[clean.length - 1];
}

/** Mobile numbers: 3 + **** + 4, how Chinese banks show them on screen. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return digits;
  return digits.slice(0, 3) + MASK.repeat(digits.length - 7) + digits.slice(-4);
}

const CARD_LIKE = /(?<!\d)(\d{6})\d{3,9}(\d{4})(?!\d)/g;
const ID_LIKE = /(?<![\dA-Za-z])(\d)\d{15}(\d|[Xx])(?![\dA-Za-z])/g;

/** Masks every card- or ID-shaped digit run inside free text (log lines, notes). */
export function maskSensitiveText(text: string): string {
  return text
    .replace(ID_LIKE, (_m, first: string, last: string) => first + MASK.repeat(16) + last)
    .replace(CARD_LIKE, (m, bin: string, last4: string) => bin + MASK.repeat(m.length - 10) + last4);
}

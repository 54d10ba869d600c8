import { seededRandom } from '../../common/seeded-random';

export { seededRandom };

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export function digits(rand: () => number, count: number): string {
  let s = '';
  for (let i = 0; i < count; i++) s += Math.floor(rand() * 10);
  return s;
}

/** Appends the Luhn check digit, as every bank card number carries. */
export function withLuhn(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

/** Appends the GB 11643 check character of an 18-character resident ID number. */
export function withIdCheck(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((acc, w, i) => acc + w * Number(body17[i]), 0);
  return body17 + '10X98765432'[sum % 11];
}

import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hasher';

describe('password hasher', () => {
  it('stores a salted scrypt hash that verifies only the right password', async () => {
    const a = await hashPassword('pass1001');
    const b = await hashPassword('pass1001');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('pass1001', a)).toBe(true);
    expect(await verifyPassword('pass1002', a)).toBe(false);
  });

  it('refuses malformed or absurd stored hashes instead of throwing', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$8$1$aa$bb')).toBe(false);
    expect(await verifyPassword('x', `scrypt$${2 ** 30}$8$1$aa$bb`)).toBe(false);
  });
});

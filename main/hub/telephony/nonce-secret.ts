import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The key that signs digest nonces, kept in the data folder (mode 0600) so that nonces handed out
 * before a hub restart still verify after it.
 */
export function loadNonceSecret(dataDir: string): Buffer {
  const file = join(dataDir, 'sip-nonce.key');
  try {
    const key = readFileSync(file);
    if (key.length >= 32) return key;
  } catch {
    // first start
  }
  const key = randomBytes(32);
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

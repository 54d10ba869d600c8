import { randomBytes } from 'node:crypto';
import { MAGIC_COOKIE } from './via-header';

/** RFC 3261 §8.1.1.7: branch unique across space and time, starting with the magic cookie. */
export function newBranch(): string {
  return `${MAGIC_COOKIE}${randomBytes(12).toString('base64url')}`;
}

/** RFC 3261 §19.3: tags need at least 32 bits of randomness. */
export function newTag(): string {
  return randomBytes(8).toString('hex');
}

export function newCallId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * Per-login SIP credentials for seat softphones. A seat never learns the extension's desk-phone
 * password: at login it gets a random username/password pair that may register (and call as)
 * its agent's extension until the login session ends. Kept in memory: after a hub restart the
 * seat's REGISTER fails once and it fetches a new pair with its (stored) session token.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface IssuedSipCredential {
  username: string;
  password: string;
  extension: string;
  expiresAt: number;
}

interface Entry {
  extension: string;
  expiresAt: number;
  ha1Md5: string;
  ha1Sha256: string;
}

export class EphemeralSipCredentials {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly realm: string,
    private readonly now: () => number = Date.now,
  ) {}

  issue(extension: string, ttlMs: number): IssuedSipCredential {
    this.sweep();
    const username = `${extension}-${randomBytes(6).toString('hex')}`;
    const password = randomBytes(18).toString('base64url');
    const expiresAt = this.now() + ttlMs;
    const ha1 = (alg: 'md5' | 'sha256') => createHash(alg).update(`${username}:${this.realm}:${password}`).digest('hex');
    this.entries.set(username, { extension, expiresAt, ha1Md5: ha1('md5'), ha1Sha256: ha1('sha256') });
    return { username, password, extension, expiresAt };
  }

  lookup(username: string, realm: string): { ha1Md5: string; ha1Sha256: string } | null {
    const e = this.entries.get(username);
    if (!e || realm !== this.realm || e.expiresAt <= this.now()) return null;
    return { ha1Md5: e.ha1Md5, ha1Sha256: e.ha1Sha256 };
  }

  /** The extension an ephemeral username stands for, or undefined if it is not (or no longer) one. */
  extensionOf(username: string): string | undefined {
    const e = this.entries.get(username);
    return e && e.expiresAt > this.now() ? e.extension : undefined;
  }

  revokeExtension(extension: string): void {
    for (const [name, e] of this.entries) if (e.extension === extension) this.entries.delete(name);
  }

  private sweep(): void {
    const now = this.now();
    for (const [name, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(name);
  }
}

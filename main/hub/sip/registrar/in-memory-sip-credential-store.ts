import { createHash } from 'node:crypto';
import type { SipCredentialStore, SipCredentials } from './sip-credential-store';

export function computeHa1(algorithm: 'MD5' | 'SHA-256', user: string, realm: string, password: string): string {
  return createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(`${user}:${realm}:${password}`).digest('hex');
}

/** Test and demo store: `InMemorySipCredentialStore.fromPasswords('branch1', { '1001': 'secret' })`. */
export class InMemorySipCredentialStore implements SipCredentialStore {
  private readonly byKey = new Map<string, SipCredentials>();

  static fromPasswords(realm: string, passwords: Readonly<Record<string, string>>): InMemorySipCredentialStore {
    const store = new InMemorySipCredentialStore();
    for (const [user, password] of Object.entries(passwords)) store.setPassword(user, realm, password);
    return store;
  }

  setPassword(user: string, realm: string, password: string): void {
    this.byKey.set(`${user}\u0000${realm}`, {
      ha1Md5: computeHa1('MD5', user, realm, password),
      ha1Sha256: computeHa1('SHA-256', user, realm, password),
    });
  }

  async lookup(user: string, realm: string): Promise<SipCredentials | null> {
    return this.byKey.get(`${user}\u0000${realm}`) ?? null;
  }
}

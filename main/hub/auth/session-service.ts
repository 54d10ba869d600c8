/**
 * Login and session tokens. Tokens are 256-bit random strings handed to the client once; the store
 * keeps only their SHA-256, so a copied database cannot be used to log in.
 */
import { createHash, randomBytes } from 'node:crypto';
import { BranchlineError } from '../../../protocol/errors';
import type { LoginResponse, UserInfo } from '../../../protocol/auth';
import type { HubStore } from '../store/hub-store';
import type { UserRecord } from '../store/types';
import { LoginThrottle } from './login-throttle';
import { decoyHash, verifyPassword } from './password-hasher';

export interface SessionServiceOptions {
  ttlMs?: number;
  now?: () => number;
  /** Failures per username before a lockout (default 5). */
  userThrottle?: LoginThrottle;
  /** Failures per source address, across usernames, before a lockout (default 20: password spraying). */
  sourceThrottle?: LoginThrottle;
}

export function toUserInfo(u: UserRecord): UserInfo {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, extension: u.extension };
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export class SessionService {
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly userThrottle: LoginThrottle;
  private readonly sourceThrottle: LoginThrottle;

  constructor(
    private readonly store: HubStore,
    options: SessionServiceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 12 * 3600_000;
    this.now = options.now ?? Date.now;
    this.userThrottle = options.userThrottle ?? new LoginThrottle({ now: this.now, maxFailures: 5 });
    this.sourceThrottle = options.sourceThrottle ?? new LoginThrottle({ now: this.now, maxFailures: 20 });
  }

  async login(username: string, password: string, source: string): Promise<LoginResponse> {
    const userKey = [username.toLowerCase()];
    const sourceKey = [source];
    if (this.userThrottle.isLocked(userKey) || this.sourceThrottle.isLocked(sourceKey)) {
      throw new BranchlineError('BL_ERR_AUTH_RATE_LIMITED');
    }
    const user = this.store.users.findByUsername(username);
    // Unknown users are checked against a decoy hash so both failures take the same time.
    const ok = await verifyPassword(password, user && !user.disabled ? user.passwordHash : await decoyHash());
    if (!user || user.disabled || !ok) {
      this.userThrottle.recordFailure(userKey);
      this.sourceThrottle.recordFailure(sourceKey);
      throw new BranchlineError('BL_ERR_AUTH_INVALID_CREDENTIALS');
    }
    this.userThrottle.recordSuccess(userKey);
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.ttlMs;
    this.store.sessions.insert({ tokenHash: hashToken(token), userId: user.id, createdAt: now, expiresAt });
    return { token, expiresAt, user: toUserInfo(user) };
  }

  /** Resolves a bearer token to its user, sliding the expiry; throws BL_ERR_AUTH_REQUIRED otherwise. */
  authenticate(token: string | undefined): UserRecord {
    if (!token) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
    const tokenHash = hashToken(token);
    const session = this.store.sessions.find(tokenHash);
    const now = this.now();
    if (!session || session.expiresAt <= now) {
      if (session) this.store.sessions.delete(tokenHash);
      throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
    }
    const user = this.store.users.findById(session.userId);
    if (!user || user.disabled) throw new BranchlineError('BL_ERR_AUTH_REQUIRED');
    // Slide only when a good part of the window has passed, to avoid a write per request.
    if (session.expiresAt - now < this.ttlMs / 2) this.store.sessions.extend(tokenHash, now + this.ttlMs);
    return user;
  }

  logout(token: string): void {
    this.store.sessions.delete(hashToken(token));
  }

  sweep(): number {
    return this.store.sessions.deleteExpired(this.now());
  }
}

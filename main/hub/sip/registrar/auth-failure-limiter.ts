export interface AuthFailureLimiterOptions {
  /** Failed authentications from one IP within `windowMs` that trigger a ban. Default 10. */
  readonly maxFailures?: number;
  readonly windowMs?: number;
  /** Ban length. Default 5 minutes. */
  readonly banMs?: number;
  /** Never ban these (e.g. trunk gateways recognised by address). */
  readonly exempt?: (ip: string) => boolean;
  readonly now?: () => number;
}

const MAX_TRACKED = 10_000;

/**
 * Counts failed digest attempts per source IP; too many in a window bans the IP for a while.
 * Banned sources are dropped silently by the stack (no 403): an attacker learns nothing and
 * gets no UDP reflection.
 */
export class AuthFailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly bans = new Map<string, number>();
  private readonly max: number;
  private readonly windowMs: number;
  private readonly banMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AuthFailureLimiterOptions = {}) {
    this.max = options.maxFailures ?? 10;
    this.windowMs = options.windowMs ?? 60_000;
    this.banMs = options.banMs ?? 300_000;
    this.now = options.now ?? Date.now;
  }

  isBanned(ip: string): boolean {
    const until = this.bans.get(ip);
    if (until === undefined) return false;
    if (this.now() < until) return true;
    this.bans.delete(ip);
    return false;
  }

  /** Returns true if this failure started a ban. */
  recordFailure(ip: string): boolean {
    if (this.options.exempt?.(ip)) return false;
    const now = this.now();
    const recent = (this.failures.get(ip) ?? []).filter((t) => now - t < this.windowMs);
    recent.push(now);
    this.failures.delete(ip);
    this.failures.set(ip, recent);
    if (this.failures.size > MAX_TRACKED) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    if (recent.length >= this.max) {
      this.failures.delete(ip);
      this.bans.set(ip, now + this.banMs);
      return true;
    }
    return false;
  }

  recordSuccess(ip: string): void {
    this.failures.delete(ip);
  }
}

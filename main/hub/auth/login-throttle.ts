/**
 * Counts failed logins per key (a username, or a source address) in a sliding window. After too
 * many, further attempts are refused (with the same error whatever the reason) until the lockout ends.
 */
export interface LoginThrottleOptions {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
  now: () => number;
}

interface Bucket {
  failures: number[];
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly options: LoginThrottleOptions;

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.options = { maxFailures: 5, windowMs: 5 * 60_000, lockoutMs: 5 * 60_000, now: Date.now, ...options };
  }

  /** True when any of the keys is locked out right now. */
  isLocked(keys: readonly string[]): boolean {
    const now = this.options.now();
    return keys.some((k) => (this.buckets.get(k)?.lockedUntil ?? 0) > now);
  }

  recordFailure(keys: readonly string[]): void {
    const now = this.options.now();
    for (const key of keys) {
      const bucket = this.buckets.get(key) ?? { failures: [], lockedUntil: 0 };
      bucket.failures = bucket.failures.filter((t) => now - t < this.options.windowMs);
      bucket.failures.push(now);
      if (bucket.failures.length >= this.options.maxFailures) {
        bucket.lockedUntil = now + this.options.lockoutMs;
        bucket.failures = [];
      }
      this.buckets.set(key, bucket);
    }
    if (this.buckets.size > 10_000) this.prune(now);
  }

  recordSuccess(keys: readonly string[]): void {
    for (const key of keys) this.buckets.delete(key);
  }

  private prune(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.lockedUntil <= now && b.failures.every((t) => now - t >= this.options.windowMs)) this.buckets.delete(key);
    }
  }
}

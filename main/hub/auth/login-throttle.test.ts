import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('locks after maxFailures within the window and unlocks after the lockout', () => {
    let now = 0;
    const t = new LoginThrottle({ maxFailures: 3, windowMs: 1000, lockoutMs: 5000, now: () => now });
    t.recordFailure(['u']);
    t.recordFailure(['u']);
    expect(t.isLocked(['u'])).toBe(false);
    t.recordFailure(['u']);
    expect(t.isLocked(['u'])).toBe(true);
    expect(t.isLocked(['other'])).toBe(false);
    now = 4999;
    expect(t.isLocked(['u'])).toBe(true);
    now = 5000;
    expect(t.isLocked(['u'])).toBe(false);
  });

  it('forgets failures older than the window', () => {
    let now = 0;
    const t = new LoginThrottle({ maxFailures: 2, windowMs: 1000, lockoutMs: 5000, now: () => now });
    t.recordFailure(['u']);
    now = 1500;
    t.recordFailure(['u']);
    expect(t.isLocked(['u'])).toBe(false);
  });

  it('clears the count on success', () => {
    const t = new LoginThrottle({ maxFailures: 2, now: () => 0 });
    t.recordFailure(['u']);
    t.recordSuccess(['u']);
    t.recordFailure(['u']);
    expect(t.isLocked(['u'])).toBe(false);
  });
});

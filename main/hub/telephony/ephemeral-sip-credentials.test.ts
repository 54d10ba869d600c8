import { describe, expect, it } from 'vitest';
import { EphemeralSipCredentials } from './ephemeral-sip-credentials';

describe('EphemeralSipCredentials', () => {
  it('issues a random pair that stands for the extension until it expires', () => {
    let now = 1_000;
    const creds = new EphemeralSipCredentials('branchline', () => now);
    const a = creds.issue('1001', 60_000);
    const b = creds.issue('1001', 60_000);
    expect(a.username).toMatch(/^1001-[0-9a-f]{12}$/);
    expect(a.username).not.toBe(b.username);
    expect(a.password).not.toBe(b.password);
    expect(creds.extensionOf(a.username)).toBe('1001');
    expect(creds.lookup(a.username, 'branchline')?.ha1Md5).toMatch(/^[0-9a-f]{32}$/);
    expect(creds.lookup(a.username, 'other-realm')).toBeNull();
    now += 60_000;
    expect(creds.lookup(a.username, 'branchline')).toBeNull();
    expect(creds.extensionOf(a.username)).toBeUndefined();
  });

  it('revokes every credential of an extension (logout)', () => {
    const creds = new EphemeralSipCredentials('branchline');
    const a = creds.issue('1002', 60_000);
    const other = creds.issue('1003', 60_000);
    creds.revokeExtension('1002');
    expect(creds.lookup(a.username, 'branchline')).toBeNull();
    expect(creds.extensionOf(other.username)).toBe('1003');
  });

  it('never answers for a static extension name', () => {
    const creds = new EphemeralSipCredentials('branchline');
    creds.issue('1004', 60_000);
    expect(creds.lookup('1004', 'branchline')).toBeNull();
  });
});

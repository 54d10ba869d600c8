/**
 * Packaging check: the deb's udev rules give the desk user access to every headset vendor we have
 * real descriptors for (testdata/hid), so a fixture-tested model also opens without root.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allHidFixtures } from '../../native/sim/hid-fixtures';

const rules = readFileSync(new URL('../../build/udev/70-branchline.rules', import.meta.url), 'utf8');

describe('build/udev/70-branchline.rules', () => {
  const vendors = [...new Set(allHidFixtures().map((f) => f.vid.replace(/^0x/, '').toLowerCase()))].sort();

  it.each(vendors)('grants hidraw access for vendor %s', (vid) => {
    expect(rules).toMatch(new RegExp(`SUBSYSTEM=="hidraw", ATTRS\\{idVendor\\}=="${vid}", TAG\\+="uaccess"`));
  });

  it('is shipped in the package and installed by the deb post-install script', () => {
    expect(readFileSync(new URL('../../electron-builder.yml', import.meta.url), 'utf8')).toMatch(/from: build\/udev\s+to: udev/);
    expect(readFileSync(new URL('../../build/linux/after-install.sh', import.meta.url), 'utf8')).toMatch(/cp .*udev\/\*\.rules \/etc\/udev\/rules\.d\//);
  });
});

/**
 * `branchline sim headset` through the real CLI: names the simulated models and describes one,
 * with the exact input reports its hook and mute buttons send (the bytes the seat's driver decodes).
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { allHidFixtures } from '../../native/sim/hid-fixtures';
import { BIN } from '../../testing/spawn-branchline';

const run = (...args: string[]) => JSON.parse(execFileSync(process.execPath, [BIN, 'sim', 'headset', ...args], { encoding: 'utf8', timeout: 20_000 })) as unknown;

describe('branchline sim headset', () => {
  it('lists every testdata/hid model', () => {
    const list = run('--list') as Array<{ name: string }>;
    expect(list.map((m) => `${m.name}.json`)).toEqual(allHidFixtures().map((f) => f.file));
  });

  it('describes a model: controls, LEDs, button reports and how to attach it to a seat', () => {
    expect(run('--model', 'jabra-evolve-link-ms')).toMatchObject({
      model: 'Jabra EVOLVE LINK MS', vid: '0x0b0e', pid: '0x0307', telephony: true,
      leds: expect.arrayContaining(['offHook', 'ring', 'mute']),
      // Report 2: Hook Switch is bit 0 (absolute: one report, and it stays off hook, so the mute
      // reports that follow carry it too); Phone Mute is bit 2, pressed then released.
      reports: { pressHook: ['020100'], pressMute: ['020500', '020100'] },
      attach: 'branchline start --demo --hw sim --sim-headset jabra-evolve-link-ms-0b0e-0307',
    });
  });
});

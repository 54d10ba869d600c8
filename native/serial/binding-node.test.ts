import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { NodeSerialBinding } from './binding-node';
import { SerialErrorCode } from './serial-error';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('binding-node', () => {
  it('is the only serial module that mentions serialport, and only as a type or a dynamic import', () => {
    for (const f of readdirSync(here).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))) {
      const src = readFileSync(`${here}${f}`, 'utf8');
      const valueImport = /^import\s+(?!type\b)[^;]*from\s+'serialport'/m.test(src);
      expect(valueImport, f).toBe(false);
      if (f !== 'binding-node.ts') expect(src.includes("'serialport'"), f).toBe(false);
    }
  });

  it('open() of a missing port rejects with BL_ERR_HW_UNAVAILABLE', async () => {
    await expect(new NodeSerialBinding().open('/dev/bl-no-such-port', { baudRate: 9600 })).rejects.toMatchObject({
      code: SerialErrorCode.HwUnavailable,
    });
  });

  it('list() returns ports with paths', async () => {
    const ports = await new NodeSerialBinding().list();
    for (const p of ports) expect(typeof p.path).toBe('string');
  });
});

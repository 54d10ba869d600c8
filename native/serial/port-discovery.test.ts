import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialMockBinding } from '../sim/serial-mock-binding';
import { discoverPorts, resolveStablePort } from './port-discovery';

let dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
});

/** A fake /dev with device nodes (plain files) and a by-id folder of real symlinks. */
async function fakeDev(devices: string[], links: Record<string, string>) {
  const root = await mkdtemp(join(tmpdir(), 'bl-serial-dev-'));
  dirs.push(root);
  const byId = join(root, 'by-id');
  await import('node:fs/promises').then((fs) => fs.mkdir(byId));
  for (const d of devices) await writeFile(join(root, d), '');
  for (const [name, target] of Object.entries(links)) await symlink(join(root, target), join(byId, name));
  return { root, byId };
}

describe('discoverPorts', () => {
  it('gives by-id names as stable ids and by-id links as open paths', async () => {
    const { root, byId } = await fakeDev(['ttyUSB0', 'ttyACM0', 'ttyS0'], {
      'usb-Branchline_AgentBox_0001-if00': 'ttyACM0',
      'usb-FTDI_FT232R_A123-if00-port0': 'ttyUSB0',
    });
    const binding = new SerialMockBinding();
    binding.createPort(join(root, 'ttyUSB0'), { info: { vendorId: '0403', productId: '6001', serialNumber: 'A123' } });
    binding.createPort(join(root, 'ttyS0'));
    const ports = await discoverPorts(binding, { byIdDir: byId });
    expect(ports.map((p) => [p.stableId, p.openPath])).toEqual([
      [join(root, 'ttyS0'), join(root, 'ttyS0')],
      // listed by the enumerator and linked
      ['usb-FTDI_FT232R_A123-if00-port0', join(byId, 'usb-FTDI_FT232R_A123-if00-port0')],
      // only visible through by-id (the enumerator missed it), still found
      ['usb-Branchline_AgentBox_0001-if00', join(byId, 'usb-Branchline_AgentBox_0001-if00')],
    ].sort((a, b) => a[0]!.localeCompare(b[0]!)));
    expect(ports.find((p) => p.stableId.startsWith('usb-FTDI'))).toMatchObject({ vendorId: '0403', devicePath: join(root, 'ttyUSB0') });
  });

  it('after replug onto a different node, the stable id resolves to the new node', async () => {
    const { root, byId } = await fakeDev(['ttyUSB0', 'ttyUSB1'], { 'usb-Modem_X-if00': 'ttyUSB0' });
    const binding = new SerialMockBinding();
    expect((await resolveStablePort(binding, 'usb-Modem_X-if00', { byIdDir: byId }))?.devicePath).toBe(join(root, 'ttyUSB0'));
    await rm(join(byId, 'usb-Modem_X-if00'));
    await symlink(join(root, 'ttyUSB1'), join(byId, 'usb-Modem_X-if00'));
    expect((await resolveStablePort(binding, 'usb-Modem_X-if00', { byIdDir: byId }))?.devicePath).toBe(join(root, 'ttyUSB1'));
  });

  it('without by-id, falls back to vid:pid:serial, and tolerates dangling links and a failing list()', async () => {
    const { byId } = await fakeDev([], { 'usb-Gone-if00': 'ttyUSB9' });
    const binding = new SerialMockBinding();
    binding.createPort('COM3', { info: { vendorId: '067B', productId: '2303', serialNumber: 'XYZ' } });
    expect((await discoverPorts(binding, { byIdDir: byId })).map((p) => p.stableId)).toEqual(['usb-067b:2303:xyz']);
    const broken = { list: () => Promise.reject(new Error('no udevadm')), open: binding.open.bind(binding) };
    expect(await discoverPorts(broken, { byIdDir: '/nonexistent' })).toEqual([]);
  });
});

/**
 * The installer's diagnostics bundle: one zip (fflate) in the seat's data folder with what a
 * support engineer needs to reproduce a hardware problem: the device list, each headset's raw
 * report descriptor as hex (our fixtures' format), recent device events, the hardware log lines
 * and versions. Caller-ID numbers in events are kept: they are the bug report.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { HostDescriptor } from '../../../protocol/hardware';
import type { DeviceEvent, DiagnosticsBundle, HardwareProfile, HardwareStatus } from '../../../protocol/hardware-api';

export interface DiagnosticsInput {
  dataDir: string;
  versions: Record<string, string>;
  status: HardwareStatus;
  profile: HardwareProfile;
  devices: unknown;
  descriptors: HostDescriptor[];
  events: readonly DeviceEvent[];
  log: readonly string[];
}

const json = (v: unknown) => strToU8(`${JSON.stringify(v, null, 2)}\n`);
const spacedHex = (hex: string) => hex.replace(/(..)(?!$)/g, '$1 ');

export function buildDiagnostics(input: DiagnosticsInput, now = new Date()): DiagnosticsBundle {
  const files: Record<string, Uint8Array> = {
    'versions.json': json({ ...input.versions, createdAt: now.toISOString() }),
    'status.json': json(input.status),
    'profile.json': json(input.profile),
    'devices.json': json(input.devices),
    'events.json': json(input.events),
    'hardware.log': strToU8(`${input.log.join('\n')}\n`),
    'descriptors/index.json': json(input.descriptors.map(({ hex: _hex, ...rest }) => rest)),
  };
  for (const d of input.descriptors) {
    if (d.hex) files[`descriptors/${d.key.replace(/[^\w.-]+/g, '_')}.hex`] = strToU8(`${spacedHex(d.hex)}\n`);
  }
  const zip = zipSync(files, { level: 6, mtime: now });
  const dir = join(input.dataDir, 'diagnostics');
  mkdirSync(dir, { recursive: true });
  const fileName = `branchline-hardware-${now.toISOString().replace(/[:.]/g, '-')}.zip`;
  const path = join(dir, fileName);
  writeFileSync(path, zip);
  return { fileName, path, size: zip.byteLength, base64: Buffer.from(zip).toString('base64'), files: Object.keys(files) };
}

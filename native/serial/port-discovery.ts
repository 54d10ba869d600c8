// Finds serial ports and gives each a stable id that survives unplug/replug and reboots.
// On Linux the stable handle is the udev symlink in /dev/serial/by-id (built from vendor,
// model, serial number and interface), while /dev/ttyUSB0 / ttyACM0 numbering depends on
// plug order. Elsewhere we fall back to vendor:product:serial, then to the path itself.

import { readdir, realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { SerialBinding, SerialPortInfo } from './binding';

export interface DiscoveredPort extends SerialPortInfo {
  /** Canonical device node (symlinks resolved). */
  devicePath: string;
  /** The /dev/serial/by-id link pointing at this device, when there is one. */
  byIdPath?: string;
  /** Stable across replug: by-id name, else usb-<vid>:<pid>:<serial>, else the path. */
  stableId: string;
  /** What a session should open: the by-id link if any (it reappears on replug). */
  openPath: string;
}

export interface PortDiscoveryFs {
  readdir(dir: string): Promise<string[]>;
  realpath(path: string): Promise<string>;
}

export interface PortDiscoveryOptions {
  byIdDir?: string;
  fs?: PortDiscoveryFs;
}

const nodeFs: PortDiscoveryFs = { readdir: (d) => readdir(d), realpath: (p) => realpath(p) };

export async function discoverPorts(binding: SerialBinding, options: PortDiscoveryOptions = {}): Promise<DiscoveredPort[]> {
  const fs = options.fs ?? nodeFs;
  const byIdDir = options.byIdDir ?? '/dev/serial/by-id';
  const byTarget = await readByIdLinks(fs, byIdDir);
  let listed: SerialPortInfo[] = [];
  try {
    listed = await binding.list();
  } catch {
    // Enumeration can fail (no udevadm, addon missing); by-id links alone are still useful.
  }
  const out = new Map<string, DiscoveredPort>();
  for (const info of listed) {
    const devicePath = await fs.realpath(info.path).catch(() => info.path);
    const byIdPath = byTarget.get(devicePath);
    out.set(devicePath, describe(info, devicePath, byIdPath));
  }
  // A by-id link whose device the enumerator missed is still a real, openable device.
  for (const [devicePath, byIdPath] of byTarget) {
    if (!out.has(devicePath)) out.set(devicePath, describe({ path: byIdPath }, devicePath, byIdPath));
  }
  return [...out.values()].sort((a, b) => a.stableId.localeCompare(b.stableId));
}

/** Re-resolves a stable id to something openable now (after replug the node may differ). */
export async function resolveStablePort(
  binding: SerialBinding,
  stableId: string,
  options: PortDiscoveryOptions = {},
): Promise<DiscoveredPort | undefined> {
  return (await discoverPorts(binding, options)).find((p) => p.stableId === stableId);
}

async function readByIdLinks(fs: PortDiscoveryFs, dir: string): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return map; // no udev, no USB serial devices, or not Linux
  }
  for (const name of names.sort()) {
    const link = join(dir, name);
    try {
      const target = await fs.realpath(link);
      // Several interfaces of one device each get a link; keep the first by name.
      if (!map.has(target)) map.set(target, link);
    } catch {
      // Dangling link: the device went away between readdir and realpath.
    }
  }
  return map;
}

function describe(info: SerialPortInfo, devicePath: string, byIdPath: string | undefined): DiscoveredPort {
  let stableId: string;
  if (byIdPath) stableId = basename(byIdPath);
  else if (info.vendorId && info.productId && info.serialNumber) {
    stableId = `usb-${info.vendorId}:${info.productId}:${info.serialNumber}`.toLowerCase();
  } else stableId = devicePath;
  return {
    ...info,
    devicePath,
    ...(byIdPath ? { byIdPath } : {}),
    stableId,
    openPath: byIdPath ?? info.path,
  };
}

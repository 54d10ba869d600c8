/**
 * The serial half of the hardware host: one caller-ID modem or agent box session on the chosen
 * port (sessions reconnect on their own after unplug), its events as host events, and call-state
 * LEDs on agent boxes.
 */
import { AgentBoxSession } from '../serial/agent-box-session';
import type { LedName } from '../serial/agent-box-protocol';
import type { SerialBinding } from '../serial/binding';
import { ModemSession } from '../serial/modem-session';
import { discoverPorts } from '../serial/port-discovery';
import type { SerialSessionBase } from '../serial/serial-session-base';
import { SerialSessionState } from '../serial/serial-session-state';
import type { CallLightState, SerialKind, SerialPortSummary, TestLedName } from '../../protocol/hardware-api';
import { HostOpError } from './host-op-error';
import type { HostEmit, HostLogger } from './host-types';

const BOX_LED: Partial<Record<TestLedName, LedName>> = { offHook: 'HOOK', ring: 'RING', ringer: 'RING', mute: 'MUTE', hold: 'HOLD' };

export class SerialHost {
  #session: ModemSession | AgentBoxSession | undefined;
  #config: { path: string; kind: SerialKind } | null = null;

  constructor(
    private readonly binding: SerialBinding,
    /** Ports named on the command line (socat ptys) that no enumerator lists. */
    private readonly extraPaths: readonly string[],
    private readonly emit: HostEmit,
    private readonly log: HostLogger,
  ) {}

  async configure(config: { path: string; kind: SerialKind } | null): Promise<void> {
    if (config?.path === this.#config?.path && config?.kind === this.#config?.kind && (config === null) === (this.#session === undefined)) return;
    await this.close();
    this.#config = config;
    if (!config) return;
    const logger = { ...this.log, info: (o: object, m?: string) => this.log.info({ dev: config.path, ...o }, m) };
    const session = config.kind === 'modem'
      ? new ModemSession({ binding: this.binding, path: config.path, logger, heartbeatMs: 5_000 })
      : new AgentBoxSession({ binding: this.binding, path: config.path, logger });
    const dev = config.path;
    // Both sessions share the base events; their own extras (version, voiceEvent) are not needed here.
    const events = session as unknown as SerialSessionBase;
    events.on('connected', () => this.emit({ source: 'serial', kind: 'serialConnected', device: dev, detail: config.kind }));
    events.on('disconnected', (d) => this.emit({ source: 'serial', kind: 'serialDisconnected', device: dev, detail: `${d.code}: ${d.reason}` }));
    events.on('callerId', (r) => this.emit({
      source: 'serial', kind: 'callerId', device: dev,
      callerId: {
        ...(r.number !== undefined ? { number: r.number } : {}),
        ...(r.name !== undefined ? { name: r.name } : {}),
        ...(r.numberAbsence !== undefined ? { numberAbsence: r.numberAbsence } : {}),
        ...(r.line !== undefined ? { line: r.line } : {}),
      },
    }));
    events.on('ring', (r) => this.emit({ source: 'serial', kind: 'ring', device: dev, detail: r.via }));
    events.on('hook', (h) => this.emit({ source: 'serial', kind: 'lineHook', device: dev, detail: h.state }));
    events.on('dtmf', (d) => this.emit({ source: 'serial', kind: 'dtmf', device: dev, digit: d.digit }));
    events.on('badFrame', (b) => this.emit({ source: 'serial', kind: 'badFrame', device: dev, detail: `${b.reason}: ${b.detail}` }));
    this.#session = session;
    session.start();
  }

  state(): { path: string; kind: SerialKind; state: string } | null {
    return this.#config && this.#session ? { ...this.#config, state: this.#session.state } : null;
  }

  async list(): Promise<SerialPortSummary[]> {
    const found = await discoverPorts(this.binding);
    const active = this.#config?.path;
    const out: SerialPortSummary[] = found.map((p) => ({
      path: p.openPath, stableId: p.stableId, name: p.byIdPath?.split('/').pop() ?? p.path,
      manufacturer: p.manufacturer ?? null, vendorId: p.vendorId ?? null, productId: p.productId ?? null,
      simulated: false, active: p.openPath === active || p.path === active,
    }));
    for (const path of this.extraPaths) {
      if (!out.some((p) => p.path === path)) {
        out.push({ path, stableId: path, name: `pty ${path.split('/').pop() ?? path}`, manufacturer: null, vendorId: null, productId: null, simulated: true, active: path === active });
      }
    }
    return out;
  }

  async setCallState(call: CallLightState): Promise<void> {
    const s = this.#session;
    if (!(s instanceof AgentBoxSession) || s.state !== SerialSessionState.Ready) return;
    await s.setLed('RING', call.state === 'ringing' ? 'BLINK' : 'OFF');
    await s.setLed('HOOK', call.state === 'active' || call.state === 'held' ? 'ON' : 'OFF');
    await s.setLed('HOLD', call.state === 'held' ? 'ON' : 'OFF');
    await s.setLed('MUTE', call.muted && call.state !== 'idle' ? 'ON' : 'OFF');
  }

  async testLed(led: TestLedName, on: boolean): Promise<void> {
    const s = this.#session;
    if (!s) throw new HostOpError('BL_ERR_HW_NO_DEVICE', 'no serial port is configured');
    const box = BOX_LED[led];
    if (!(s instanceof AgentBoxSession) || !box) throw new HostOpError('BL_ERR_HW_NOT_SUPPORTED', `a ${this.#config?.kind} has no ${led} LED`);
    await s.setLed(box, on ? 'ON' : 'OFF');
  }

  async close(): Promise<void> {
    const s = this.#session;
    this.#session = undefined;
    await s?.close();
  }
}

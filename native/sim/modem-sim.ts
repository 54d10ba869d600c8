// A caller-ID modem simulator that speaks the exact bytes: it reads AT command lines (echoing
// them while E1), answers OK/ERROR in verbose or numeric form, remembers the caller-ID mode
// (+VCID / #CID) and voice mode (+FCLASS=8), and on request sends RING, <DLE> codes and caller
// ID formatted the way the selected mode prints it. It sits on the device end of any
// SerialConnection: a real pty (serial-sim-main.ts) or SerialMockBinding's device end.

import type { SerialConnection } from '../serial/binding';
import { cidChecksum } from '../serial/cid-message-decoder';
import type { Unsubscribe } from '../serial/serial-emitter';
import { type SimCallerId, type SimStep, hexToBytes, sleep } from './serial-sim-script';

export interface ModemSimOptions {
  /** Accepts AT+VCID=n (V.253). A USR-style modem only takes AT#CID=n. */
  acceptsVcid?: boolean;
  acceptsHashCid?: boolean;
  acceptsVoice?: boolean;
  /** Never answers: a wedged modem, for timeout tests. */
  silent?: boolean;
  /** 'spaced' → "DATE = 0511" (Rockwell), 'compact' → "DATE=0511" (Zoom, Digi, ELSA). */
  tagStyle?: 'spaced' | 'compact';
}

const DLE = 0x10;
const DLE_NAMES: Record<string, number> = { ETX: 0x03, DLE: 0x10, SUB: 0x1a };

// One AT sub-command; anything else makes the whole line ERROR, as on a real modem.
const SUBCOMMAND =
  /^(?:Z\d?|&F\d?|E[01]?|V[01]?|Q[01]?|H[01]?|L\d|M\d|X\d|I\d?|S\d+(?:=\d+|\?)|\+VCID(?:=\d|\?)|#CID(?:=\d+|\?)|\+FCLASS(?:=[\d.]+|\?)|\+GCI(?:=[0-9A-F]{2}|\?)|\+VLS=\d+|\+VRID=\d|\+VSM=\d+|\+VGT=\d+)/;

export class ModemSim {
  /** Every command line received, as typed (trimmed). */
  readonly commands: string[] = [];
  echo = true;
  verbose = true;
  cidMode = 0;
  fclass = 0;
  private input: number[] = [];
  private readonly unsubscribe: Unsubscribe;
  private readonly commandWaiters: Array<{ cmd: string; resolve: () => void }> = [];

  constructor(
    private readonly conn: SerialConnection,
    private readonly options: ModemSimOptions = {},
  ) {
    this.unsubscribe = conn.onData((chunk) => this.onBytes(chunk));
  }

  dispose(): void {
    this.unsubscribe();
  }

  send(data: Uint8Array | string): Promise<void> {
    const bytes = typeof data === 'string' ? new Uint8Array(Buffer.from(data, 'latin1')) : data;
    return this.conn.write(bytes).catch(() => {});
  }

  ring(): Promise<void> {
    return this.fclass === 8 ? this.dle('R') : this.send('\r\nRING\r\n');
  }

  dle(code: string): Promise<void> {
    const byte = DLE_NAMES[code] ?? code.charCodeAt(0);
    return this.send(new Uint8Array([DLE, byte]));
  }

  /** Caller ID as the current mode prints it; nothing while caller ID is off (mode 0). */
  callerId(cid: SimCallerId): Promise<void> {
    if (this.cidMode === 1) return this.send(`\r\n${formatCallerId(cid, this.options.tagStyle ?? 'spaced').join('\r\n')}\r\n`);
    if (this.cidMode === 2) return this.send(`\r\n${Buffer.from(encodeMdmf(cid)).toString('hex').toUpperCase()}\r\n`);
    return Promise.resolve();
  }

  /** Resolves once the host has sent `cmd` (case-insensitive), counting commands already seen. */
  waitForCommand(cmd: string, timeoutMs = 5_000): Promise<void> {
    const want = cmd.toUpperCase();
    if (this.commands.some((c) => c.toUpperCase() === want)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { cmd: want, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.commandWaiters.splice(this.commandWaiters.indexOf(waiter), 1);
        reject(new Error(`modem sim: no "${cmd}" within ${timeoutMs} ms (got ${this.commands.join(', ') || 'nothing'})`));
      }, timeoutMs);
      this.commandWaiters.push(waiter);
    });
  }

  async runScript(steps: readonly SimStep[]): Promise<void> {
    for (const step of steps) {
      if ('expect' in step) await this.waitForCommand(step.expect, step.timeoutMs);
      else if ('send' in step) await this.send(step.send);
      else if ('sendHex' in step) await this.send(hexToBytes(step.sendHex));
      else if ('ring' in step) for (let i = 0; i < step.ring; i++) await this.ring();
      else if ('callerId' in step) await this.callerId(step.callerId);
      else if ('dle' in step) await this.dle(step.dle);
      else if ('hook' in step) await this.dle(step.hook === 'OFF' ? 'H' : 'h');
      else if ('dtmf' in step) for (const d of step.dtmf) await this.dle(d);
      if (step.delayMs) await sleep(step.delayMs);
    }
  }

  private onBytes(chunk: Uint8Array): void {
    // Byte by byte, like a real modem: ATE0 in the middle of a chunk stops the echo of the
    // bytes after it, and echo and answers go out in the order they happen.
    let out = '';
    for (const b of chunk) {
      if (this.echo && !this.options.silent) out += String.fromCharCode(b);
      if (b === 0x0d) out += this.onLine(Buffer.from(this.input).toString('latin1').trim());
      if (b === 0x0d || b === 0x0a) this.input = [];
      else this.input.push(b);
    }
    if (out) void this.send(out);
  }

  /** Records the line, wakes waiters and returns the answer bytes. */
  private onLine(line: string): string {
    if (line === '') return '';
    this.commands.push(line);
    const upper = line.toUpperCase();
    for (const w of [...this.commandWaiters]) {
      if (w.cmd === upper) {
        this.commandWaiters.splice(this.commandWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
    return this.options.silent ? '' : this.execute(upper);
  }

  /** Runs one command line and returns the response bytes. */
  private execute(line: string): string {
    if (!line.startsWith('AT')) return this.result(false);
    let rest = line.slice(2).replace(/\s+/g, '');
    let info = '';
    while (rest.length > 0) {
      const m = SUBCOMMAND.exec(rest);
      if (!m) return this.result(false);
      const sub = m[0];
      rest = rest.slice(sub.length);
      const r = this.apply(sub);
      if (r === false) return info + this.result(false);
      if (typeof r === 'string') info += this.verbose ? `\r\n${r}\r\n` : `${r}\r\n`;
    }
    return info + this.result(true);
  }

  /** false = ERROR; a string = an information line; true = fine. */
  private apply(sub: string): boolean | string {
    if (/^(Z|&F)/.test(sub)) {
      this.echo = true;
      this.verbose = true;
      this.cidMode = 0;
      this.fclass = 0;
      return true;
    }
    if (/^E/.test(sub)) return (this.echo = sub !== 'E0'), true;
    if (/^V/.test(sub)) return (this.verbose = sub !== 'V0'), true;
    if (sub === '+VCID?') return this.options.acceptsVcid === false ? false : String(this.cidMode);
    if (sub === '#CID?') return this.options.acceptsHashCid === false ? false : String(this.cidMode);
    const cid = /^(\+VCID|#CID)=(\d+)$/.exec(sub);
    if (cid) {
      const allowed = cid[1] === '+VCID' ? this.options.acceptsVcid !== false : this.options.acceptsHashCid !== false;
      const mode = Number(cid[2]);
      if (!allowed || mode > 2) return false;
      this.cidMode = mode;
      return true;
    }
    const fclass = /^\+FCLASS=([\d.]+)$/.exec(sub);
    if (fclass) {
      if (fclass[1] === '8' && this.options.acceptsVoice === false) return false;
      this.fclass = Number(fclass[1]);
      return true;
    }
    if (sub === '+FCLASS?') return String(this.fclass);
    if (/^I/.test(sub)) return 'Branchline ModemSim V.253';
    return true;
  }

  private result(ok: boolean): string {
    if (this.verbose) return ok ? '\r\nOK\r\n' : '\r\nERROR\r\n';
    return ok ? '0\r' : '4\r';
  }
}

/** Formatted (+VCID=1) lines for one call, in the Rockwell order DATE, TIME, NMBR, NAME. */
export function formatCallerId(cid: SimCallerId, style: 'spaced' | 'compact' = 'spaced'): string[] {
  const eq = style === 'spaced' ? ' = ' : '=';
  const lines: string[] = [];
  if (cid.date) lines.push(`DATE${eq}${cid.date}`);
  if (cid.time) lines.push(`TIME${eq}${cid.time}`);
  const number = cid.number || cid.numberReason;
  if (number) lines.push(`NMBR${eq}${number}`);
  const name = cid.name || cid.nameReason;
  if (name) lines.push(`NAME${eq}${name}`);
  return lines;
}

/** The MDMF message (+VCID=2 prints it as hex) with a correct checksum. */
export function encodeMdmf(cid: SimCallerId): Uint8Array {
  const params: number[] = [];
  const add = (param: number, text: string) => params.push(param, text.length, ...Buffer.from(text, 'latin1'));
  if (cid.date && cid.time) add(0x01, cid.date + cid.time);
  if (cid.number) add(0x02, cid.number);
  else if (cid.numberReason) add(0x04, cid.numberReason);
  if (cid.name) add(0x07, cid.name);
  else if (cid.nameReason) add(0x08, cid.nameReason);
  const body = new Uint8Array([0x80, params.length, ...params]);
  return new Uint8Array([...body, cidChecksum(body)]);
}

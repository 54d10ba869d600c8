// A caller-ID modem on a serial port: initialises it with AT commands (with timeouts, retries
// and vendor fallbacks), keeps it alive with an AT heartbeat, and turns its bytes into typed
// events through CallerIdTokenizer. Reconnects after unplug (see SerialSessionBase).

import type { CallerIdTokenizerOptions } from './caller-id-tokenizer';
import { CallerIdTokenizer } from './caller-id-tokenizer';
import type { ModemResultCode, TokenizerEvent } from './caller-id-tokenizer-events';
import type { VoiceEventKind } from './dle-codes';
import { SerialError, SerialErrorCode } from './serial-error';
import { SerialSessionBase, type SerialSessionEvents, type SerialSessionOptions } from './serial-session-base';

/** One init step; `alternatives` are tried in order until one answers OK. */
export interface AtInitStep {
  alternatives: readonly string[];
  /** When every alternative fails: 'fail' aborts init, 'skip' carries on. */
  onFailure: 'fail' | 'skip';
}

export interface ModemSessionOptions extends SerialSessionOptions {
  /** 'formatted' → AT+VCID=1 / AT#CID=1; 'unformatted' → AT+VCID=2 / AT#CID=2 (hex, checksummed here). */
  callerIdMode?: 'formatted' | 'unformatted';
  /** Voice mode (AT+FCLASS=8): RING becomes <DLE>R and hook/DTMF events become visible. */
  voiceMode?: boolean;
  /** Extra commands before caller ID is enabled, e.g. AT+GCI=B5 (China, per dot-osk/ATCmd). */
  extraInit?: readonly string[];
  commandTimeoutMs?: number;
  /** Re-sends of one command after a timeout (not after ERROR). */
  commandRetries?: number;
  tokenizer?: Omit<CallerIdTokenizerOptions, 'clock'>;
}

export interface ModemSessionEvents extends SerialSessionEvents {
  voiceEvent: { kind: VoiceEventKind; code: string };
  /** Which caller-ID command the modem accepted. */
  initialized: { callerIdCommand: string };
}

type CommandOutcome = 'OK' | 'ERROR';

const FINAL: ReadonlySet<ModemResultCode> = new Set<ModemResultCode>(['OK', 'ERROR', 'NO CARRIER', 'CONNECT']);

export function modemInitPlan(o: Pick<ModemSessionOptions, 'callerIdMode' | 'voiceMode' | 'extraInit'>): AtInitStep[] {
  const n = o.callerIdMode === 'unformatted' ? 2 : 1;
  return [
    { alternatives: ['ATZ'], onFailure: 'fail' },
    // Echo off so our own commands do not come back as lines; verbose result codes.
    { alternatives: ['ATE0V1'], onFailure: 'fail' },
    ...(o.voiceMode ? [{ alternatives: ['AT+FCLASS=8'], onFailure: 'fail' as const }] : []),
    ...(o.extraInit ?? []).map((c) => ({ alternatives: [c], onFailure: 'skip' as const })),
    // V.253 spelling first, then the Rockwell/USR/TI spelling (NCID Modems.md).
    { alternatives: [`AT+VCID=${n}`, `AT#CID=${n}`], onFailure: 'fail' },
  ];
}

export class ModemSession extends SerialSessionBase<ModemSessionEvents> {
  private readonly tokenizer: CallerIdTokenizer;
  private readonly plan: AtInitStep[];
  private readonly commandTimeoutMs: number;
  private readonly commandRetries: number;
  private resultListener: ((code: CommandOutcome) => void) | undefined;
  private commandChain: Promise<unknown> = Promise.resolve();
  private callerIdCommandValue: string | undefined;

  constructor(options: ModemSessionOptions) {
    super(options, { baudRate: 115_200, heartbeatMs: 30_000 });
    this.plan = modemInitPlan(options);
    this.commandTimeoutMs = options.commandTimeoutMs ?? 2_000;
    this.commandRetries = options.commandRetries ?? 2;
    this.tokenizer = new CallerIdTokenizer({ ...options.tokenizer, clock: this.clock });
    this.tokenizer.on((e) => this.onToken(e));
  }

  /** The caller-ID command the modem accepted on the last init. */
  get callerIdCommand(): string | undefined {
    return this.callerIdCommandValue;
  }

  /**
   * Sends one AT command and resolves with its final result. Commands are serialised: a modem
   * answers one at a time. Rejects with BL_ERR_SERIAL_TIMEOUT after the retries are spent.
   */
  command(cmd: string): Promise<CommandOutcome> {
    const run = this.commandChain.then(() => this.commandWithRetries(cmd));
    this.commandChain = run.catch(() => {});
    return run;
  }

  protected override async initialize(): Promise<void> {
    this.commandChain = Promise.resolve(); // a stale chain from a dead port must not block
    for (const step of this.plan) {
      let accepted: string | undefined;
      for (const alt of step.alternatives) {
        if ((await this.command(alt)) === 'OK') {
          accepted = alt;
          break;
        }
        this.logger.info({ cmd: alt }, 'modem rejected command, trying the next spelling');
      }
      if (!accepted && step.onFailure === 'fail') {
        throw new SerialError(SerialErrorCode.SerialRejected, `modem rejected ${step.alternatives.join(' and ')}`);
      }
      if (accepted && /VCID|#CID/.test(accepted)) this.callerIdCommandValue = accepted;
    }
    this.emit('initialized', { callerIdCommand: this.callerIdCommandValue ?? '' });
  }

  protected override async heartbeat(): Promise<void> {
    const r = await this.command('AT');
    if (r !== 'OK') throw new SerialError(SerialErrorCode.SerialRejected, 'AT heartbeat answered ERROR');
  }

  protected override handleData(chunk: Uint8Array): void {
    this.tokenizer.push(chunk);
  }

  protected override resetParsers(): void {
    this.tokenizer.reset();
    this.resultListener = undefined;
  }

  override async close(): Promise<void> {
    await super.close();
    this.tokenizer.dispose();
  }

  private async commandWithRetries(cmd: string): Promise<CommandOutcome> {
    let lastErr: unknown;
    for (let i = 0; i <= this.commandRetries; i++) {
      try {
        return await this.commandOnce(cmd);
      } catch (err) {
        lastErr = err;
        if (!(err instanceof SerialError) || err.code !== SerialErrorCode.SerialTimeout) throw err;
        this.logger.debug({ cmd, attempt: i + 1 }, 'AT command timed out');
      }
    }
    throw lastErr;
  }

  private commandOnce(cmd: string): Promise<CommandOutcome> {
    const wait = this.waitFor<CommandOutcome>(this.commandTimeoutMs, cmd, (resolve) => {
      this.resultListener = resolve;
      return () => {
        if (this.resultListener === resolve) this.resultListener = undefined;
      };
    });
    this.logger.debug({ cmd }, 'AT >');
    this.write(new TextEncoder().encode(`${cmd}\r`)).catch(() => {
      // A failed write shows up as a timeout here and as close/error on the port.
    });
    return wait;
  }

  private onToken(e: TokenizerEvent): void {
    switch (e.type) {
      case 'result':
        if (FINAL.has(e.code)) this.resultListener?.(e.code === 'OK' || e.code === 'CONNECT' ? 'OK' : 'ERROR');
        return;
      case 'line':
        // Numeric result codes (ATV0) before ATE0V1 takes effect: 0 = OK, 4 = ERROR.
        if (e.text === '0') this.resultListener?.('OK');
        else if (e.text === '4') this.resultListener?.('ERROR');
        return;
      case 'callerId':
        this.emit('callerId', e.record);
        return;
      case 'ring':
        this.emit('ring', { via: e.via });
        return;
      case 'hook':
        this.emit('hook', { state: e.state });
        return;
      case 'dtmf':
        this.emit('dtmf', { digit: e.digit });
        return;
      case 'voiceEvent':
        this.emit('voiceEvent', { kind: e.kind, code: e.code });
        return;
      case 'badFrame':
        this.emit('badFrame', { reason: e.reason, detail: e.detail, raw: e.raw });
        return;
    }
  }
}

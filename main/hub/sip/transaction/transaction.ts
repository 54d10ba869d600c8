import type { SipLogger } from '../sip-logger';
import type { TransactionTimers } from './transaction-timers';
import { TransactionState } from './transaction-state';

/** Sends bytes toward the peer; rejects on transport failure. */
export type TransactionSend = (data: Buffer) => Promise<void>;

/**
 * Shared plumbing of the four transaction machines: named timers, one guarded `transition()`
 * (illegal moves throw: they are bugs), transport errors, and termination.
 */
export abstract class Transaction {
  private current: TransactionState;
  private readonly timerHandles = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly terminatedListeners: Array<() => void> = [];

  protected constructor(
    readonly key: string,
    initial: TransactionState,
    protected readonly reliable: boolean,
    protected readonly timers: TransactionTimers,
    protected readonly sendBytes: TransactionSend,
    protected readonly log: SipLogger,
  ) {
    this.current = initial;
  }

  get state(): TransactionState {
    return this.current;
  }

  /** Legal moves of this machine: from → allowed destinations. */
  protected abstract readonly moves: Readonly<Record<TransactionState, readonly TransactionState[]>>;

  onTerminated(listener: () => void): void {
    this.terminatedListeners.push(listener);
  }

  /** Stop everything now (stack shutdown). */
  dispose(): void {
    if (this.current !== TransactionState.Terminated) this.transition(TransactionState.Terminated);
  }

  protected transition(to: TransactionState): void {
    const from = this.current;
    if (!this.moves[from].includes(to)) throw new Error(`${this.key}: illegal transition ${from} -> ${to}`);
    this.current = to;
    this.log.info({ from, to }, 'transaction state');
    if (to === TransactionState.Terminated) {
      for (const t of this.timerHandles.values()) clearTimeout(t);
      this.timerHandles.clear();
      for (const l of this.terminatedListeners.splice(0)) l();
    }
  }

  protected startTimer(name: string, ms: number, fire: () => void): void {
    this.stopTimer(name);
    this.timerHandles.set(
      name,
      setTimeout(() => {
        this.timerHandles.delete(name);
        if (this.current !== TransactionState.Terminated) fire();
      }, ms),
    );
  }

  protected stopTimer(name: string): void {
    const t = this.timerHandles.get(name);
    if (t !== undefined) clearTimeout(t);
    this.timerHandles.delete(name);
  }

  hasTimer(name: string): boolean {
    return this.timerHandles.has(name);
  }

  protected send(data: Buffer): void {
    this.sendBytes(data).catch((err: unknown) => {
      this.log.debug({ err: (err as Error).message }, 'transport error');
      this.onTransportError(err as Error);
    });
  }

  /** RFC 3261 §17.1.4 / §17.2.4: a transport failure is reported to the TU. */
  protected abstract onTransportError(err: Error): void;
}

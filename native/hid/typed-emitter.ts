import { EventEmitter } from 'node:events';

/** EventEmitter with a typed event map; `emit` is kept protected-by-convention via `fire`. */
export class TypedEmitter<M extends { [K in keyof M]: unknown[] }> {
  readonly #ee = new EventEmitter();

  on<E extends keyof M & string>(event: E, listener: (...args: M[E]) => void): this {
    this.#ee.on(event, listener as (...args: unknown[]) => void);
    return this;
  }

  once<E extends keyof M & string>(event: E, listener: (...args: M[E]) => void): this {
    this.#ee.once(event, listener as (...args: unknown[]) => void);
    return this;
  }

  off<E extends keyof M & string>(event: E, listener: (...args: M[E]) => void): this {
    this.#ee.off(event, listener as (...args: unknown[]) => void);
    return this;
  }

  listenerCount<E extends keyof M & string>(event: E): number {
    return this.#ee.listenerCount(event);
  }

  protected fire<E extends keyof M & string>(event: E, ...args: M[E]): void {
    // An 'error' with no listener would throw from EventEmitter; we drop it instead.
    if (event === 'error' && this.#ee.listenerCount('error') === 0) return;
    this.#ee.emit(event, ...args);
  }

  protected removeAll(): void {
    this.#ee.removeAllListeners();
  }
}

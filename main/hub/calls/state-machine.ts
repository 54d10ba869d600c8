/**
 * The one guarded `transition()` the call and leg machines share: refuses moves the table does
 * not list (a bug, so it throws), logs the change, then tells the listener.
 */
import type { Logger } from '../../common/logger';

export class StateMachine<S extends string> {
  private current: S;

  constructor(
    initial: S,
    private readonly allowed: (from: S, to: S) => boolean,
    private readonly log: Pick<Logger, 'info'>,
    private readonly what: string,
    private readonly onChange?: (from: S, to: S) => void,
  ) {
    this.current = initial;
  }

  get state(): S {
    return this.current;
  }

  /** Returns false (and does nothing) when already in `to`; throws on an illegal move. */
  transition(to: S): boolean {
    const from = this.current;
    if (from === to) return false;
    if (!this.allowed(from, to)) throw new Error(`${this.what}: illegal transition ${from} → ${to}`);
    this.current = to;
    this.log.info({ from, to }, `${this.what} state`);
    this.onChange?.(from, to);
    return true;
  }

  /** Like transition() but a no-op when the move is not allowed (races: BYE crossing a 200). */
  tryTransition(to: S): boolean {
    return this.current !== to && this.allowed(this.current, to) ? this.transition(to) : false;
  }
}

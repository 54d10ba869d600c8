/**
 * Logger seam for the SIP layer: a subset of pino's Logger, so `pino()` can be passed as is.
 * Categories follow `hub.sip.<area>` (`logger.child({ mod: 'hub.sip.transaction' })`).
 */
export interface SipLogger {
  debug(obj: unknown, msg?: string, ...args: unknown[]): void;
  info(obj: unknown, msg?: string, ...args: unknown[]): void;
  warn(obj: unknown, msg?: string, ...args: unknown[]): void;
  error(obj: unknown, msg?: string, ...args: unknown[]): void;
  child(bindings: Record<string, unknown>): SipLogger;
}

const noop = (): void => undefined;

/** Default logger: drops everything. */
export const noopSipLogger: SipLogger = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => noopSipLogger,
};

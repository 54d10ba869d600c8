/** Small seams shared by the halves of the hardware host. */
import type { HostEvent } from '../../protocol/hardware';

/** Emits one device event; `at` defaults to now (epoch ms, fractional). */
export type HostEmit = (event: Omit<HostEvent, 'at'> & { at?: number }) => void;

/** pino-shaped, so native/serial sessions can log through it too. */
export interface HostLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const nowMs = (): number => performance.timeOrigin + performance.now();

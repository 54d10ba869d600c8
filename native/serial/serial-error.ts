// Error codes for the serial layer. The lead maps these into protocol/errors.ts; until then
// they stay local so native/serial depends on nothing outside itself.

export const SerialErrorCode = {
  /** serialport could not be loaded, or the port could not be opened. */
  HwUnavailable: 'BL_ERR_HW_UNAVAILABLE',
  /** A command got no answer in time (AT command, agent-box request). */
  SerialTimeout: 'BL_ERR_SERIAL_TIMEOUT',
  /** A frame failed framing, length or checksum checks. */
  SerialBadFrame: 'BL_ERR_SERIAL_BAD_FRAME',
  /** The device rejected a command (ERROR / NAK). */
  SerialRejected: 'BL_ERR_SERIAL_REJECTED',
  /** An open port closed or errored under us (unplugged, pty gone). */
  HwDeviceLost: 'BL_ERR_HW_DEVICE_LOST',
  /** The session was closed while a request was in flight. */
  SerialClosed: 'BL_ERR_SERIAL_CLOSED',
} as const;

export type SerialErrorCode = (typeof SerialErrorCode)[keyof typeof SerialErrorCode];

export class SerialError extends Error {
  override readonly name = 'SerialError';
  constructor(
    readonly code: SerialErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Boundary form: errors cross process/IPC boundaries as data, the stack stays in the log. */
export function toSerialErrorData(err: unknown): { code: SerialErrorCode; message: string } {
  if (err instanceof SerialError) return { code: err.code, message: err.message };
  const message = err instanceof Error ? err.message : String(err);
  return { code: SerialErrorCode.HwUnavailable, message };
}

/**
 * Errors raised by native/hid. Codes match protocol/errors.ts so the lead can map them one to one;
 * kept local so this folder stays free of protocol imports until that mapping is wired.
 */
export type HidErrorCode = 'BL_ERR_HW_UNAVAILABLE' | 'BL_ERR_HW_DEVICE_LOST' | 'BL_ERR_HW_DESCRIPTOR';

export class HidError extends Error {
  override readonly name = 'HidError';
  readonly code: HidErrorCode;

  constructor(code: HidErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isHidError(err: unknown, code?: HidErrorCode): err is HidError {
  return err instanceof HidError && (code === undefined || err.code === code);
}

/**
 * The table of Branchline error codes. Every boundary (IPC, WebSocket, HTTP, worker, child process)
 * turns an error into `{ code, message }` with one of these codes; the stack stays in the log.
 * docs/errors.md documents each code, and errors.test.ts fails when one is missing there.
 */
export interface ErrorSpec {
  readonly http: number;
  /** SIP status used when the same condition is answered on the SIP side. */
  readonly sip: number;
  readonly message: string;
}

export const ERRORS = {
  BL_ERR_RPC_BAD_FRAME: { http: 400, sip: 400, message: 'Malformed request frame' },
  BL_ERR_RPC_UNKNOWN_METHOD: { http: 404, sip: 501, message: 'Unknown service or method' },
  BL_ERR_RPC_INVALID_ARGS: { http: 400, sip: 400, message: 'Invalid arguments' },
  BL_ERR_RPC_INVALID_RESULT: { http: 500, sip: 500, message: 'The service returned a malformed result' },
  BL_ERR_RPC_FORBIDDEN_SENDER: { http: 403, sip: 403, message: 'Request from an untrusted sender' },
  BL_ERR_RPC_DISCONNECTED: { http: 503, sip: 503, message: 'Connection to the seat services was lost' },
  BL_ERR_AUTH_INVALID_CREDENTIALS: { http: 401, sip: 403, message: 'Wrong username or password' },
  BL_ERR_AUTH_RATE_LIMITED: { http: 429, sip: 403, message: 'Too many failed attempts, try again later' },
  BL_ERR_AUTH_REQUIRED: { http: 401, sip: 401, message: 'Not logged in or session expired' },
  BL_ERR_AUTH_FORBIDDEN: { http: 403, sip: 403, message: 'Your role may not do this' },
  BL_ERR_AGENT_ILLEGAL_TRANSITION: { http: 409, sip: 409, message: 'This agent state change is not allowed now' },
  BL_ERR_AGENT_UNKNOWN_REASON: { http: 400, sip: 400, message: 'Unknown reason code' },
  BL_ERR_AGENT_NOT_AN_AGENT: { http: 403, sip: 403, message: 'This user has no agent seat' },
  BL_ERR_NOT_FOUND: { http: 404, sip: 404, message: 'Not found' },
  BL_ERR_VALIDATION: { http: 400, sip: 400, message: 'Invalid input' },
  BL_ERR_HUB_UNREACHABLE: { http: 503, sip: 503, message: 'The routing hub cannot be reached' },
  BL_ERR_HW_UNAVAILABLE: { http: 503, sip: 503, message: 'Hardware support is unavailable on this seat' },
  BL_ERR_HW_DEVICE_LOST: { http: 503, sip: 503, message: 'The device was unplugged or stopped answering' },
  BL_ERR_HW_DESCRIPTOR: { http: 422, sip: 400, message: 'The device report descriptor could not be parsed' },
  BL_ERR_HW_TIMEOUT: { http: 504, sip: 408, message: 'The hardware host did not answer in time' },
  BL_ERR_HW_NO_DEVICE: { http: 409, sip: 480, message: 'No headset or serial device is connected for this' },
  BL_ERR_HW_NOT_SUPPORTED: { http: 422, sip: 488, message: 'The device has no such control or LED' },
  BL_ERR_HW_NOT_SIMULATED: { http: 409, sip: 403, message: 'Simulated hardware is not enabled on this seat' },
  BL_ERR_SERIAL_TIMEOUT: { http: 504, sip: 408, message: 'The serial device did not answer in time' },
  BL_ERR_SERIAL_BAD_FRAME: { http: 422, sip: 400, message: 'The serial device sent a malformed frame' },
  BL_ERR_INTERNAL: { http: 500, sip: 500, message: 'Internal error' },
  BL_ERR_SYNC_READ_ONLY_FIELD: { http: 403, sip: 403, message: 'This field is written by the hub only' },
  BL_ERR_SYNC_INVALID_MUTATION: { http: 400, sip: 400, message: 'A synced change does not fit its entity' },
  BL_ERR_WORKORDER_ILLEGAL_TRANSITION: { http: 409, sip: 409, message: 'This work order status change is not allowed' },
  BL_ERR_IMPORT_BAD_FILE: { http: 422, sip: 400, message: 'The import file could not be read' },
  BL_ERR_IMPORT_TOO_LARGE: { http: 413, sip: 400, message: 'The import file has too many rows' },
  BL_ERR_STORE_UNAVAILABLE: { http: 503, sip: 503, message: 'The local database is not available' },
  BL_ERR_IVR_INVALID_FLOW: { http: 422, sip: 500, message: 'The IVR flow is invalid' },
  BL_ERR_IVR_UNKNOWN_HOTLINE: { http: 404, sip: 404, message: 'No IVR flow is published for this number' },
  BL_ERR_IVR_TTS_UNAVAILABLE: { http: 503, sip: 503, message: 'Prompt generation is unavailable (espeak-ng or sox missing)' },
  BL_ERR_IVR_PROMPT_MISSING: { http: 500, sip: 500, message: 'An IVR prompt has no audio file' },
  BL_ERR_MEDIA_NO_PORTS: { http: 503, sip: 503, message: 'No free RTP port for the call' },
  BL_ERR_MEDIA_SDP_INVALID: { http: 400, sip: 400, message: 'The session description could not be parsed' },
  BL_ERR_MEDIA_CODEC_UNSUPPORTED: { http: 415, sip: 488, message: 'No common audio codec (the hub speaks PCMU and PCMA)' },
  BL_ERR_CALL_NO_SDP: { http: 400, sip: 488, message: 'An INVITE without a session description is not accepted' },
  BL_ERR_CALL_TELEPHONY_OFF: { http: 503, sip: 503, message: 'Telephony is off on this hub: there are no calls to control' },
  BL_ERR_CALL_NOT_CONNECTED: { http: 409, sip: 403, message: 'The call is not connected, so it cannot be held or transferred now' },
  BL_ERR_RECORDING_RANGE: { http: 416, sip: 400, message: 'The requested byte range is outside the recording' },
  BL_ERR_ACD_UNKNOWN_QUEUE: { http: 404, sip: 404, message: 'No such queue' },
  BL_ERR_ACD_UNKNOWN_AGENT: { http: 404, sip: 404, message: 'No such agent in the routing engine' },
  BL_ERR_ACD_AGENT_BUSY: { http: 409, sip: 486, message: 'The agent is busy with another call' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export const ERROR_CODES = Object.keys(ERRORS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERRORS, value);
}

/** An expected failure with a documented code. Bugs stay plain `Error`s. */
export class BranchlineError extends Error {
  override readonly name = 'BranchlineError';
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? ERRORS[code].message);
    this.code = code;
    this.details = details;
  }

  get httpStatus(): number {
    return ERRORS[this.code].http;
  }

  toWire(): WireError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** The shape an error takes on every wire. */
export interface WireError {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** Turns anything thrown into a wire error; unknown errors never leak their message or stack. */
export function toWireError(err: unknown): WireError {
  if (err instanceof BranchlineError) return err.toWire();
  return { code: 'BL_ERR_INTERNAL', message: ERRORS.BL_ERR_INTERNAL.message };
}

export function fromWireError(wire: unknown): BranchlineError {
  if (wire && typeof wire === 'object') {
    const { code, message, details } = wire as Partial<WireError>;
    if (isErrorCode(code)) return new BranchlineError(code, typeof message === 'string' ? message : undefined, details);
  }
  return new BranchlineError('BL_ERR_INTERNAL');
}

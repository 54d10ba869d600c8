/**
 * An expected failure of a host operation. Crosses the process boundary as `{code, message}`;
 * codes are protocol/errors.ts codes (kept as strings here, checked by the parent).
 */
export class HostOpError extends Error {
  override readonly name = 'HostOpError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function toHostErrorData(err: unknown): { code: string; message: string } {
  if (err && typeof err === 'object' && typeof (err as { code?: unknown }).code === 'string' && String((err as { code: string }).code).startsWith('BL_ERR_')) {
    return { code: (err as { code: string }).code, message: (err as Error).message };
  }
  return { code: 'BL_ERR_INTERNAL', message: err instanceof Error ? err.message : String(err) };
}

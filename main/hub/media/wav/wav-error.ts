/**
 * Typed WAV errors. Codes follow the `BL_ERR_<AREA>_<WHAT>` pattern; they are local to media/wav
 * until the lead moves them into the protocol error table.
 */
export type WavErrorCode =
  | 'BL_ERR_MEDIA_WAV_NOT_RIFF'
  | 'BL_ERR_MEDIA_WAV_TRUNCATED'
  | 'BL_ERR_MEDIA_WAV_NO_FMT'
  | 'BL_ERR_MEDIA_WAV_NO_DATA'
  | 'BL_ERR_MEDIA_WAV_UNSUPPORTED_FORMAT'
  | 'BL_ERR_MEDIA_WAV_SAMPLE_RATE'
  | 'BL_ERR_MEDIA_WAV_TOO_LARGE'
  | 'BL_ERR_MEDIA_WAV_CLOSED';

export class WavError extends Error {
  override readonly name = 'WavError';
  readonly code: WavErrorCode;

  constructor(code: WavErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

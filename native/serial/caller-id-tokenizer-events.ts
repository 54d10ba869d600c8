// Events produced by CallerIdTokenizer, one typed union so consumers switch exhaustively.

import type { CallerIdRecord } from './caller-id-record';
import type { DtmfDigit, VoiceEventKind } from './dle-codes';

export type ModemResultCode =
  | 'OK'
  | 'ERROR'
  | 'CONNECT'
  | 'NO CARRIER'
  | 'BUSY'
  | 'NO DIALTONE'
  | 'NO ANSWER';

export type BadFrameReason =
  | 'checksum'
  | 'missing-checksum'
  | 'truncated'
  | 'too-short'
  | 'trailing-bytes'
  | 'param-overrun'
  | 'unsupported-type'
  | 'odd-hex'
  | 'mesg-malformed'
  | 'incomplete-record'
  | 'unknown-dle-code'
  | 'line-too-long'
  | 'garbage'
  | 'box-reported-bad-checksum'
  | 'bad-framing'
  | 'unknown-message';

export interface BadFrame {
  reason: BadFrameReason;
  detail: string;
  /** The offending bytes, printable ASCII kept and the rest as \xNN. */
  raw: string;
}

export type TokenizerEvent =
  | { type: 'callerId'; record: CallerIdRecord }
  | { type: 'ring'; via: 'text' | 'dle' }
  | { type: 'hook'; state: 'onHook' | 'offHook'; via: 'dle' }
  | { type: 'dtmf'; digit: DtmfDigit }
  | { type: 'voiceEvent'; kind: VoiceEventKind; code: string }
  | { type: 'result'; code: ModemResultCode; text: string }
  | { type: 'line'; text: string }
  | ({ type: 'badFrame' } & BadFrame);

export function escapeBytes(bytes: Uint8Array | number[]): string {
  let out = '';
  for (const b of bytes) {
    if (b >= 0x20 && b < 0x7f && b !== 0x5c) out += String.fromCharCode(b);
    else if (b === 0x5c) out += '\\\\';
    else out += `\\x${b.toString(16).padStart(2, '0')}`;
  }
  return out;
}

// Test helpers for caller-ID fixtures (testdata/callerid, copied from /work/shared/fixtures):
// typed loaders, byte-stream builders with different line endings, and random chunking.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CallerIdTokenizer, type CallerIdTokenizerOptions } from '../serial/caller-id-tokenizer';
import type { TokenizerEvent } from '../serial/caller-id-tokenizer-events';

const dir = fileURLToPath(new URL('../../testdata/callerid/', import.meta.url));

export interface FormattedSample {
  id: string;
  lines: string[];
  expected: Record<string, string>;
}
export interface UnformattedSample {
  id: string;
  lines: string[];
  hex: string;
  decoded_by_fixture_author: {
    bytes: number;
    declared_length: number;
    checksum_ok: boolean;
    checksum_byte: string | null;
    checksum_expected: string;
  };
}
export interface AgentBoxSample {
  id: string;
  line: string;
  expected?: Record<string, string>;
}
export interface DleCode {
  code: string;
  bytes?: string;
  meaning: string;
}
export interface DleTable {
  id: string;
  codes?: DleCode[];
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(`${dir}${name}`, 'utf8')) as T;
}

export const formattedSamples = () =>
  loadFixture<{ samples: FormattedSample[]; vendor_tag_variants: { tags: Array<{ prefix: string; example_in_source?: string }> } }>(
    'formatted_vcid1.json',
  );
export const unformattedSamples = () => loadFixture<{ samples: UnformattedSample[] }>('unformatted_vcid2.json').samples;
export const agentBoxSamples = () => loadFixture<{ samples: AgentBoxSample[] }>('agent_boxes.json').samples;
export const dleTables = () => loadFixture<{ tables: DleTable[]; sequences: Array<{ id: string; bytes_example_for_digit_5?: string }> }>('dle_voice_events.json');

export type LineEnding = 'crlf' | 'lf' | 'crlf-blank';

/** Lines as a modem would send them: CR LF, bare LF, or CR LF with blank lines around each line. */
export function linesToBytes(lines: readonly string[], ending: LineEnding): Uint8Array {
  const text =
    ending === 'lf'
      ? lines.map((l) => `${l}\n`).join('')
      : ending === 'crlf'
        ? lines.map((l) => `${l}\r\n`).join('')
        : lines.map((l) => `\r\n${l}\r\n\r\n`).join('');
  return new Uint8Array(Buffer.from(text, 'latin1'));
}

/** Feeds chunks and returns every event, after flush(). */
export function tokenize(chunks: readonly Uint8Array[], options: CallerIdTokenizerOptions = {}): TokenizerEvent[] {
  const t = new CallerIdTokenizer(options);
  const events: TokenizerEvent[] = [];
  t.on((e) => events.push(e));
  for (const c of chunks) t.push(c);
  t.flush();
  t.dispose();
  return events;
}

/** Splits bytes at the given cut points (any numbers; taken modulo length, sorted, deduped). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    if (p > prev) out.push(bytes.subarray(prev, p));
    prev = Math.max(prev, p);
  }
  return out;
}

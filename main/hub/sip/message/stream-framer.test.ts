import { describe, expect, it } from 'vitest';
import { StreamFramer } from './stream-framer';

const msg = (n: number, body = ''): string =>
  `MESSAGE sip:a@b SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK${n}\r\nCall-ID: ${n}\r\nl: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

function collect(framer: StreamFramer, chunks: Buffer[]): string[] {
  return chunks.flatMap((c) => framer.push(c)).map((e) => (e.kind === 'message' ? e.data.toString() : e.kind));
}

function randomSplits(data: Buffer, seed: number): Buffer[] {
  let s = seed;
  const rnd = (): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: Buffer[] = [];
  let i = 0;
  while (i < data.length) {
    const n = 1 + Math.floor(rnd() * 40);
    out.push(data.subarray(i, i + n));
    i += n;
  }
  return out;
}

describe('StreamFramer', () => {
  const messages = [msg(1), msg(2, 'hello'), msg(3, '呼叫'), msg(4, 'x'.repeat(300))];
  const stream = Buffer.from(`\r\n\r\n${messages.join('')}\r\n${msg(5)}`);

  it('cuts merged messages (and answers a double-CRLF keepalive)', () => {
    expect(collect(new StreamFramer(65535), [stream])).toEqual(['keepalive', ...messages, msg(5)]);
  });

  it.each([1, 2, 3, 42, 1234, 99999])('gives the same messages for random splits (seed %i)', (seed) => {
    expect(collect(new StreamFramer(65535), randomSplits(stream, seed))).toEqual(['keepalive', ...messages, msg(5)]);
  });

  it('splits byte by byte', () => {
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(collect(new StreamFramer(65535), bytes)).toEqual(['keepalive', ...messages, msg(5)]);
  });

  it('fails on an oversized message, keeping the head for a 513', () => {
    const ev = new StreamFramer(200).push(Buffer.from(msg(9, 'y'.repeat(500))));
    expect(ev[0]?.kind).toBe('fatal');
    expect(ev[0]?.kind === 'fatal' && ev[0].head?.toString()).toMatch(/^MESSAGE .*\r\n\r\n$/s);
  });

  it('fails on an endless header section and on a bad Content-Length', () => {
    expect(new StreamFramer(100).push(Buffer.alloc(150, 0x41))[0]?.kind).toBe('fatal');
    expect(new StreamFramer(1000).push(Buffer.from('OPTIONS x SIP/2.0\r\nContent-Length: -1\r\n\r\n'))[0]?.kind).toBe('fatal');
  });
});

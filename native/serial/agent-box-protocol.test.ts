import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitAt } from '../sim/serial-fixtures';
import {
  AgentBoxDecoder,
  type AgentBoxDecoderEvent,
  type AgentBoxMessage,
  crc16,
  encodeAgentBoxMessage,
  parseAgentBoxFrame,
} from './agent-box-protocol';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const bytes = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

function decode(chunks: Uint8Array[]): AgentBoxDecoderEvent[] {
  const d = new AgentBoxDecoder();
  const out: AgentBoxDecoderEvent[] = [];
  d.on((e) => out.push(e));
  for (const c of chunks) d.push(c);
  d.flush();
  return out;
}

const ALL: AgentBoxMessage[] = [
  { type: 'HELLO', seq: 0, info: { protocol: 1, firmware: '1.0.0', model: 'BL-AB1' } },
  { type: 'VER', seq: 1 },
  { type: 'VER', seq: 1, info: { protocol: 1, firmware: '1.0.0', model: 'BL-AB1' } },
  { type: 'RING', seq: 7, line: 1, count: 1 },
  { type: 'CID', seq: 8, line: 1, date: '0511', time: '1852', number: '4075550000', name: 'JOHN DOE', numberReason: '', nameReason: '' },
  { type: 'CID', seq: 9, line: 2, date: '', time: '', number: '', name: '', numberReason: 'P', nameReason: 'O' },
  { type: 'CID', seq: 10, line: 1, date: '0101', time: '0000', number: '13812345678', name: '张三, $100*%', numberReason: '', nameReason: '' },
  { type: 'HOOK', seq: 0x0b, line: 1, state: 'OFF' },
  { type: 'HOOK', seq: 0x0c, line: 1, state: 'ON' },
  { type: 'DTMF', seq: 0x0d, line: 1, digit: '#' },
  { type: 'PING', seq: 0xfe, token: 'abc' },
  { type: 'PONG', seq: 0xfe, token: 'abc' },
  { type: 'LED', seq: 2, led: 'RING', state: 'BLINK' },
  { type: 'ACK', seq: 0xff },
  { type: 'NAK', seq: 3, reason: 'BADARG' },
];

describe('agent box protocol: framing', () => {
  it('CRC-16/CCITT-FALSE check value', () => {
    expect(crc16(bytes('123456789'))).toBe(0x29b1);
  });

  it('the example in AGENT-BOX-PROTOCOL.md decodes and re-encodes byte for byte', () => {
    const doc = readFileSync(fileURLToPath(new URL('./AGENT-BOX-PROTOCOL.md', import.meta.url)), 'utf8');
    const frames = [...doc.matchAll(/^(?:host|box): {1,2}(\$\S.*)$/gm)].map((m) => m[1]!);
    expect(frames).toHaveLength(8);
    for (const f of frames) {
      const parsed = parseAgentBoxFrame(f);
      expect(parsed.ok, f).toBe(true);
      if (parsed.ok) expect(text(encodeAgentBoxMessage(parsed.message))).toBe(`${f}\r\n`);
    }
  });

  it('frames look like the documented example', () => {
    expect(text(encodeAgentBoxMessage({ type: 'VER', seq: 1 }))).toMatch(/^\$01,VER\*[0-9A-F]{4}\r\n$/);
    expect(text(encodeAgentBoxMessage(ALL[6]!))).toContain(',%E5%BC%A0%E4%B8%89%2C %24100%2A%25,');
  });

  for (const m of ALL) {
    it(`round trip ${m.type} seq ${m.seq}: decode(encode(m)) = m and encode(decode(raw)) = raw`, () => {
      const raw = encodeAgentBoxMessage(m);
      const parsed = parseAgentBoxFrame(text(raw));
      expect(parsed).toEqual({ ok: true, message: m });
      if (parsed.ok) expect(encodeAgentBoxMessage(parsed.message)).toEqual(raw);
    });
  }

  it('rejects a flipped byte by CRC, and bad shapes by reason', () => {
    const raw = text(encodeAgentBoxMessage({ type: 'RING', seq: 7, line: 1, count: 1 }));
    expect(parseAgentBoxFrame(raw.replace('RING,1,1', 'RING,1,2'))).toMatchObject({ ok: false, reason: 'checksum' });
    expect(parseAgentBoxFrame('$01,VER')).toMatchObject({ ok: false, reason: 'bad-framing' });
    const withCrc = (body: string) => `$${body}*${crc16(bytes(body)).toString(16).toUpperCase().padStart(4, '0')}`;
    expect(parseAgentBoxFrame(withCrc('01,FOO'))).toMatchObject({ ok: false, reason: 'unknown-message' });
    expect(parseAgentBoxFrame(withCrc('01,LED,DISCO,ON'))).toMatchObject({ ok: false, reason: 'unknown-message' });
    expect(parseAgentBoxFrame(withCrc('1,ACK'))).toMatchObject({ ok: false, reason: 'bad-framing' });
    expect(parseAgentBoxFrame(withCrc('01,NAK,%G1'))).toMatchObject({ ok: false, reason: 'bad-framing' });
  });

  it('refuses to encode oversize frames or bad seqs (bugs throw)', () => {
    expect(() => encodeAgentBoxMessage({ type: 'PING', seq: 1, token: 'x'.repeat(300) })).toThrow(RangeError);
    expect(() => encodeAgentBoxMessage({ type: 'ACK', seq: 256 })).toThrow(RangeError);
  });
});

describe('AgentBoxDecoder: byte stream', () => {
  const stream = new Uint8Array(Buffer.concat(ALL.map((m) => encodeAgentBoxMessage(m))));

  it('decodes a stream of every message type', () => {
    expect(decode([stream])).toEqual(ALL.map((message) => ({ type: 'message', message })));
  });

  it('random chunk splits give identical events', () => {
    const noisy = new Uint8Array([...bytes('junk\r\n'), ...stream.subarray(0, 30), ...bytes('\x00\xff'), ...stream]);
    const whole = decode([noisy]);
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 16 }), (cuts) => {
        expect(decode(splitAt(noisy, cuts))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('resyncs after noise, a cut-off frame and a bad CRC; bare LF accepted', () => {
    const good = text(encodeAgentBoxMessage({ type: 'RING', seq: 1, line: 1, count: 1 }));
    const events = decode([bytes(`noise\n$01,RI${good}${good.replace('RING', 'RINK')}${good.replace('\r\n', '\n')}`)]);
    expect(events.map((e) => (e.type === 'message' ? 'message' : e.reason))).toEqual([
      'garbage',
      'truncated',
      'message',
      'checksum',
      'message',
    ]);
  });

  it('an endless line is reported once as too long', () => {
    const events = decode([bytes(`$${'A'.repeat(1000)}\r\n`)]);
    expect(events.map((e) => (e.type === 'badFrame' ? e.reason : e.type))).toEqual(['line-too-long']);
  });

  it('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 80 }), { maxLength: 6 }), (chunks) => {
        for (const e of decode(chunks)) expect(['message', 'badFrame']).toContain(e.type);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { noopSipLogger } from '../sip-logger';
import { parseSipMessage } from './sip-message-parser';

const crlf = (s: string): Buffer => Buffer.from(s.replace(/\r?\n/g, '\r\n'));
const parse = (s: string | Buffer, datagram = true) => parseSipMessage(typeof s === 'string' ? crlf(s) : s, { datagram }, noopSipLogger);

// RFC 4475 / real-world shaped samples.
const INVITE_FROM_SIPJS = `INVITE sip:1002@hub.local SIP/2.0
Via: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bKdk2n3r;rport
v: SIP/2.0/UDP 10.0.0.7:5060;branch=z9hG4bKfirst;received=10.0.0.7
To: <sip:1002@hub.local>
f: "Agent 1" <sip:1001@hub.local>;tag=8i7fs9lmgh
i: 3c1v9bq7a1m0pqoq2t1n
CSeq: 2 INVITE
Max-Forwards: 70
Route: <sip:10.0.0.1:5060;lr>, <sip:proxy2.example.com;lr>
Record-Route: <sip:p1.example.com;lr>
m: <sip:k3h2@df7jal23ls0d.invalid;transport=ws;ob>
Supported: outbound
c: application/sdp
l: 8

v=0\r
o=x`;

describe('parseSipMessage (sip.js grammar underneath)', () => {
  it('parses a browser INVITE with compact headers, Via lists and routes', () => {
    const p = parse(INVITE_FROM_SIPJS);
    expect(p.kind === 'invalid' ? p.reason : p.kind).toBe('request');
    if (p.kind !== 'request') return;
    expect(p.msg.method).toBe('INVITE');
    expect(p.msg.ruri?.user).toBe('1002');
    expect(p.vias.map((v) => [v.transport, v.host, v.port, v.branch])).toEqual([
      ['WSS', 'df7jal23ls0d.invalid', undefined, 'z9hG4bKdk2n3r'],
      ['UDP', '10.0.0.7', 5060, 'z9hG4bKfirst'],
    ]);
    expect(p.vias[0]?.rport).toBe('');
    expect(p.msg.from.displayName).toBe('Agent 1');
    expect(p.msg.fromTag).toBe('8i7fs9lmgh');
    expect(p.msg.callId).toBe('3c1v9bq7a1m0pqoq2t1n');
    expect(p.msg.getHeaders('route')).toHaveLength(1);
    expect(p.msg.getHeader('content-type')).toBe('application/sdp');
    expect(p.body.toString()).toBe('v=0\r\no=x');
    expect(p.basis.vias).toHaveLength(2);
  });

  it('splits a comma-separated Via header into values', () => {
    const p = parse(`OPTIONS sip:hub SIP/2.0
Via: SIP/2.0/UDP a.example:5060;branch=z9hG4bK1, SIP/2.0/TCP [2001:db8::9]:5070;branch=z9hG4bK2
From: <sip:a@b>;tag=1
To: <sip:hub>
Call-ID: x
CSeq: 1 OPTIONS

`);
    expect(p.kind === 'request' && p.vias.map((v) => `${v.host}:${v.port}`)).toEqual(['a.example:5060', '[2001:db8::9]:5070']);
  });

  it('lifts Contact: * (which the sip.js grammar rejects)', () => {
    const p = parse(`REGISTER sip:hub SIP/2.0
Via: SIP/2.0/UDP 1.2.3.4;branch=z9hG4bK1
From: <sip:1001@hub>;tag=1
To: <sip:1001@hub>
Call-ID: x
CSeq: 3 REGISTER
Contact: *
Expires: 0
Content-Length: 0

`);
    expect(p.kind === 'request' && p.contactWildcard).toBe(true);
  });

  it('parses a response and its CSeq method', () => {
    const p = parse(`SIP/2.0 180 Ringing
Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKabc;rport=5060
From: <sip:hub@x>;tag=a
To: <sip:1001@x>;tag=b
Call-ID: q
CSeq: 7 INVITE
Content-Length: 0

`);
    expect(p.kind).toBe('response');
    if (p.kind !== 'response') return;
    expect(p.msg.statusCode).toBe(180);
    expect(p.msg.method).toBe('INVITE');
  });

  it.each([
    ['no blank line', 'OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/UDP a;branch=z9hG4bK1\r\n'],
    ['bad start line', 'HELLO WORLD\r\n\r\n'],
    ['binary', Buffer.from([0x16, 0x03, 0x01, 0, 5, 1, 2, 3, 0x0d, 0x0a, 0x0d, 0x0a])],
  ])('rejects without an answerable basis: %s', (_n, input) => {
    const p = parse(input as string | Buffer);
    expect(p.kind).toBe('invalid');
    expect(p.kind === 'invalid' && p.basis).toBeUndefined();
  });

  const base = `INVITE sip:a@b SIP/2.0
Via: SIP/2.0/UDP 1.2.3.4:5060;branch=z9hG4bK9
From: <sip:x@y>;tag=1
To: <sip:a@b>
Call-ID: c
CSeq: 1 INVITE
`;
  it.each([
    ['body shorter than Content-Length (RFC 3261 §18.3)', `${base}Content-Length: 50\n\nshort`],
    ['bad Content-Length', `${base}Content-Length: ten\n\n`],
    ['CSeq method mismatch', base.replace('CSeq: 1 INVITE', 'CSeq: 1 BYE') + '\n'],
    ['bad Contact', `${base}Contact: <<<\n\n`],
    ['header without colon', `${base}Garbage line\n\n`],
  ])('rejects but can answer 400: %s', (_n, input) => {
    const p = parse(input);
    expect(p.kind).toBe('invalid');
    expect(p.kind === 'invalid' && p.basis?.callId).toBe('c');
  });

  it('discards bytes beyond Content-Length on datagrams', () => {
    const p = parse(`${base}Content-Length: 3\n\nabcdef`);
    expect(p.kind === 'request' && p.body.toString()).toBe('abc');
  });

  it('keeps a UTF-8 body intact (byte length, not characters)', () => {
    const body = Buffer.from('呼叫中心', 'utf8');
    const p = parse(Buffer.concat([crlf(`${base}Content-Length: ${body.length}\n\n`), body]));
    expect(p.kind === 'request' && p.body.toString('utf8')).toBe('呼叫中心');
  });
});

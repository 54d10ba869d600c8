/**
 * The hub's SIP side as an operator starts it: `branchline hub --demo` with SIP on random ports.
 * Real sipp registers demo phone 2001 with digest auth; a wrong password and an unknown user get
 * the same answer; a browser-style client registers over WebSocket on the hub's HTTP port.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnBranchline } from '../../testing/spawn-branchline';
import type { RunningBranchline } from '../../testing/spawn-branchline';
import { lastChallenge, runSippRegister } from '../../testing/sipp';

let hub: RunningBranchline;
let sipPort = 0;
let dir = '';

const sipp = (scenario: string, user: string, password: string, messageLog: string) =>
  runSippRegister({ port: sipPort, scenario, user, password, messageLog, cwd: dir });
const mask = lastChallenge;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bl-hub-sip-'));
  hub = await spawnBranchline(['hub', '--demo', '--http', '127.0.0.1:0']);
  const sip = hub.ready.sip as Record<string, string>;
  sipPort = Number(sip.udp!.split(':')[1]);
});

afterAll(async () => {
  expect(await hub?.stop()).toBe(0);
});

describe('hub SIP listeners', () => {
  it('lists UDP, TCP and WebSocket in the ready line', () => {
    const sip = hub.ready.sip as Record<string, string>;
    expect(sip.udp).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sip.tcp).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(sip.ws).toBe(`${String(hub.ready.http).replace('http', 'ws')}/sip`);
  });

  it('registers demo phone 2001 from sipp with digest auth', async () => {
    expect(await sipp('register-digest.xml', '2001', 'pass2001', join(dir, 'ok.log'))).toBe(0);
  });

  it('answers a wrong password exactly like an unknown user', async () => {
    expect(await sipp('register-rejected.xml', '2002', 'wrong', join(dir, 'wrong.log'))).toBe(0);
    expect(await sipp('register-rejected.xml', '4999', 'whatever', join(dir, 'unknown.log'))).toBe(0);
    const wrong = mask(readFileSync(join(dir, 'wrong.log'), 'utf8'));
    expect(wrong).toContain('WWW-Authenticate: Digest realm="branchline"');
    expect(mask(readFileSync(join(dir, 'unknown.log'), 'utf8'))).toBe(wrong);
  });

  it('accepts SIP over WebSocket on the HTTP port with the "sip" subprotocol only', async () => {
    const url = (hub.ready.sip as Record<string, string>).ws!;
    const refused = new WebSocket(url);
    const code = await new Promise<number>((r) => refused.once('close', (c) => r(c)));
    expect(code).toBe(1002);
    const socket = new WebSocket(url, 'sip');
    await new Promise((r, j) => { socket.once('open', r); socket.once('error', j); });
    const reply = new Promise<string>((r) => socket.once('message', (m) => r(String(m))));
    socket.send([
      'OPTIONS sip:hub@127.0.0.1 SIP/2.0',
      'Via: SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKws1',
      'Max-Forwards: 70',
      'From: <sip:2003@branchline>;tag=a1',
      'To: <sip:hub@127.0.0.1>',
      'Call-ID: ws-options-1',
      'CSeq: 1 OPTIONS',
      'Content-Length: 0',
      '', '',
    ].join('\r\n'));
    expect(await reply).toMatch(/^SIP\/2\.0 200/);
    socket.close();
  });
});

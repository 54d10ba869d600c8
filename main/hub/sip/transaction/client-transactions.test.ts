import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ParsedResponse } from '../message/sip-message-parser';
import { parseSipMessage } from '../message/sip-message-parser';
import { noopSipLogger } from '../sip-logger';
import { InviteClientTransaction } from './invite-client-transaction';
import { NonInviteClientTransaction } from './non-invite-client-transaction';
import { TransactionState as S } from './transaction-state';

const T = { T1: 500, T2: 4000, T4: 5000 };
const sent: string[] = [];
const send = async (d: Buffer): Promise<void> => {
  sent.push(d.toString());
};

function response(status: number, method = 'INVITE'): ParsedResponse {
  const p = parseSipMessage(
    Buffer.from(`SIP/2.0 ${status} X\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKc\r\nFrom: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: z\r\nCSeq: 1 ${method}\r\nContent-Length: 0\r\n\r\n`),
    { datagram: true },
    noopSipLogger,
  );
  if (p.kind !== 'response') throw new Error('fixture');
  return p;
}

function user() {
  return { onResponse: vi.fn(), onTimeout: vi.fn(), onTransportFailure: vi.fn() };
}

beforeEach(() => {
  vi.useFakeTimers();
  sent.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('NonInviteClientTransaction (RFC 3261 §17.1.2)', () => {
  it('Trying: timer E retransmits at T1, 2T1, 4T1… capped at T2', () => {
    const u = user();
    const t = new NonInviteClientTransaction('k', false, T, send, noopSipLogger, Buffer.from('REQ'), u);
    expect(sent).toEqual(['REQ']);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(4);
    vi.advanceTimersByTime(4000);
    expect(sent).toHaveLength(5);
    vi.advanceTimersByTime(4000);
    expect(sent).toHaveLength(6);
    expect(t.state).toBe(S.Trying);
  });

  it('timer F: timeout to the TU after 64*T1', () => {
    const u = user();
    const t = new NonInviteClientTransaction('k', false, T, send, noopSipLogger, Buffer.from('REQ'), u);
    vi.advanceTimersByTime(64 * 500);
    expect(t.state).toBe(S.Terminated);
    expect(u.onTimeout).toHaveBeenCalledOnce();
  });

  it('1xx -> Proceeding (E now every T2); final -> Completed; timer K', () => {
    const u = user();
    const t = new NonInviteClientTransaction('k', false, T, send, noopSipLogger, Buffer.from('REQ'), u);
    t.receiveResponse(response(100, 'OPTIONS'));
    expect(t.state).toBe(S.Proceeding);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(3999);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sent).toHaveLength(3);
    t.receiveResponse(response(200, 'OPTIONS'));
    expect(t.state).toBe(S.Completed);
    t.receiveResponse(response(200, 'OPTIONS')); // absorbed
    expect(u.onResponse).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(t.state).toBe(S.Terminated);
    expect(sent).toHaveLength(3);
  });

  it('reliable: no retransmissions', () => {
    new NonInviteClientTransaction('k', true, T, send, noopSipLogger, Buffer.from('REQ'), user());
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual(['REQ']);
  });
});

describe('InviteClientTransaction (RFC 3261 §17.1.1 + RFC 6026)', () => {
  const make = (u = user(), reliable = false) =>
    new InviteClientTransaction('k', reliable, T, send, noopSipLogger, Buffer.from('INVITE'), u, () => Buffer.from('ACK'));

  it('Calling: timer A doubles without cap; timer B times out', () => {
    const u = user();
    const t = make(u);
    vi.advanceTimersByTime(500);
    vi.advanceTimersByTime(1000);
    vi.advanceTimersByTime(2000);
    vi.advanceTimersByTime(4000);
    expect(sent).toEqual(['INVITE', 'INVITE', 'INVITE', 'INVITE', 'INVITE']);
    vi.advanceTimersByTime(64 * 500);
    expect(t.state).toBe(S.Terminated);
    expect(u.onTimeout).toHaveBeenCalledOnce();
  });

  it('1xx -> Proceeding stops A', () => {
    const t = make();
    t.receiveResponse(response(180));
    expect(t.state).toBe(S.Proceeding);
    vi.advanceTimersByTime(10_000);
    expect(sent).toEqual(['INVITE']);
  });

  it('486 -> Completed: ACK sent, resent for each retransmitted 486, timer D', () => {
    const u = user();
    const t = make(u);
    t.receiveResponse(response(486));
    expect(t.state).toBe(S.Completed);
    expect(sent).toEqual(['INVITE', 'ACK']);
    t.receiveResponse(response(486));
    expect(sent).toEqual(['INVITE', 'ACK', 'ACK']);
    expect(u.onResponse).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(32_000);
    expect(t.state).toBe(S.Terminated);
  });

  it('2xx -> Accepted: passes every 2xx up, no ACK from the transaction, timer M', () => {
    const u = user();
    const t = make(u);
    t.receiveResponse(response(200));
    t.receiveResponse(response(200));
    expect(t.state).toBe(S.Accepted);
    expect(u.onResponse).toHaveBeenCalledTimes(2);
    expect(sent).toEqual(['INVITE']);
    vi.advanceTimersByTime(64 * 500);
    expect(t.state).toBe(S.Terminated);
  });

  it('reliable: timer D is zero', () => {
    const t = make(user(), true);
    t.receiveResponse(response(603));
    vi.advanceTimersByTime(0);
    expect(t.state).toBe(S.Terminated);
  });
});

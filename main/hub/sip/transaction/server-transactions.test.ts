import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { noopSipLogger } from '../sip-logger';
import { InviteServerTransaction } from './invite-server-transaction';
import { NonInviteServerTransaction } from './non-invite-server-transaction';
import { TransactionState as S } from './transaction-state';

const T = { T1: 500, T2: 4000, T4: 5000 };
const sent: string[] = [];
const send = async (d: Buffer): Promise<void> => {
  sent.push(d.toString());
};
const r = (s: string): Buffer => Buffer.from(s);

beforeEach(() => {
  vi.useFakeTimers();
  sent.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('InviteServerTransaction (RFC 3261 §17.2.1 + RFC 6026)', () => {
  const ist = (reliable = false): InviteServerTransaction => new InviteServerTransaction('k', reliable, T, send, noopSipLogger);

  it('starts Proceeding; resends the last provisional on INVITE retransmission', () => {
    const t = ist();
    expect(t.state).toBe(S.Proceeding);
    t.respond(180, r('180'));
    t.receiveRequest('INVITE');
    expect(sent).toEqual(['180', '180']);
    expect(t.state).toBe(S.Proceeding);
  });

  it('Proceeding -> Completed on 486; timer G doubles up to T2 on UDP', () => {
    const t = ist();
    t.respond(486, r('486'));
    expect(t.state).toBe(S.Completed);
    expect(sent).toEqual(['486']);
    vi.advanceTimersByTime(500);
    expect(sent).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(3);
    vi.advanceTimersByTime(2000);
    expect(sent).toHaveLength(4);
    vi.advanceTimersByTime(4000);
    expect(sent).toHaveLength(5);
    vi.advanceTimersByTime(4000);
    expect(sent).toHaveLength(6); // capped at T2
  });

  it('Completed -> Confirmed on ACK, stops G, then Terminated after T4 (timer I)', () => {
    const t = ist();
    t.respond(486, r('486'));
    t.receiveRequest('ACK');
    expect(t.state).toBe(S.Confirmed);
    expect(t.hasTimer('G')).toBe(false);
    vi.advanceTimersByTime(4999);
    expect(t.state).toBe(S.Confirmed);
    vi.advanceTimersByTime(1);
    expect(t.state).toBe(S.Terminated);
    expect(sent).toEqual(['486']);
  });

  it('Completed: INVITE retransmission resends the final response', () => {
    const t = ist(true);
    t.respond(404, r('404'));
    t.receiveRequest('INVITE');
    expect(sent).toEqual(['404', '404']);
    expect(t.hasTimer('G')).toBe(false); // reliable: no G
  });

  it('timer H: no ACK within 64*T1 -> Terminated and TU told', () => {
    const t = ist();
    const lost = vi.fn();
    t.onAckTimeout = lost;
    t.respond(500, r('500'));
    vi.advanceTimersByTime(64 * 500);
    expect(t.state).toBe(S.Terminated);
    expect(lost).toHaveBeenCalledOnce();
  });

  it('2xx -> Accepted; absorbs INVITE; passes further 2xx; timer L terminates', () => {
    const t = ist();
    t.respond(200, r('200'));
    expect(t.state).toBe(S.Accepted);
    t.receiveRequest('INVITE');
    expect(sent).toEqual(['200']);
    expect(t.respond(200, r('200b'))).toBe(true);
    expect(t.respond(486, r('486'))).toBe(false);
    vi.advanceTimersByTime(64 * 500);
    expect(t.state).toBe(S.Terminated);
  });

  it('reliable: Confirmed terminates at once (timer I = 0)', () => {
    const t = ist(true);
    t.respond(486, r('486'));
    t.receiveRequest('ACK');
    vi.advanceTimersByTime(0);
    expect(t.state).toBe(S.Terminated);
  });
});

describe('NonInviteServerTransaction (RFC 3261 §17.2.2)', () => {
  const nist = (reliable = false): NonInviteServerTransaction => new NonInviteServerTransaction('k', reliable, T, send, noopSipLogger);

  it('Trying discards retransmissions', () => {
    const t = nist();
    t.receiveRequest();
    expect(sent).toEqual([]);
    expect(t.state).toBe(S.Trying);
  });

  it('Trying -> Proceeding on 100; retransmission resends it', () => {
    const t = nist();
    t.respond(100, r('100'));
    expect(t.state).toBe(S.Proceeding);
    t.receiveRequest();
    expect(sent).toEqual(['100', '100']);
  });

  it('-> Completed on final; resends it on retransmission; discards other finals; timer J', () => {
    const t = nist();
    t.respond(200, r('200'));
    expect(t.state).toBe(S.Completed);
    t.receiveRequest();
    expect(t.respond(500, r('500'))).toBe(false);
    expect(sent).toEqual(['200', '200']);
    vi.advanceTimersByTime(64 * 500 - 1);
    expect(t.state).toBe(S.Completed);
    vi.advanceTimersByTime(1);
    expect(t.state).toBe(S.Terminated);
  });

  it('reliable: timer J is zero', () => {
    const t = nist(true);
    t.respond(200, r('200'));
    vi.advanceTimersByTime(0);
    expect(t.state).toBe(S.Terminated);
  });

  it('transport failure terminates', async () => {
    const t = new NonInviteServerTransaction('k', false, T, async () => Promise.reject(new Error('x')), noopSipLogger);
    const failed = vi.fn();
    t.onTransportFailure = failed;
    t.respond(200, r('200'));
    await vi.advanceTimersByTimeAsync(0);
    expect(failed).toHaveBeenCalled();
    expect(t.state).toBe(S.Terminated);
  });
});

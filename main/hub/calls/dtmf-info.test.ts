import { describe, expect, it } from 'vitest';
import { parseDtmfInfo } from './dtmf-info';

describe('SIP INFO DTMF bodies', () => {
  it('reads application/dtmf-relay', () => {
    expect(parseDtmfInfo('Signal=5\r\nDuration=160\r\n', 'application/dtmf-relay')).toBe('5');
    expect(parseDtmfInfo('Signal= #\r\nDuration= 100', 'application/dtmf-relay')).toBe('#');
    expect(parseDtmfInfo('Signal=11\r\n', 'application/dtmf-relay')).toBe('#');
    expect(parseDtmfInfo('Signal=10\r\n', 'application/dtmf-relay')).toBe('*');
  });
  it('reads application/dtmf and rejects junk', () => {
    expect(parseDtmfInfo('a', 'application/dtmf')).toBe('A');
    expect(parseDtmfInfo('Signal=X', 'application/dtmf-relay')).toBeUndefined();
    expect(parseDtmfInfo('', 'application/dtmf-relay')).toBeUndefined();
  });
});

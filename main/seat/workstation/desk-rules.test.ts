import { describe, expect, it } from 'vitest';
import type { CachedCustomer } from '../../../protocol/sync';
import { DORMANT_AFTER_MS, birthdayInDays, careNotes, fundAnomalyReasons, monthDaysAhead, slaDueAt } from './desk-rules';

const at = (iso: string) => new Date(iso).getTime();
const customer = (over: Partial<CachedCustomer>): CachedCustomer => ({
  id: '1', name: '王芳', tier: 'NORMAL', phones: [], maskedCards: [], maskedIdNumber: null, tags: [], notes: '', birthday: null, deleted: false, ...over,
});

describe('desk rules', () => {
  it('sets due times from the type SLA', () => {
    expect(slaDueAt('fund_anomaly', 0)).toBe(2 * 3_600_000);
    expect(slaDueAt('complaint', 0)).toBe(24 * 3_600_000);
  });

  it('counts days to the next birthday across the year end and on 29 February', () => {
    expect(birthdayInDays('1980-03-10', at('2025-03-10T09:00:00'))).toBe(0);
    expect(birthdayInDays('1980-01-02', at('2025-12-30T09:00:00'))).toBe(3);
    expect(birthdayInDays('1984-02-29', at('2025-02-27T09:00:00'))).toBe(1);
    expect(birthdayInDays(null, 0)).toBeNull();
    expect(monthDaysAhead(at('2025-12-30T09:00:00'), 3)).toEqual(['12-30', '12-31', '01-01']);
  });

  it('flags dormant accounts by tag or a year without contact, and fund anomalies by tag or notes', () => {
    const now = at('2025-06-01T09:00:00');
    expect(careNotes(customer({ tags: ['休眠账户'] }), null, now).dormant).toBe(true);
    expect(careNotes(customer({}), now - DORMANT_AFTER_MS - 1, now).dormant).toBe(true);
    expect(careNotes(customer({}), now - 1000, now).dormant).toBe(false);
    expect(fundAnomalyReasons(customer({ tags: ['资金异常'], notes: '客户称疑似盗刷' }))).toEqual(['tag:资金异常', 'notes:盗刷']);
    expect(fundAnomalyReasons(customer({ tags: ['理财客户'] }))).toEqual([]);
  });
});

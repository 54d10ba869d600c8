import { describe, expect, it } from 'vitest';
import { IvrFlow, type IvrNodeOf } from '../../../protocol/ivr';
import { evaluateSchedule, localTime } from './business-hours';
import { flowOf, runFlow } from './testing/ivr-test-kit';

const node: IvrNodeOf<'schedule'> = {
  type: 'schedule',
  hours: [
    { days: [1, 2, 3, 4, 5], from: '08:30', to: '17:30' },
    { days: [6], from: '09:00', to: '12:00' },
  ],
  open: 'open',
  closed: 'closed',
  holiday: 'holiday',
};
const flow = IvrFlow.parse(
  flowOf({ s: node, open: { type: 'hangup', cause: 'open' }, closed: { type: 'hangup', cause: 'closed' }, holiday: { type: 'hangup', cause: 'holiday' } }, {}, {
    calendar: { holidays: ['2026-10-01'], workdays: ['2026-10-10'], workdayAs: 1 },
  }),
);
const at = (iso: string) => evaluateSchedule(node, flow, new Date(iso)).outcome;

describe('time-of-day and holiday branch', () => {
  it('uses the branch zone, not the server clock (Asia/Shanghai = UTC+8)', () => {
    expect(localTime(new Date('2026-03-09T23:59:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-03-10', weekday: 2, hhmm: '07:59' });
    expect(at('2026-03-10T00:29:00Z')).toBe('closed'); // Tue 08:29
    expect(at('2026-03-10T00:30:00Z')).toBe('open'); // Tue 08:30
    expect(at('2026-03-10T09:29:00Z')).toBe('open'); // Tue 17:29
    expect(at('2026-03-10T09:30:00Z')).toBe('closed'); // 17:30 is exclusive
    expect(at('2026-03-14T02:00:00Z')).toBe('open'); // Sat 10:00
    expect(at('2026-03-15T02:00:00Z')).toBe('closed'); // Sun
  });

  it('holidays win over hours; an adjusted working Saturday (调休) gets weekday hours', () => {
    expect(at('2026-10-01T02:00:00Z')).toBe('holiday'); // Thu 10:00, National Day
    expect(at('2026-10-10T07:00:00Z')).toBe('open'); // Sat 15:00, a working day
    expect(at('2026-10-17T07:00:00Z')).toBe('closed'); // an ordinary Sat 15:00
  });

  it('follows DST in a zone that has it', () => {
    const ny = { ...node, timeZone: 'America/New_York' };
    // 08:45 local both days: EST (UTC-5) in winter, EDT (UTC-4) after 2026-03-08.
    expect(evaluateSchedule(ny, flow, new Date('2026-03-06T13:45:00Z')).outcome).toBe('open');
    expect(evaluateSchedule(ny, flow, new Date('2026-03-09T12:45:00Z')).outcome).toBe('open');
    expect(evaluateSchedule(ny, flow, new Date('2026-03-09T12:15:00Z')).outcome).toBe('closed');
  });

  it('routes the call through the matching branch with an injected clock', async () => {
    const input = flowOf({ s: node, open: { type: 'hangup', cause: 'open' }, closed: { type: 'hangup', cause: 'closed' }, holiday: { type: 'hangup', cause: 'holiday' } }, {}, {
      calendar: { holidays: ['2026-10-01'] },
    });
    expect((await runFlow(input, [], { now: () => new Date('2026-10-01T02:00:00Z') })).channel.hangupCause).toBe('holiday');
    expect((await runFlow(input, [], { now: () => new Date('2026-10-02T02:00:00Z') })).channel.hangupCause).toBe('open');
    expect((await runFlow(input, [], { now: () => new Date('2026-10-02T12:00:00Z') })).channel.hangupCause).toBe('closed');
  });
});

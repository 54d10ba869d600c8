/**
 * Time-of-day and holiday decisions in the branch's IANA zone. The clock is injected; local
 * calendar fields come from Intl so DST zones work too (Asia/Shanghai has none, branches abroad may).
 */
import type { IvrFlow, IvrNodeOf } from '../../../protocol/ivr';

export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** HH:MM, 24 h. */
  hhmm: string;
}

const WEEKDAYS: Readonly<Record<string, number>> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (t: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === t)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: WEEKDAYS[get('weekday')] ?? 1, hhmm: `${get('hour')}:${get('minute')}` };
}

export type ScheduleOutcome = 'open' | 'closed' | 'holiday';

export function evaluateSchedule(node: IvrNodeOf<'schedule'>, flow: IvrFlow, at: Date): { outcome: ScheduleOutcome; local: LocalTime } {
  const local = localTime(at, node.timeZone ?? flow.timeZone);
  if (flow.calendar.holidays.includes(local.date)) return { outcome: 'holiday', local };
  // A 调休 Saturday keeps the hours of the weekday it stands in for.
  const weekday = flow.calendar.workdays.includes(local.date) ? flow.calendar.workdayAs : local.weekday;
  const open = node.hours.some((h) => h.days.includes(weekday) && h.from <= local.hhmm && local.hhmm < h.to);
  return { outcome: open ? 'open' : 'closed', local };
}

/**
 * The calendar a scenario's time 0 stands on, and backup schedules written
 * the way backup products write them: `daily 22:00`, `weekly Sun 20:00`,
 * `weekly Mon,Wed,Fri 21:30`, `monthly 1 02:00`, `monthly -1 23:00`.
 *
 * The calendar is a plain civil clock: no time zone and no daylight saving,
 * so every day has 24 h and an occurrence is an exact whole minute. A
 * calendar instant is counted in minutes since 1970-01-01 00:00; days are
 * converted with Howard Hinnant's days-from-civil algorithm (proleptic
 * Gregorian, no Date object: nothing here depends on the host's zone).
 */

/** A backup schedule: on which days, at which minute of the day. */
export interface Schedule {
  every: 'daily' | 'weekly' | 'monthly';
  /** weekly: ISO weekdays, 0 = Monday .. 6 = Sunday; monthly: days of the month, 1..31, or -1..-31 counted from the month's end */
  days: number[];
  /** minutes after midnight */
  minute: number;
}

const MINUTE_TICKS = 60e9;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const SCHEDULE_FORMS = 'daily HH:MM, weekly DAY[,DAY...] HH:MM (days Mon..Sun) or monthly D HH:MM (D 1..31, or -1 for the last day)';

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant, "chrono-Compatible Low-Level Date Algorithms"). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The date [year, month 1..12, day 1..31] of a count of days since 1970-01-01. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

const daysInMonth = (y: number, m: number): number => daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
/** ISO weekday, 0 = Monday: 1970-01-01 was a Thursday (3). */
export const weekday = (days: number): number => (((days + 3) % 7) + 7) % 7;

/** A clock time `HH:MM` as minutes after midnight, or why it is not one. */
function clock(text: string): number | string {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (m === null) return `'${text}' is not a time of day HH:MM`;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23) return `${h} is not an hour (00 to 23)`;
  if (min > 59) return `${min} is not a minute (00 to 59)`;
  return h * 60 + min;
}

/** A written schedule, or why it is not one (said in words for the error at its field). */
export function readSchedule(text: string): Schedule | string {
  const parts = text.trim().split(/\s+/);
  const every = parts[0]?.toLowerCase();
  const want = every === 'daily' ? 2 : every === 'weekly' || every === 'monthly' ? 3 : 0;
  if (want === 0 || parts.length !== want) return `expected ${SCHEDULE_FORMS}`;
  const minute = clock(parts[want - 1]);
  if (typeof minute === 'string') return minute;
  if (every === 'daily') return { every, days: [], minute };
  if (every === 'weekly') {
    const names = parts[1].toLowerCase().split(',');
    const bad = names.find((n) => !WEEKDAYS.includes(n));
    if (bad !== undefined) return `'${bad}' is not a weekday (Mon, Tue, Wed, Thu, Fri, Sat, Sun)`;
    return { every, days: [...new Set(names.map((n) => WEEKDAYS.indexOf(n)))].sort((a, b) => a - b), minute };
  }
  const day = /^-?\d{1,2}$/.test(parts[1]) ? Number(parts[1]) : NaN;
  if (!(Math.abs(day) >= 1 && Math.abs(day) <= 31)) return `'${parts[1]}' is not a day of the month (1 to 31, or -1 to -31 from the month's end)`;
  return { every: 'monthly', days: [day], minute };
}

export const DAYS_FORMS = 'daily, weekly DAY[,DAY...] (days Mon..Sun) or monthly D (D 1..31, or -1 for the last day)';

/** Which days, written as a schedule without its time of day (`weekly Sun`, `monthly -1`), or why it is not that. */
export function readDays(text: string): Schedule | string {
  if (/\d:\d/.test(text)) return `'${text}' names days, not a time: expected ${DAYS_FORMS}`;
  const s = readSchedule(`${text.trim()} 00:00`);
  return typeof s === 'string' ? (s.startsWith('expected') ? `expected ${DAYS_FORMS}` : s) : s;
}

/** A calendar instant `YYYY-MM-DD HH:MM` (or a date alone, at midnight) in minutes since 1970-01-01 00:00, or why it is not one. */
export function readInstant(text: string): number | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\S+))?$/.exec(text.trim());
  if (m === null) return `expected a date and time YYYY-MM-DD HH:MM, got '${text}'`;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return `${m[1]}-${m[2]}-${m[3]} is not a date`;
  const minute = m[4] === undefined ? 0 : clock(m[4]);
  if (typeof minute === 'string') return minute;
  return daysFromCivil(y, mo, d) * 1440 + minute;
}

/**
 * Does the schedule run on this day? A monthly day the month lacks (the 31st
 * in April) is skipped, not moved to the month's last day: cron does so
 * (crontab(5): a day-of-month field matches only that calendar day), and
 * Google Cloud OS Config's MonthlySchedule.month_day documents it ("a
 * schedule to run every month on the 31st will not run in February, April,
 * June"). `-1` is the last day of every month, as both that API and
 * Spectrum Protect's enhanced schedules write it (DEFINE SCHEDULE
 * DAYOFMONTH, -31..-1 from the month's end).
 */
export function runsOn(s: Schedule, days: number): boolean {
  if (s.every === 'daily') return true;
  if (s.every === 'weekly') return s.days.includes(weekday(days));
  const [y, m, d] = civilFromDays(days);
  const want = s.days[0] > 0 ? s.days[0] : daysInMonth(y, m) + s.days[0] + 1;
  return d === want;
}

/** The instants (ticks from time 0 = `epoch`, minutes since 1970) at which the schedule runs, from time 0 up to but not including `until` ticks. */
export function occurrences(s: Schedule, epoch: number, until: number): number[] {
  const out: number[] = [];
  const lastDay = Math.floor((epoch + Math.ceil(until / MINUTE_TICKS)) / 1440);
  for (let day = Math.floor(epoch / 1440); day <= lastDay; day++) {
    if (!runsOn(s, day)) continue;
    const t = (day * 1440 + s.minute - epoch) * MINUTE_TICKS;
    if (t >= 0 && t < until) out.push(t);
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The day (since 1970-01-01) a tick falls on, time 0 being `epoch` (minutes since 1970). */
export const dayAt = (epoch: number, tick: number): number => Math.floor((epoch + Math.floor(tick / MINUTE_TICKS)) / 1440);

/** The calendar date `YYYY-MM-DD` of a tick, time 0 being `epoch` (minutes since 1970). */
export function dateAt(epoch: number, tick: number): string {
  const [y, m, d] = civilFromDays(dayAt(epoch, tick));
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The calendar instant `YYYY-MM-DD HH:MM` of a tick, time 0 being `epoch`. */
export function instantAt(epoch: number, tick: number): string {
  const minute = epoch + Math.floor(tick / MINUTE_TICKS);
  return `${dateAt(epoch, tick)} ${pad(Math.floor((((minute % 1440) + 1440) % 1440) / 60))}:${pad(((minute % 60) + 60) % 60)}`;
}

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { civilFromDays, dateAt, daysFromCivil, instantAt, occurrences, readInstant, readSchedule, weekday, type Schedule } from '../sim/foundation/calendar.ts';

const H = 3600e9;
const D = 24 * H;
const epoch = (text: string): number => readInstant(text) as number;
const schedule = (text: string): Schedule => {
  const s = readSchedule(text);
  if (typeof s === 'string') throw new Error(`${text}: ${s}`);
  return s;
};

test('days and weekdays agree with dates a printed calendar gives', () => {
  assert.is(daysFromCivil(1970, 1, 1), 0);
  assert.is(daysFromCivil(2000, 3, 1), 11017); // 30 years of 365 days + 7 leap days + Jan and Feb 2000 (60 days)
  // 2026-01-05 is a Monday, 2026-01-01 a Thursday, 2024-02-29 a Thursday, 2000-01-01 a Saturday.
  assert.is(weekday(daysFromCivil(2026, 1, 5)), 0);
  assert.is(weekday(daysFromCivil(2026, 1, 1)), 3);
  assert.is(weekday(daysFromCivil(2024, 2, 29)), 3);
  assert.is(weekday(daysFromCivil(2000, 1, 1)), 5);
  for (const d of [-800, -1, 0, 59, 10956, 11016, 20454, 40000]) assert.equal(daysFromCivil(...civilFromDays(d)), d);
  assert.equal(civilFromDays(daysFromCivil(2028, 2, 29)), [2028, 2, 29]);
});

test('weekly schedules fall on the weekdays of a hand-written January 2026', () => {
  // Epoch Monday 2026-01-05 00:00. Sundays: Jan 11, 18, 25, Feb 1.
  const e = epoch('2026-01-05 00:00');
  assert.equal(occurrences(schedule('weekly Sun 20:00'), e, 30 * D), [6, 13, 20, 27].map((d) => d * D + 20 * H));
  // Mon 5, Wed 7, Fri 9 at 21:30; the week's end (Mon 12 00:00) stops it.
  assert.equal(occurrences(schedule('weekly Mon,Wed,Fri 21:30'), e, 7 * D), [0, 2, 4].map((d) => d * D + 21.5 * H));
  // Days written out of order or twice are the same schedule; names are read in any case.
  assert.equal(schedule('weekly fri,MON,Fri 21:30'), schedule('weekly Mon,Fri 21:30'));
  // An epoch mid-week: Wednesday 2026-01-07 12:00; the first Sunday 20:00 is 4 d 8 h later.
  assert.equal(occurrences(schedule('weekly Sun 20:00'), epoch('2026-01-07 12:00'), 8 * D), [4 * D + 8 * H]);
});

test('daily: one occurrence a day at its minute, none before time 0 and none at until', () => {
  const e = epoch('2026-01-05 23:00');
  // 22:00 on the epoch's own day is before time 0; the next is 23 h later.
  assert.equal(occurrences(schedule('daily 22:00'), e, 3 * D), [23 * H, 47 * H, 71 * H]);
  assert.equal(occurrences(schedule('daily 22:00'), e, 71 * H), [23 * H, 47 * H]);
});

test('monthly: the day of each month, a day a month lacks skipped, -1 the last day (leap years too)', () => {
  // From Monday 2026-01-05 over 100 days (to 2026-04-15): Jan 31 = day 26, Feb 1 = 27, Feb 28 = 54, Mar 1 = 55, Mar 31 = 85, Apr 1 = 86.
  const e = epoch('2026-01-05 00:00');
  assert.equal(occurrences(schedule('monthly 1 02:00'), e, 100 * D), [27, 55, 86].map((d) => d * D + 2 * H));
  assert.equal(occurrences(schedule('monthly 31 02:00'), e, 100 * D), [26, 85].map((d) => d * D + 2 * H));
  assert.equal(occurrences(schedule('monthly -1 23:00'), e, 100 * D), [26, 54, 85].map((d) => d * D + 23 * H));
  assert.equal(occurrences(schedule('monthly 29 23:00'), e, 100 * D), [24, 83].map((d) => d * D + 23 * H));
  // 2028 is a leap year: February's last day is the 29th, 28 days after Feb 1.
  assert.equal(occurrences(schedule('monthly -1 00:00'), epoch('2028-02-01'), 30 * D), [28 * D]);
  assert.equal(occurrences(schedule('monthly 29 00:00'), epoch('2028-02-01'), 30 * D), [28 * D]);
});

test('dates and instants of ticks, for job names and messages', () => {
  const e = epoch('2026-01-05 00:00');
  assert.is(dateAt(e, 0), '2026-01-05');
  assert.is(dateAt(e, 26 * D + 23 * H + 59 * 60e9), '2026-01-31');
  assert.is(dateAt(e, 27 * D), '2026-02-01');
  assert.is(instantAt(e, 54 * D + 23 * H), '2026-02-28 23:00');
  assert.is(instantAt(epoch('2025-12-31 23:30'), 45 * 60e9), '2026-01-01 00:15');
});

test('each malformed schedule is refused with what is wrong and what to write', () => {
  const refused: [string, RegExp][] = [
    ['daily 25:00', /25 is not an hour \(00 to 23\)/],
    ['daily 22:60', /60 is not a minute \(00 to 59\)/],
    ['daily 22h', /'22h' is not a time of day HH:MM/],
    ['daily', /expected daily HH:MM, weekly DAY/],
    ['hourly 22:00', /expected daily HH:MM/],
    ['weekly 20:00', /expected .*weekly DAY\[,DAY\.\.\.\] HH:MM/],
    ['weekly Sun,Funday 20:00', /'funday' is not a weekday \(Mon, Tue/],
    ['monthly 0 02:00', /'0' is not a day of the month \(1 to 31, or -1 to -31/],
    ['monthly 32 02:00', /'32' is not a day of the month/],
    ['monthly first 02:00', /'first' is not a day of the month/],
    ['daily 22:00 23:00', /expected daily HH:MM/],
  ];
  for (const [text, why] of refused) {
    const r = readSchedule(text);
    assert.type(r, 'string', text);
    assert.match(r as string, why, text);
  }
  assert.match(readInstant('2026-02-30 00:00') as string, /2026-02-30 is not a date/);
  assert.match(readInstant('2026-01-05 24:00') as string, /24 is not an hour/);
  assert.match(readInstant('Monday') as string, /expected a date and time YYYY-MM-DD HH:MM/);
});

test.run();

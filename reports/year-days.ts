/**
 * A run's ledger (what storage held, reading by reading) as one figure per
 * calendar day: for each day of the run and each subject's measure, its
 * value at the day's end and the highest it stood during the day. A year of
 * readings becomes days × figures rows, whatever the families wrote: what a
 * year's charts and days.csv need, and small (issue 25).
 *
 * Days are calendar days of the run's epoch (time 0 is `epoch` minutes
 * since 1970, RunResult.epoch); without one, day 0 starts at time 0. A day
 * is half-open: a reading at midnight belongs to the day it starts.
 */
import type { LedgerRow, RunResult } from '../sim/foundation/result.ts';
import { civilFromDays } from '../sim/foundation/calendar.ts';
import { MEASURES, type Measure } from '../sim/engine/ledger.ts';

export interface DayFigure {
  /** YYYY-MM-DD, or '' without an epoch */
  date: string;
  /** days since the run's day 0 */
  day: number;
  subject: string;
  measure: string;
  /** 'B', 's' or '' (MEASURES) */
  unit: string;
  /** the value at the day's end */
  value: number;
  /** the highest value during the day, the one it began with included */
  peak: number;
}

/** The run's calendar: the day time 0 falls on (days since 1970), and how far into it time 0 is (s). */
export interface RunDays {
  /** days since 1970 of day 0; null without an epoch */
  first: number | null;
  /** seconds from day 0's midnight to time 0 */
  offset: number;
}

export function runDays(epoch: number | undefined): RunDays {
  if (epoch === undefined) return { first: null, offset: 0 };
  const first = Math.floor(epoch / 1440);
  return { first, offset: (epoch - first * 1440) * 60 };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD of day `day` of the run, '' without an epoch. */
export function dateOf(days: RunDays, day: number): string {
  if (days.first === null) return '';
  const [y, m, d] = civilFromDays(days.first + day);
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The run's day an instant (s after time 0) falls in. */
export const dayOf = (days: RunDays, t: number): number => Math.floor((t + days.offset) / 86400);

/** When day `day` ends, in seconds after time 0. */
export const dayEnd = (days: RunDays, day: number): number => (day + 1) * 86400 - days.offset;

/** The last day of a run that stopped at `endTime` s: the day holding its last instant (day 0 for a run that never started). */
export const lastDay = (days: RunDays, endTime: number): number => (endTime <= 0 ? 0 : Math.max(0, Math.ceil((endTime + days.offset) / 86400) - 1));

/** The unit a measure is read in; a measure no family declares has none. */
export const unitOfMeasure = (m: string): string => (m in MEASURES ? MEASURES[m as Measure] : '');

/** Readings by subject and measure, each list in time order, in the order each figure first appears. */
function byFigure(ledger: readonly LedgerRow[]): LedgerRow[][] {
  const groups = new Map<string, LedgerRow[]>();
  for (const r of ledger) {
    const key = `${r.subject}\u0000${r.measure}`;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [r]);
    else g.push(r);
  }
  return [...groups.values()];
}

/** One figure's days, from the day of its first reading to the run's last day. */
function figureDays(readings: readonly LedgerRow[], days: RunDays, last: number): DayFigure[] {
  const { subject, measure } = readings[0];
  const unit = unitOfMeasure(measure);
  const out: DayFigure[] = [];
  let i = 0, value = readings[0].value;
  for (let day = dayOf(days, readings[0].at); day <= last; day++) {
    const end = dayEnd(days, day);
    let peak = value;
    for (; i < readings.length && readings[i].at < end; i++) {
      value = readings[i].value;
      if (value > peak) peak = value;
    }
    out.push({ date: dateOf(days, day), day, subject, measure, unit, value, peak });
  }
  return out;
}

/** Every figure of the ledger, day by day: sorted by day, then in the order the figures first appear. */
export function ledgerDays(r: Pick<RunResult, 'ledger' | 'endTime' | 'epoch'>): DayFigure[] {
  const days = runDays(r.epoch);
  // Readings are in time order: the last is the latest.
  const last = Math.max(lastDay(days, r.endTime), r.ledger.length === 0 ? 0 : dayOf(days, r.ledger[r.ledger.length - 1].at));
  const figures = byFigure(r.ledger).map((g) => figureDays(g, days, last));
  return figures.flat().sort((a, b) => a.day - b.day);
}

/**
 * What a run writes about its days and nights, beside its other files:
 * days.csv when families read out what their storage held (the ledger),
 * nights.csv when it ran scheduled jobs, and year.html, their charts, when
 * it has either. A run with neither writes none of them.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { ledgerDays, type DayFigure } from './year-days.ts';
import { nightsOf, occurrenceOf, type Night } from './year-nights.ts';
import { DAYS_FILE, NIGHTS_FILE, daysCsv, nightsCsv } from './year-csv.ts';
import { renderYearReport, YEAR_FILE } from './year-html.ts';

export interface Year {
  days: DayFigure[];
  nights: Night[];
}

export function yearOf(r: RunResult): Year {
  const days = ledgerDays(r);
  return { days, nights: nightsOf(r, days) };
}

/** A run has a year to report: readings in its ledger, or scheduled nights. */
export const hasYear = (r: Pick<RunResult, 'ledger' | 'jobs'>): boolean => r.ledger.length > 0 || r.jobs.some((j) => occurrenceOf(j.name) !== null);

/** days.csv, nights.csv and year.html, each when the run has something for it. */
export function yearFiles(r: RunResult): Record<string, string> {
  if (!hasYear(r)) return {};
  const year = yearOf(r);
  return {
    ...(r.ledger.length > 0 ? { [DAYS_FILE]: daysCsv(year.days) } : {}),
    ...(year.nights.length > 0 ? { [NIGHTS_FILE]: nightsCsv(year.nights) } : {}),
    [YEAR_FILE]: renderYearReport(r, year),
  };
}

/**
 * The tidy tables of a year's run: days.csv (what storage held, one row a
 * day per figure, reports/year-days.ts) and nights.csv (one row per
 * scheduled night, reports/year-nights.ts). Units in the column names, as
 * in every other CSV of a run (reports/csv.ts).
 */
import { table, type Column } from './csv.ts';
import type { DayFigure } from './year-days.ts';
import type { Night } from './year-nights.ts';

export const DAYS_FILE = 'days.csv';
export const NIGHTS_FILE = 'nights.csv';

const DAY_COLUMNS: Column<DayFigure>[] = [
  { name: 'date', value: (d) => d.date },
  { name: 'day', value: (d) => d.day },
  { name: 'subject', value: (d) => d.subject },
  { name: 'measure', value: (d) => d.measure },
  { name: 'unit', value: (d) => d.unit },
  { name: 'value', value: (d) => d.value },
  { name: 'peak', value: (d) => d.peak },
];

const NIGHT_COLUMNS: Column<Night>[] = [
  { name: 'date', value: (n) => n.date },
  { name: 'day', value: (n) => n.day },
  { name: 'job', value: (n) => n.job },
  { name: 'level', value: (n) => n.level },
  { name: 'data_bytes', value: (n) => n.dataBytes },
  { name: 'data_size_bytes', value: (n) => n.dataSize },
  { name: 'status', value: (n) => n.status },
  { name: 'start_s', value: (n) => n.start },
  { name: 'end_s', value: (n) => n.end },
  { name: 'window_end_s', value: (n) => n.windowEnd },
  { name: 'verdict', value: (n) => n.verdict },
  { name: 'missed_by_s', value: (n) => n.missedBy },
  { name: 'rpo_s', value: (n) => n.rpo },
];

export const daysCsv = (rows: readonly DayFigure[]): string => table(DAY_COLUMNS, rows);
export const nightsCsv = (rows: readonly Night[]): string => table(NIGHT_COLUMNS, rows);

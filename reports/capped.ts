/**
 * A report page's long table, cut to what a reader scans: a run of 100,000
 * flows over their own links made a 100,000-row links table, 34 MB of
 * report.html and a third of the command's time. The page shows the rows
 * that matter most and says how many more the CSV next to it holds.
 */
import { escapeHtml } from './page.ts';

/** Rows a page's table shows at most; the CSV has every one. */
export const PAGE_ROWS = 200;

export interface Capped<T> {
  rows: T[];
  /** a sentence for under the table, '' when nothing was cut */
  note: string;
}

/**
 * The `max` rows ranked highest by `rank` (ties in their given order), shown
 * in their given order, so the page lists them as the CSV does; without a
 * rank, the first `max`. `what.which` says which were kept ("busiest").
 */
export function capRows<T>(rows: readonly T[], what: { noun: string; file: string; which: string }, rank?: (row: T) => number, max = PAGE_ROWS): Capped<T> {
  if (rows.length <= max) return { rows: [...rows], note: '' };
  const kept = rank === undefined ? rows.slice(0, max)
    : rows.map((r, i) => ({ i, v: rank(r) })).sort((a, b) => b.v - a.v || a.i - b.i).slice(0, max).sort((a, b) => a.i - b.i).map((x) => rows[x.i]);
  const n = (x: number): string => x.toLocaleString('en-US');
  return {
    rows: kept,
    note: `<p class="muted">The ${escapeHtml(what.which)} ${max} of ${n(rows.length)} ${escapeHtml(what.noun)}; ${escapeHtml(what.file)} lists all ${n(rows.length)}.</p>`,
  };
}

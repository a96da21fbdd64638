/**
 * The Backup windows section of a run's report: for a run with scheduled
 * jobs that have windows, one row per night (its start, when its window
 * closed, when it ended, met or missed and by how much), the missed nights
 * first so a long run's few misses are not lost in its many nights.
 */
import type { JobRow } from '../sim/foundation/result.ts';
import { formatDuration } from './format.ts';
import { escapeHtml, htmlTable, type BodyCell } from './page.ts';
import { capRows } from './capped.ts';

const ORDER = { missed: 0, failed: 1, open: 2, met: 3 } as const;

function verdictCell(w: NonNullable<JobRow['window']>): BodyCell {
  const by = w.missedBy === null ? '' : ` by ${formatDuration(w.missedBy)}`;
  return { html: escapeHtml(`${w.verdict}${by}`), cls: w.verdict === 'met' ? 'pass' : w.verdict === 'open' ? '' : 'fail' };
}

export function windowsSection(jobs: readonly JobRow[]): string {
  const nights = jobs.filter((j) => j.window !== undefined);
  if (nights.length === 0) return '';
  const missed = nights.filter((j) => j.window!.verdict === 'missed').length;
  const sorted = [...nights].sort((a, b) => ORDER[a.window!.verdict] - ORDER[b.window!.verdict] || a.start - b.start);
  const shown = capRows(sorted, { noun: 'scheduled runs', file: 'jobs.csv', which: 'first' });
  return `<section id="windows"><h2>Backup windows</h2>
<p>${missed} of ${nights.length} scheduled runs missed their window.</p>
${shown.note}${htmlTable(
    [{ label: 'run' }, { label: 'kind' }, { label: 'start', num: true }, { label: 'window closes', num: true }, { label: 'end', num: true }, { label: 'window' }, { label: 'status' }],
    shown.rows.map((j) => [
      escapeHtml(j.name), escapeHtml(j.kind), escapeHtml(formatDuration(j.start)), escapeHtml(formatDuration(j.window!.end)),
      escapeHtml(j.end === null ? '-' : formatDuration(j.end)), verdictCell(j.window!), escapeHtml(j.status + (j.reason ? `: ${j.reason}` : '')),
    ]),
    'windows',
  )}
</section>`;
}

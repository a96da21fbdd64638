/**
 * The assumptions section of a run, compare or sweep report: every number
 * the verdict rests on that the scenario did not choose, UNSOURCED ones
 * first, each with its value in each run and its source.
 */
import type { Assumption } from '../sim/foundation/declare.ts';
import { assumptionLines, assumptionTally } from './assumptions.ts';
import { escapeHtml, htmlTable, type BodyCell } from './page.ts';

/** `runs[i]` is the assumptions of the run labelled `labels[i]` (one label: one value column). */
export function assumptionsSection(runs: readonly (readonly Assumption[])[], labels: readonly string[], note = ''): string {
  const lines = assumptionLines(runs);
  if (lines.length === 0) return '<section id="assumptions"><h2>Assumptions</h2><p class="muted">No declared figure or assumption applies to this scenario.</p></section>';
  const rows: BodyCell[][] = lines.map((l) => [
    `<code>${escapeHtml(l.name)}</code>${Math.max(...l.count) > 1 ? ` <span class="muted">× ${Math.max(...l.count)}</span>` : ''}`,
    ...l.values.map((v, i) => `${escapeHtml(v.join(' / ') || '—')}${l.set[i] ? ' <span class="muted">(set)</span>' : ''}`),
    l.unsourced ? { html: `<strong>UNSOURCED</strong>${escapeHtml(l.source.replace(/^UNSOURCED\b/, ''))}`, cls: 'fail' } : escapeHtml(l.source),
  ]);
  const valueHeads = labels.length === 1 ? [{ label: 'value' }] : labels.map((label) => ({ label }));
  return `<section id="assumptions"><h2>Assumptions <span class="tally">${escapeHtml(assumptionTally(runs.flat()))}</span></h2>
<p class="muted">Every figure the result rests on that the scenario did not choose: published ones with their source, and UNSOURCED ones, which nobody has measured (<code>backlab sensitivity</code> varies them). "(set)": the scenario wrote the value instead of leaving the default.${note ? ` ${escapeHtml(note)}` : ''}</p>
${htmlTable([{ label: 'assumption' }, ...valueHeads, { label: 'source' }], rows, 'assumptions')}
</section>`;
}

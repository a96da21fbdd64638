/**
 * Designs side by side: one run per variant (or per scenario file), their
 * metrics in one table and, per metric, one bar per variant, each variant in
 * the same colour on every chart.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { keysInOrder, metricColumns, tableUnique, unitOf } from './csv.ts';
import { formatQuantity } from './format.ts';
import { comparedMetrics } from './compared-metrics.ts';
import { escapeHtml, htmlTable, renderPage, type BodyCell } from './page.ts';
import { saidOf } from './said.ts';
import { bottleneckCompare } from './bottleneck-html.ts';
import { assumptionsSection } from './assumptions-html.ts';
import { devicesCompare } from './devices-html.ts';
import { sensitivitySection, type SensitivityReport } from './sensitivity.ts';

/** A name per result: its variant, else its scenario; made unique by file, then by position. */
export function variantLabels(results: readonly RunResult[]): string[] {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const base = results.map((r) => r.variant ?? r.scenario);
  const c1 = count(base);
  const withFile = base.map((b, i) => (c1.get(b)! > 1 ? `${b} (${results[i].file})` : b));
  const c2 = count(withFile);
  return withFile.map((b, i) => (c2.get(b)! > 1 ? `${b} #${i + 1}` : b));
}

/** compare.csv: one row per variant, one column per metric. */
export function compareCsv(results: readonly RunResult[]): string {
  const labels = variantLabels(results);
  const rows = results.map((r, i) => ({ r, label: labels[i] }));
  type Row = (typeof rows)[number];
  return tableUnique<Row>([
    { name: 'variant', value: (x) => x.label },
    { name: 'scenario', value: (x) => x.r.scenario },
    { name: 'file', value: (x) => x.r.file },
    { name: 'settings', value: (x) => x.r.settings.join('; ') },
    { name: 'seed', value: (x) => x.r.seed },
    { name: 'trace_hash', value: (x) => x.r.traceHash },
    ...metricColumns(rows, (x) => x.r.metrics, (x) => x.r.units),
    { name: 'checks_failed', value: (x) => x.r.checks.filter((c) => !c.pass).map((c) => c.check).join('; ') },
  ], rows);
}

export function renderCompareReport(results: readonly RunResult[], sensitivity?: SensitivityReport): string {
  const labels = variantLabels(results);
  const metrics = comparedMetrics(results);
  // Variants of one file share its description: say it once.
  const shared = new Set(results.map((r) => r.description)).size === 1 ? results[0].description : '';
  const units = results.map((r) => r.units);
  const said = results.map((r) => saidOf(r));
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const title = scenarios.length === 1 ? scenarios[0] : scenarios.join(' vs ');

  const checksRow: BodyCell[] = [
    'checks passed',
    ...results.map((r) => {
      const passed = r.checks.filter((c) => c.pass).length;
      if (r.checks.length === 0) return '—';
      return { html: `${passed} of ${r.checks.length}`, cls: passed === r.checks.length ? 'pass' : 'fail' };
    }),
  ];
  const table = htmlTable(
    [{ label: 'metric' }, ...labels.map((l) => ({ label: l, num: true }))],
    [
      ...metrics.map((m) => [`<code>${escapeHtml(m)}</code>`, ...results.map((r) => escapeHtml(formatQuantity(r.metrics[m], unitOf(m, units))))]),
      ...keysInOrder(said).map((f) => [escapeHtml(f), ...said.map((s) => escapeHtml(s[f] ?? '—'))]),
      checksRow,
      ['seed', ...results.map((r) => escapeHtml(r.seed))],
      ['trace hash', ...results.map((r) => `<code title="${escapeHtml(r.traceHash)}">${escapeHtml(r.traceHash.slice(0, 12))}</code>`)],
    ],
    'compare',
  );
  const failed = results.flatMap((r, i) => r.checks.filter((c) => !c.pass).map((c) => [escapeHtml(labels[i]), { html: escapeHtml(c.check), cls: 'fail' }] as BodyCell[]));
  const body = `<header>
<h1>${escapeHtml(title)} <span class="muted">· comparison</span></h1>
${shared ? `<p class="description">${escapeHtml(shared)}</p>\n` : ''}<dl class="facts">
${results.map((r, i) => `<dt>${escapeHtml(labels[i])}</dt><dd>${escapeHtml(r.file)}${r.settings.length ? ` · ${r.settings.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}` : ''}${r.description && !shared ? ` · ${escapeHtml(r.description)}` : ''}</dd>`).join('\n')}
</dl>
</header>
<section id="table"><h2>Metrics per variant</h2>
${table}
</section>
${bottleneckCompare(results, labels)}
<section id="charts"><h2>Metrics side by side</h2>
<div id="variant-legend"></div>
<div class="grid-of-charts">
${metrics.map((m, i) => `<div><h3><code>${escapeHtml(m)}</code></h3><figure class="chart bars" id="bars-${i}"></figure></div>`).join('\n')}
</div>
</section>
${devicesCompare(results, labels)}
${sensitivity === undefined ? '' : `<section id="sensitivity"><h2>Sensitivity of ${escapeHtml(sensitivity.metric)}</h2>\n${sensitivitySection(sensitivity, 'h3')}\n</section>`}
${assumptionsSection(results.map((r) => r.assumptions), labels)}
${failed.length ? `<section id="failures"><h2>Failed checks</h2>\n${htmlTable([{ label: 'variant' }, { label: 'check' }], failed)}\n</section>` : ''}
<footer>backlab ${escapeHtml([...new Set(results.map((r) => r.backlab))].join(', '))} · the numbers are in compare.csv, the assumptions in assumptions.csv${sensitivity === undefined ? '' : ', the sensitivity in tornado.csv and samples.csv'}, next to this page</footer>`;

  return renderPage({
    title: `${title} · backlab comparison`,
    body,
    data: {
      variants: labels,
      metrics: metrics.map((m) => ({ name: m, unit: unitOf(m, units), values: results.map((r) => r.metrics[m] ?? null) })),
    },
    scripts: ['compare.js'],
  });
}

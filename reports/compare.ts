/**
 * Designs side by side: one run per variant (or per scenario file). The page
 * leads with what the scenario's report is for (`report.headline`, one bar
 * per design against the capacity of what held it) and each design's
 * throughput over time on shared axes; then the metrics worth reading, with
 * the all-zero, repeated and bookkeeping ones behind a "show all"; each
 * design in the same colour on every chart, never red (red is failure).
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { keysInOrder, metricColumns, tableUnique, unitOf } from './csv.ts';
import { formatQuantity, formatSI } from './format.ts';
import { comparedMetrics, metricTiers } from './compared-metrics.ts';
import { NO_REPORT, capacityOf, phaseOf, transferRates, type Capacity } from './headline.ts';
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

const withText = (c: Capacity | null) => (c === null ? null : { ...c, text: formatSI(c.value, 'B/s') });

/** Points of the throughput-over-time chart: enough to see phases, few enough to embed. */
const TIME_BINS = 240;

export function renderCompareReport(results: readonly RunResult[], sensitivity?: SensitivityReport): string {
  const labels = variantLabels(results);
  const spec = results[0]?.report ?? NO_REPORT;
  const units = results.map((r) => r.units);
  const tiers = metricTiers(comparedMetrics(results), (m) => results.map((r) => r.metrics[m]), spec.headline);
  const headline = tiers.shown.filter((m) => spec.headline.includes(m));
  const rest = tiers.shown.filter((m) => !spec.headline.includes(m));
  // Variants of one file share its description: say it once.
  const shared = new Set(results.map((r) => r.description)).size === 1 ? results[0].description : '';
  const said = results.map((r) => saidOf(r));
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const title = scenarios.length === 1 ? scenarios[0] : scenarios.join(' vs ');
  const value = (r: RunResult, m: string) => (Number.isFinite(r.metrics[m]) ? escapeHtml(formatQuantity(r.metrics[m], unitOf(m, units))) : 'none');

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
      ...tiers.shown.map((m) => [`<code>${escapeHtml(m)}</code>`, ...results.map((r) => value(r, m))]),
      ...keysInOrder(said).map((f) => [escapeHtml(f), ...said.map((s) => ({ html: escapeHtml(s[f] ?? '—'), cls: 'text' }))]),
      checksRow,
      ['seed', ...results.map((r) => escapeHtml(r.seed))],
      ['trace hash', ...results.map((r) => `<code title="${escapeHtml(r.traceHash)}">${escapeHtml(r.traceHash.slice(0, 12))}</code>`)],
    ],
    'compare',
  );
  const hiddenTable = tiers.hidden.length === 0 ? '' : `<details id="all-metrics"><summary>Show all metrics (${tiers.hidden.length} more: all zero, repeated or bookkeeping)</summary>
${htmlTable(
    [{ label: 'metric' }, ...labels.map((l) => ({ label: l, num: true })), { label: 'hidden because' }],
    tiers.hidden.map((h) => [`<code>${escapeHtml(h.name)}</code>`, ...results.map((r) => value(r, h.name)), escapeHtml(h.why)]),
    'compare',
  )}
</details>`;
  const span = Math.max(0, ...results.map((r) => r.endTime));
  const first = headline.find((m) => unitOf(m, units) === 'B/s') ?? 'throughput';
  const phase = phaseOf(first, results.flatMap((r) => r.bottlenecks.phases.map((p) => p.phase)));
  const failed = results.flatMap((r, i) => r.checks.filter((c) => !c.pass).map((c) => [escapeHtml(labels[i]), { html: escapeHtml(c.check), cls: 'fail' }] as BodyCell[]));
  const body = `<header>
<h1>${escapeHtml(title)} <span class="muted">· comparison</span></h1>
</header>
<section id="headline"><h2>${headline.length > 0 ? 'The answer' : 'Throughput over time'}</h2>
<div class="variant-legend"></div>
${headline.map((m, i) => `<div class="headline-chart"><h3><code>${escapeHtml(m)}</code></h3><figure class="chart hbars" id="headline-${i}"></figure></div>`).join('\n')}
${headline.length > 0 ? '<h3>Throughput over time</h3>' : ''}<figure class="chart" id="throughput-time"></figure>
<p class="muted">Bytes per second the ${phase === 'run' ? '' : `${escapeHtml(phase)} `}transfers of each design moved, each transfer's bytes spread over its own span; dashed: the capacity of what held the design back (${escapeHtml(first)}'s phase). Each link's sampled rate is in that run's timeseries.csv.</p>
</section>
<section id="about"><h2>The designs</h2>
${shared ? `<p class="description">${escapeHtml(shared)}</p>\n` : ''}<dl class="facts">
${results.map((r, i) => `<dt>${escapeHtml(labels[i])}</dt><dd>${escapeHtml(r.file)}${r.settings.length ? ` · ${r.settings.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')}` : ''}${r.description && !shared ? ` · ${escapeHtml(r.description)}` : ''}</dd>`).join('\n')}
</dl>
</section>
<section id="table"><h2>Metrics per design</h2>
${table}
${hiddenTable}
</section>
${bottleneckCompare(results, labels)}
<section id="charts"><h2>Metrics side by side</h2>
<div class="variant-legend"></div>
<div class="grid-of-charts">
${rest.map((m, i) => `<div><h3><code>${escapeHtml(m)}</code></h3><figure class="chart hbars" id="bars-${i}"></figure></div>`).join('\n')}
</div>
</section>
${devicesCompare(results, labels)}
${sensitivity === undefined ? '' : `<section id="sensitivity"><h2>Sensitivity of ${escapeHtml(sensitivity.metric)}</h2>\n${sensitivitySection(sensitivity, 'h3')}\n</section>`}
${assumptionsSection(results.map((r) => r.assumptions), labels)}
${failed.length ? `<section id="failures"><h2>Failed checks</h2>\n${htmlTable([{ label: 'variant' }, { label: 'check' }], failed)}\n</section>` : ''}
<footer>backlab ${escapeHtml([...new Set(results.map((r) => r.backlab))].join(', '))} · the numbers are in compare.csv, the assumptions in assumptions.csv${sensitivity === undefined ? '' : ', the sensitivity in tornado.csv and samples.csv'}, next to this page</footer>`;

  const metricData = (m: string) => ({
    name: m, unit: unitOf(m, units),
    values: results.map((r) => (Number.isFinite(r.metrics[m]) ? r.metrics[m] : null)),
    // The words a reader sees come from the one formatter (format.ts); the page draws the numbers.
    texts: results.map((r) => (Number.isFinite(r.metrics[m]) ? formatQuantity(r.metrics[m], unitOf(m, units)) : 'none')),
    refs: unitOf(m, units) === 'B/s' ? results.map((r) => withText(capacityOf(r, m))) : results.map(() => null),
  });
  return renderPage({
    title: `${title} · backlab comparison`,
    body,
    data: {
      variants: labels,
      headline: headline.map(metricData),
      metrics: rest.map(metricData),
      time: { span, rates: results.map((r) => transferRates(r, span, TIME_BINS, phase === 'run' ? null : phase)), refs: results.map((r) => withText(capacityOf(r, first))) },
    },
    scripts: ['compare.js'],
  });
}

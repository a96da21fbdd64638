/**
 * The report of a sweep: many runs of one scenario over parameter settings
 * × seeds. Runs with identical settings differ only by seed, so each such
 * group gives a mean and a 95% confidence interval per metric; the page shows
 * them as bars with error bars, and as lines with error bands against a
 * numeric setting (one line per value of the other settings).
 */
import { keysInOrder, metricColumns, tableUnique, unitOf } from './csv.ts';
import { formatPercent, formatQuantity } from './format.ts';
import { metricTiers } from './compared-metrics.ts';
import { NO_REPORT } from './headline.ts';
import { lineData } from './sweep-headline.ts';
import { escapeHtml, htmlTable, renderPage, type BodyCell } from './page.ts';
import { meanCI, type MeanCI } from './stats.ts';
import { bottleneckChanges, bottleneckColumns, modalBottleneck, phasesOf, type RunBottleneck, type Series } from './sweep-bottleneck.ts';
import { bottleneckHeading } from './said.ts';
import { assumptionsSection } from './assumptions-html.ts';
import type { Assumption } from '../sim/foundation/declare.ts';
import type { ReportSpec } from '../sim/foundation/scenario.ts';

export interface SweepRow {
  run: number;
  settings: Record<string, string>;
  seed: number;
  traceHash: string;
  metrics: Record<string, number>;
  units: Record<string, string>;
  checksFailed: string[];
  /** each phase's dominant bottleneck (sweep-bottleneck.ts) */
  bottlenecks: RunBottleneck[];
}

export interface SweepMeta {
  scenario: string;
  description?: string;
  file?: string;
  backlab?: string;
  /** the base scenario's (sim/scenario/assumptions.ts), before the sweep's settings */
  assumptions?: Assumption[];
  /** what the scenario says its report is for */
  report?: ReportSpec;
  /** the metrics the scenario's checks name: worth a column */
  checked?: string[];
}

export interface SettingGroup {
  settings: Record<string, string>;
  runs: SweepRow[];
}

/** Key order must not matter: {a,b} and {b,a} are one setting. */
const settingsKey = (s: Record<string, string>): string =>
  JSON.stringify(Object.keys(s).sort().map((k) => [k, s[k]]));

/** Runs grouped by identical settings, groups in order of first appearance. */
export function groupBySettings(rows: readonly SweepRow[]): SettingGroup[] {
  const groups = new Map<string, SettingGroup>();
  for (const r of rows) {
    const k = settingsKey(r.settings);
    let g = groups.get(k);
    if (g === undefined) groups.set(k, (g = { settings: r.settings, runs: [] }));
    g.runs.push(r);
  }
  return [...groups.values()];
}

/** Settings whose value is not the same in every group: the ones worth printing per group. */
export function varyingKeys(groups: readonly SettingGroup[]): string[] {
  return keysInOrder(groups.map((g) => g.settings)).filter((k) => new Set(groups.map((g) => g.settings[k])).size > 1);
}

export function groupLabel(settings: Record<string, string>, keys: readonly string[]): string {
  return keys.length === 0 ? 'all runs' : keys.map((k) => `${k}=${settings[k] ?? '∅'}`).join(', ');
}

/**
 * The x axis of the line charts: the scenario's `report.x` if it is varied
 * and numeric, else the last varying setting whose every value reads as a
 * number (the first setting of a sweep varies slowest, so the last numeric
 * one is the finest). The other varying settings name the series: a
 * sweep of partitions × design draws one line per design.
 */
export function numericAxis(groups: readonly SettingGroup[], keys: readonly string[], prefer: string | null = null): { key: string; values: number[]; series: string[] } | null {
  if (groups.length < 2) return null;
  const numeric = (k: string) => groups.map((g) => (g.settings[k] ?? '').trim()).map((v) => (v === '' ? NaN : Number(v)));
  // The scenario's own choice (report.x) first, when it is swept and numeric.
  const key = [...keys.filter((k) => k !== prefer), ...keys.filter((k) => k === prefer)].reverse().find((k) => numeric(k).every(Number.isFinite));
  if (key === undefined) return null;
  const others = keys.filter((k) => k !== key);
  return { key, values: numeric(key), series: groups.map((g) => others.map((k) => g.settings[k] ?? '∅').join(' · ')) };
}

/** Per group, the metric's mean and interval over the runs that report it. */
export function metricByGroup(groups: readonly SettingGroup[], metric: string): MeanCI[] {
  return groups.map((g) => meanCI(g.runs.map((r) => r.metrics[metric]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v))));
}

/** runs.csv: one row per run, one column per setting and per metric. */
export function runsCsv(rows: readonly SweepRow[]): string {
  return tableUnique<SweepRow>([
    { name: 'run', value: (r) => r.run },
    ...keysInOrder(rows.map((r) => r.settings)).map((k) => ({ name: k, value: (r: SweepRow) => r.settings[k] })),
    { name: 'seed', value: (r) => r.seed },
    { name: 'trace_hash', value: (r) => r.traceHash },
    ...metricColumns(rows, (r) => r.metrics, (r) => r.units),
    ...bottleneckColumns(rows),
    { name: 'checks_failed', value: (r) => r.checksFailed.join('; ') },
  ], rows);
}

/** The settings of each series of the numeric axis, in axis order. */
function seriesOf(groups: readonly SettingGroup[], axis: NonNullable<ReturnType<typeof numericAxis>>): Series<SettingGroup>[] {
  const by = new Map<string, Series<SettingGroup>>();
  groups.forEach((g, i) => {
    let s = by.get(axis.series[i]);
    if (s === undefined) by.set(axis.series[i], (s = { label: axis.series[i], points: [] }));
    s.points.push({ x: axis.values[i], group: g });
  });
  for (const s of by.values()) s.points.sort((a, b) => a.x - b.x);
  return [...by.values()];
}

/** Per setting and phase, what most of its seeds name as the bottleneck; and where along the axis it changes. */
function bottleneckSection(groups: readonly SettingGroup[], labels: readonly string[], axis: ReturnType<typeof numericAxis>): string {
  const phases = phasesOf(groups.flatMap((g) => g.runs));
  if (phases.length === 0) return '';
  const changes = axis === null ? [] : bottleneckChanges(seriesOf(groups, axis), phases, axis.key);
  const cell = (g: SettingGroup, phase: string): string => {
    const b = modalBottleneck(g.runs, phase);
    if (b === null) return '—';
    const of = g.runs.flatMap((r) => r.bottlenecks.filter((x) => x.phase === phase && x.key === b.key));
    const share = of.reduce((a, x) => a + x.share, 0) / of.length;
    return `${escapeHtml(b.name)}<br><span class="muted">${escapeHtml(formatPercent(share))} of the bytes${of.length < g.runs.length ? `, ${of.length} of ${g.runs.length} seeds` : ''}</span>`;
  };
  const table = htmlTable(
    [{ label: 'settings' }, ...phases.map((p) => ({ label: bottleneckHeading(p) }))],
    groups.map((g, gi) => [escapeHtml(labels[gi]), ...phases.map((p) => cell(g, p))]),
    'bottlenecks',
  );
  return `<section id="bottlenecks"><h2>What holds each setting back</h2>
<p class="muted">The resource that limited the most of a phase's bytes (runs.csv has it per run); a setting's is the one most of its seeds name.</p>
${changes.length > 0 ? `<ul class="changes">\n${changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('\n')}\n</ul>\n` : ''}${table}
</section>`;
}

/** A mean, with its 95% half-width when there are seeds to give one: no "(n = 1)" in every cell. */
function formatCI(ci: MeanCI, unit: string): string {
  if (ci.n === 0) return '—';
  const mean = escapeHtml(formatQuantity(ci.mean, unit));
  return ci.n === 1 ? mean : `${mean} <span class="muted">± ${escapeHtml(formatQuantity(ci.hi - ci.mean, unit))}</span>`;
}

/** Metric columns the summary table has room for at 1280 px beside the settings; the rest are behind "show all". */
const TABLE_METRICS = 5;

/** One row per setting: the varied settings as columns, then the metrics. */
function summaryTable(groups: readonly SettingGroup[], keys: readonly string[], metrics: readonly string[], cis: (m: string) => MeanCI[], unit: (m: string) => string): string {
  const seeds = groups.some((g) => g.runs.length > 1);
  return htmlTable(
    [...(keys.length ? keys : ['settings']).map((k) => ({ label: k })), ...(seeds ? [{ label: 'runs', num: true }] : []), ...metrics.map((m) => ({ label: m, num: true })), { label: 'failed checks', num: true }],
    groups.map((g, gi) => {
      const failed = g.runs.filter((r) => r.checksFailed.length > 0).length;
      const cells: BodyCell[] = [
        ...(keys.length ? keys.map((k) => escapeHtml(g.settings[k] ?? '∅')) : ['all runs']),
        ...(seeds ? [String(g.runs.length)] : []),
        ...metrics.map((m) => formatCI(cis(m)[gi], unit(m))),
        { html: failed === 0 ? 'none' : `${failed} of ${g.runs.length}`, cls: failed > 0 ? 'fail' : 'pass' },
      ];
      return cells;
    }),
    'sweep',
  );
}

export function renderSweepReport(rows: readonly SweepRow[], meta: SweepMeta): string {
  const spec = meta.report ?? NO_REPORT;
  const groups = groupBySettings(rows);
  const keys = varyingKeys(groups);
  const constant = keysInOrder(groups.map((g) => g.settings)).filter((k) => !keys.includes(k));
  const labels = groups.map((g) => groupLabel(g.settings, keys));
  // Setting names go on the axis once; each bar is labelled by its values alone, which keeps labels short enough to tell apart.
  const barLabels = keys.length === 0 ? labels : groups.map((g) => keys.map((k) => g.settings[k] ?? '∅').join(' · '));
  const axis = numericAxis(groups, keys, spec.x);
  const metrics = keysInOrder(rows.map((r) => r.metrics));
  const unitRecords = rows.map((r) => r.units);
  const unit = (m: string) => unitOf(m, unitRecords);
  const ciOf = new Map(metrics.map((m) => [m, metricByGroup(groups, m)]));
  const cis = (m: string) => ciOf.get(m)!;
  const tiers = metricTiers(metrics, (m) => cis(m).map((c) => (c.n === 0 ? undefined : c.mean)), spec.headline);
  const headline = tiers.shown.filter((m) => spec.headline.includes(m));
  const rest = tiers.shown.filter((m) => !spec.headline.includes(m));
  const columns = [...new Set([...headline, ...(meta.checked ?? []), 'makespan', ...rest])].filter((m) => tiers.shown.includes(m)).slice(0, TABLE_METRICS);
  const log2 = spec.scale === 'log2' && axis !== null && axis.values.every((v) => v > 0);

  const failedRuns = rows.filter((r) => r.checksFailed.length > 0);
  const failures = failedRuns.length === 0 ? '<p>Every run passed its checks.</p>' : htmlTable(
    [{ label: 'run', num: true }, { label: 'settings' }, { label: 'seed', num: true }, { label: 'checks failed' }],
    failedRuns.map((r) => [String(r.run), escapeHtml(groupLabel(r.settings, keys)), escapeHtml(r.seed), { html: escapeHtml(r.checksFailed.join('; ')), cls: 'fail' }]),
  );
  const seeds = new Set(rows.map((r) => r.seed)).size;
  const chart = (m: string, id: string) => (axis ? `<figure class="chart band" id="${id}"></figure>` : `<figure class="chart hbars" id="${id}"></figure>`);
  const body = `<header>
<h1>${escapeHtml(meta.scenario)} <span class="muted">· sweep</span></h1>
</header>
${headline.length ? `<section id="headline"><h2>The answer</h2>
${headline.map((m, i) => `<div class="headline-chart"><h3><code>${escapeHtml(m)}</code>${axis ? ` <span class="muted">against ${escapeHtml(axis.key)}${log2 ? ' (log scale)' : ''}</span>` : ''}</h3>${chart(m, `headline-${i}`)}</div>`).join('\n')}
${axis ? '<p class="muted">One line per design, its 95% interval as a band; dashed: the capacity of what held each setting back; a ringed point: the bottleneck changes there (hover for which). The bottleneck section below says it in words.</p>' : ''}
</section>` : ''}
<section id="about"><h2>The sweep</h2>
${meta.description ? `<p class="description">${escapeHtml(meta.description)}</p>` : ''}
<dl class="facts">
${meta.file ? `<dt>file</dt><dd>${escapeHtml(meta.file)}</dd>` : ''}
<dt>runs</dt><dd>${rows.length}: ${groups.length} setting${groups.length === 1 ? '' : 's'} × ${seeds} seed${seeds === 1 ? '' : 's'}</dd>
${keys.length ? `<dt>varied</dt><dd>${keys.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}</dd>` : ''}
${constant.length ? `<dt>fixed</dt><dd>${constant.map((k) => `<code>${escapeHtml(`${k}=${groups[0].settings[k]}`)}</code>`).join(' ')}</dd>` : ''}
${meta.backlab ? `<dt>backlab</dt><dd>${escapeHtml(meta.backlab)}</dd>` : ''}
</dl>
</section>
<section id="summary"><h2>${seeds > 1 ? 'Mean and 95% confidence interval per setting' : 'Per setting'}</h2>
${seeds > 1 ? '<p class="muted">± the 95% half-width, Student\'s t over the seeds of a setting (t<sub>0.975, n−1</sub> · s / √n); a setting run with one seed has none.</p>' : ''}
${summaryTable(groups, keys, columns, cis, unit)}
<details class="all-metrics"><summary>Show all ${metrics.length} metrics${tiers.hidden.length ? ` (${tiers.hidden.map((h) => h.name).join(', ')}: ${tiers.hidden.length === 1 ? tiers.hidden[0].why : 'all zero, repeated or bookkeeping'})` : ''}</summary>
${summaryTable(groups, keys, metrics, cis, unit)}
</details>
</section>
${bottleneckSection(groups, labels, axis)}
<section id="charts"><h2>Metrics by setting</h2>
<div class="grid-of-charts">
${rest.map((m, i) => `<div><h3><code>${escapeHtml(m)}</code></h3>${chart(m, `chart-${i}`)}</div>`).join('\n')}
</div>
</section>
<section id="failures"><h2>Failed checks</h2>
${failures}
</section>
${meta.assumptions ? assumptionsSection([meta.assumptions], [meta.scenario], keys.length ? `Values are the scenario's own; where a varied setting (${keys.join(', ')}) names one, each setting's runs use that setting's value.` : '') : ''}
<footer>backlab${meta.backlab ? ` ${escapeHtml(meta.backlab)}` : ''} · every run is in runs.csv next to this page</footer>`;

  // Capacities and bottleneck changes are marked on the headline charts, where the scenario says to read them.
  const chartData = (m: string) => {
    const line = axis ? lineData(groups, axis, m, unit(m), cis(m)) : null;
    return {
      name: m,
      unit: unit(m),
      items: groups.map((_, gi) => ({ label: barLabels[gi], ...cis(m)[gi], text: cis(m)[gi].n === 0 ? 'none' : formatQuantity(cis(m)[gi].mean, unit(m)) })),
      line: line === null || headline.includes(m) ? line : { ...line, ceilings: [], changes: [] },
    };
  };
  return renderPage({
    title: `${meta.scenario} · backlab sweep`,
    body,
    data: {
      axis: axis ? axis.key : null,
      scale: log2 ? 'log2' : 'linear',
      barAxis: keys.join(' · '),
      headline: headline.map(chartData),
      metrics: rest.map(chartData),
    },
    scripts: ['sweep.js'],
  });
}

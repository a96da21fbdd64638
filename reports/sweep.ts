/**
 * The report of a sweep: many runs of one scenario over parameter settings
 * × seeds. Runs with identical settings differ only by seed, so each such
 * group gives a mean and a 95% confidence interval per metric; the page shows
 * them as bars with error bars, and as lines with error bands against a
 * numeric setting (one line per value of the other settings).
 */
import { keysInOrder, metricColumns, tableUnique, unitOf } from './csv.ts';
import { formatPercent, formatQuantity } from './format.ts';
import { escapeHtml, htmlTable, renderPage, type BodyCell } from './page.ts';
import { meanCI, type MeanCI } from './stats.ts';
import { bottleneckChanges, bottleneckColumns, modalBottleneck, phasesOf, type RunBottleneck, type Series } from './sweep-bottleneck.ts';
import { bottleneckHeading } from './said.ts';
import { assumptionsSection } from './assumptions-html.ts';
import type { Assumption } from '../sim/foundation/declare.ts';

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
 * The x axis of the line charts: the last varying setting whose every value
 * reads as a number (the first setting of a sweep varies slowest, so the last
 * numeric one is the finest). The other varying settings name the series: a
 * sweep of partitions × design draws one line per design.
 */
export function numericAxis(groups: readonly SettingGroup[], keys: readonly string[]): { key: string; values: number[]; series: string[] } | null {
  if (groups.length < 2) return null;
  const numeric = (k: string) => groups.map((g) => (g.settings[k] ?? '').trim()).map((v) => (v === '' ? NaN : Number(v)));
  const key = [...keys].reverse().find((k) => numeric(k).every(Number.isFinite));
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

function formatCI(ci: MeanCI, unit: string): string {
  if (ci.n === 0) return '—';
  const mean = escapeHtml(formatQuantity(ci.mean, unit));
  if (ci.n === 1) return `${mean} <span class="muted">(n = 1)</span>`;
  return `${mean}<br><span class="muted">${escapeHtml(formatQuantity(ci.lo, unit))} to ${escapeHtml(formatQuantity(ci.hi, unit))}</span>`;
}

export function renderSweepReport(rows: readonly SweepRow[], meta: SweepMeta): string {
  const groups = groupBySettings(rows);
  const keys = varyingKeys(groups);
  const constant = keysInOrder(groups.map((g) => g.settings)).filter((k) => !keys.includes(k));
  const labels = groups.map((g) => groupLabel(g.settings, keys));
  // Setting names go on the axis once; each bar is labelled by its values alone, which keeps labels short enough to tell apart.
  const barLabels = keys.length === 0 ? labels : groups.map((g) => keys.map((k) => g.settings[k] ?? '∅').join(' · '));
  const axis = numericAxis(groups, keys);
  const metrics = keysInOrder(rows.map((r) => r.metrics));
  const unitRecords = rows.map((r) => r.units);
  const cis = metrics.map((m) => metricByGroup(groups, m));

  const table = htmlTable(
    [{ label: 'settings' }, { label: 'runs', num: true }, ...metrics.map((m) => ({ label: m, num: true })), { label: 'runs with failed checks', num: true }],
    groups.map((g, gi) => {
      const failed = g.runs.filter((r) => r.checksFailed.length > 0).length;
      const cells: BodyCell[] = [
        escapeHtml(labels[gi]),
        String(g.runs.length),
        ...metrics.map((m, mi) => formatCI(cis[mi][gi], unitOf(m, unitRecords))),
        { html: `${failed} of ${g.runs.length}`, cls: failed > 0 ? 'fail' : 'pass' },
      ];
      return cells;
    }),
    'sweep',
  );
  const failedRuns = rows.filter((r) => r.checksFailed.length > 0);
  const failures = failedRuns.length === 0 ? '<p>Every run passed its checks.</p>' : htmlTable(
    [{ label: 'run', num: true }, { label: 'settings' }, { label: 'seed', num: true }, { label: 'checks failed' }],
    failedRuns.map((r) => [String(r.run), escapeHtml(groupLabel(r.settings, keys)), escapeHtml(r.seed), { html: escapeHtml(r.checksFailed.join('; ')), cls: 'fail' }]),
  );
  const seeds = new Set(rows.map((r) => r.seed)).size;
  const body = `<header>
<h1>${escapeHtml(meta.scenario)} <span class="muted">· sweep</span></h1>
${meta.description ? `<p class="description">${escapeHtml(meta.description)}</p>` : ''}
<dl class="facts">
${meta.file ? `<dt>file</dt><dd>${escapeHtml(meta.file)}</dd>` : ''}
<dt>runs</dt><dd>${rows.length}: ${groups.length} setting${groups.length === 1 ? '' : 's'} × ${seeds} seed${seeds === 1 ? '' : 's'}</dd>
${keys.length ? `<dt>varied</dt><dd>${keys.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ')}</dd>` : ''}
${constant.length ? `<dt>fixed</dt><dd>${constant.map((k) => `<code>${escapeHtml(`${k}=${groups[0].settings[k]}`)}</code>`).join(' ')}</dd>` : ''}
${meta.backlab ? `<dt>backlab</dt><dd>${escapeHtml(meta.backlab)}</dd>` : ''}
</dl>
</header>
<section id="summary"><h2>Mean and 95% confidence interval per setting</h2>
<p class="muted">The interval is Student's t over the seeds of a setting (t<sub>0.975, n−1</sub> · s / √n); a setting run with one seed has none.</p>
${table}
</section>
${bottleneckSection(groups, labels, axis)}
<section id="charts"><h2>Metrics by setting</h2>
<div class="grid-of-charts">
${metrics.map((m, i) => `<div><h3><code>${escapeHtml(m)}</code></h3><figure class="chart bars" id="bars-${i}"></figure>${axis ? `<figure class="chart band" id="band-${i}"></figure>` : ''}</div>`).join('\n')}
</div>
</section>
<section id="failures"><h2>Failed checks</h2>
${failures}
</section>
${meta.assumptions ? assumptionsSection([meta.assumptions], [meta.scenario], keys.length ? `Values are the scenario's own; where a varied setting (${keys.join(', ')}) names one, each setting's runs use that setting's value.` : '') : ''}
<footer>backlab${meta.backlab ? ` ${escapeHtml(meta.backlab)}` : ''} · every run is in runs.csv next to this page</footer>`;

  return renderPage({
    title: `${meta.scenario} · backlab sweep`,
    body,
    data: {
      axis: axis ? axis.key : null,
      barAxis: keys.join(' · '),
      metrics: metrics.map((m, mi) => ({
        name: m,
        unit: unitOf(m, unitRecords),
        items: groups.map((_, gi) => ({ label: barLabels[gi], ...cis[mi][gi] })),
        points: axis ? groups.map((_, gi) => ({ x: axis.values[gi], series: axis.series[gi], ...cis[mi][gi] })) : null,
      })),
    },
    scripts: ['sweep.js'],
  });
}

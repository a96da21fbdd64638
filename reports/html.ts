/**
 * The report of one run as one self-contained HTML page: what ran, whether
 * its checks passed, its headline numbers, and charts of throughput over
 * time and of jobs over time, its devices (reports/devices-html.ts) and links. Tables are rendered here (they read without
 * JavaScript); charts are drawn in the page by reports/client/run.js from
 * the data embedded as JSON.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { formatDuration, formatNumber, formatQuantity, formatSI, readableReason } from './format.ts';
import { escapeHtml, htmlTable, renderPage, type BodyCell } from './page.ts';
import { chartSeries, displaySeries, type DisplaySeries } from './series.ts';
import { saidOf } from './said.ts';
import { bottleneckSection } from './bottleneck-html.ts';
import { assumptionsSection } from './assumptions-html.ts';
import { devicesSection, utilisationCell } from './devices-html.ts';
import { windowsSection } from './windows-html.ts';
import { hasYear } from './year.ts';
import { capRows } from './capped.ts';
import { yearLink } from './year-html.ts';

export interface GanttBar {
  name: string;
  status: string;
  start: number;
  /** null: still running when the run stopped; drawn to the end of the run */
  end: number | null;
  detail: string;
}

export interface Gantt {
  of: 'jobs' | 'flows';
  bars: GanttBar[];
  /** bars before truncation */
  total: number;
}

/** A chart of thousands of one-pixel rows says nothing; the CSV has them all. */
export const GANTT_MAX_ROWS = 300;

/** Jobs if the run has any, else flows (a plain network scenario has no jobs). */
export function ganttOf(r: RunResult): Gantt {
  const bars: GanttBar[] = r.jobs.length > 0
    ? r.jobs.map((j) => ({
      name: j.name, status: j.status, start: j.start, end: j.end,
      detail: `${j.kind} by ${j.actor}, ${formatSI(j.bytes, 'B')}${j.reason ? `: ${readableReason(j.reason)}` : ''}`,
    }))
    : r.flows.map((f) => ({
      name: f.name, status: f.status, start: f.start, end: f.end,
      detail: `${f.route.join(' > ')}, ${formatSI(f.delivered, 'B')} of ${formatSI(f.bytes, 'B')}${f.reason ? `: ${readableReason(f.reason)}` : ''}`,
    }));
  return { of: r.jobs.length > 0 ? 'jobs' : 'flows', bars: bars.slice(0, GANTT_MAX_ROWS), total: bars.length };
}

function headerBlock(r: RunResult): string {
  const facts: [string, string][] = [
    ['file', escapeHtml(r.file)],
    ...(r.variant !== null ? [['variant', escapeHtml(r.variant)] as [string, string]] : []),
    ...(r.settings.length > 0 ? [['settings', r.settings.map((s) => `<code>${escapeHtml(s)}</code>`).join(' ')] as [string, string]] : []),
    ['seed', `<code>${escapeHtml(r.seed)}</code>`],
    ['trace hash', `<code class="hash">${escapeHtml(r.traceHash)}</code>`],
    ['backlab', escapeHtml(r.backlab)],
    ['stopped', `${escapeHtml(r.stopReason)} at ${escapeHtml(formatDuration(r.endTime))} (${escapeHtml(formatNumber(r.endTime))} s)`],
    ['events', `${escapeHtml(formatNumber(r.events))} (trace ${escapeHtml(formatSI(r.traceBytes, 'B'))})`],
  ];
  // The title, then what the run comes to (outcomeSection), then what ran.
  return `<header>
<h1>${escapeHtml(r.scenario)}</h1>
</header>
${outcomeSection(r)}
<section id="about">
${r.description ? `<p class="description">${escapeHtml(r.description)}</p>` : ''}
<dl class="facts">${facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${v}</dd>`).join('')}</dl>
</section>`;
}

export function checksSection(r: RunResult): string {
  if (r.checks.length === 0) return '<section id="checks"><h2>Checks</h2><p class="muted">The scenario states no checks.</p></section>';
  const passed = r.checks.filter((c) => c.pass).length;
  const rows: BodyCell[][] = r.checks.map((c) => [
    { html: c.pass ? 'PASS' : 'FAIL', cls: c.pass ? 'pass' : 'fail' },
    escapeHtml(c.check),
    escapeHtml(formatQuantity(c.measured, r.units[c.metric])),
    `${escapeHtml(c.op)} ${escapeHtml(formatQuantity(c.expected, r.units[c.metric]))}`,
    `<code>${escapeHtml(c.metric)}</code>`,
  ]);
  return `<section id="checks"><h2>Checks <span class="tally ${passed === r.checks.length ? 'pass' : 'fail'}">${passed} of ${r.checks.length} passed</span></h2>
${htmlTable([{ label: 'result' }, { label: 'check' }, { label: 'measured', num: true }, { label: 'expected', num: true }, { label: 'metric' }], rows, 'checks')}
</section>`;
}

export function metricsSection(r: RunResult): string {
  const names = Object.keys(r.metrics);
  if (names.length === 0) return '';
  // A metric with no value (the RTO of VMs none of which came back) says so: never 0, never NaN.
  const none = (v: number) => (v === null || !Number.isFinite(v));
  const rows = names.map((m) => [
    `<code>${escapeHtml(m)}</code>`,
    none(r.metrics[m]) ? 'none' : escapeHtml(formatQuantity(r.metrics[m], r.units[m])),
    none(r.metrics[m]) ? '—' : escapeHtml(formatNumber(r.metrics[m])),
    escapeHtml(r.units[m] || 'count'),
  ]);
  return `<section id="metrics"><h2>Metrics</h2>
${htmlTable([{ label: 'metric' }, { label: 'value', num: true }, { label: 'raw', num: true }, { label: 'unit' }], rows, 'metrics')}
</section>`;
}

/**
 * What the run comes to, before anything else: the metrics the scenario's
 * report is for (report.headline) and what the protocol says of the run (a
 * VM lost is said to be lost, with what it had written).
 */
export function outcomeSection(r: RunResult): string {
  const headline = (r.report?.headline ?? []).filter((m) => m in r.metrics);
  const findings = Object.entries(saidOf(r));
  if (headline.length === 0 && findings.length === 0) return '';
  const value = (m: string) => (Number.isFinite(r.metrics[m]) ? escapeHtml(formatQuantity(r.metrics[m], r.units[m])) : 'none');
  return `<section id="outcome"><h2>Outcome</h2>
${headline.length ? htmlTable([{ label: 'metric' }, { label: 'value', num: true }], headline.map((m) => [`<code>${escapeHtml(m)}</code>`, value(m)]), 'headline') : ''}
${findings.length ? `<h3>What the run says</h3>\n${htmlTable([{ label: 'finding' }, { label: 'value' }], findings.map(([k, v]) => [escapeHtml(k), escapeHtml(v)]), 'findings')}` : ''}
</section>`;
}

export function linksSection(r: RunResult): string {
  if (r.links.length === 0) return '';
  const shown = capRows(r.links, { noun: 'links', file: 'links.csv', which: 'busiest (by mean utilisation)' }, (l) => l.meanUtilisation);
  return `<section id="utilisation"><h2>Links</h2>
${shown.note}${htmlTable(
    [{ label: 'link' }, { label: 'bandwidth', num: true }, { label: 'latency', num: true }, { label: 'carried', num: true }, { label: 'busy', num: true }, { label: 'mean utilisation' }, { label: 'peak utilisation' }],
    shown.rows.map((l) => [
      escapeHtml(l.name), escapeHtml(formatSI(l.bandwidth, 'B/s')), escapeHtml(formatDuration(l.latency)), escapeHtml(formatSI(l.bytes, 'B')),
      escapeHtml(formatDuration(l.busy)), utilisationCell(l.meanUtilisation), utilisationCell(l.peakUtilisation),
    ]),
    'links',
  )}
</section>`;
}

function chartsSection({ series, total }: DisplaySeries, gantt: Gantt): string {
  const shown = (k: 'link' | 'device'): number => series.filter((s) => s.kind === k).length;
  const busiest = (k: 'link' | 'device'): string => shown(k) < total[k] ? `<p class="muted">The busiest ${shown(k)} of ${total[k]} ${k}s; all are in timeseries.csv.</p>` : '';
  const throughput = series.length === 0
    ? '<p class="muted">No timeseries was sampled in this run.</p>'
    : `${shown('link') > 0 ? `<h3>Links</h3>${busiest('link')}<figure class="chart" id="throughput-link"></figure>` : ''}
${shown('device') > 0 ? `<h3>Devices</h3>${busiest('device')}<figure class="chart" id="throughput-device"></figure>` : ''}`;
  const more = gantt.total > gantt.bars.length ? `<p class="muted">Showing the first ${gantt.bars.length} of ${gantt.total} ${gantt.of}; all are in ${gantt.of}.csv.</p>` : '';
  const timeline = gantt.total === 0 ? '<p class="muted">No jobs or flows ran.</p>' : `${more}<figure class="chart" id="gantt"></figure>`;
  return `<section id="throughput"><h2>Throughput over time</h2>\n${throughput}\n</section>
<section id="timeline"><h2>${gantt.of === 'jobs' ? 'Jobs' : 'Flows'} over time</h2>\n${timeline}\n</section>`;
}

export function renderRunReport(result: RunResult): string {
  const shown = displaySeries(result);
  const gantt = ganttOf(result);
  const body = [
    headerBlock(result),
    checksSection(result),
    metricsSection(result),
    bottleneckSection(result),
    chartsSection(shown, gantt),
    windowsSection(result.jobs),
    yearLink(hasYear(result)),
    devicesSection(result.devices, result.endTime),
    linksSection(result),
    assumptionsSection([result.assumptions], [result.variant ?? result.scenario]),
    `<footer>backlab ${escapeHtml(result.backlab)} · seed ${escapeHtml(result.seed)} · the data behind this page is in summary.json and the CSV files next to it</footer>`,
  ].join('\n');
  return renderPage({
    title: `${result.scenario} · backlab report`,
    body,
    data: { interval: shown.interval, endTime: result.endTime, t: shown.t, series: shown.series.map(chartSeries), gantt },
    scripts: ['run.js'],
  });
}

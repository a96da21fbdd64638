/**
 * The answer of `backlab size`: the frontier (the minimal configurations
 * that meet every goal, cost against margin), the one chosen, why each
 * cheaper one failed, as lines for the terminal, a page with the frontier
 * chart, and size.csv with every run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatQuantity } from './format.ts';
import { escapeHtml, htmlTable, renderPage } from './page.ts';
import { keysInOrder, metricColumns, tableUnique } from './csv.ts';
import { bottleneckColumns } from './sweep-bottleneck.ts';
import type { SweepRow } from './sweep.ts';
import { writeFolderAtomically, writeRunReport } from './write.ts';
import type { RunResult } from '../sim/foundation/result.ts';

export interface SizeConfig {
  /** PATH -> value as written */
  values: Record<string, string>;
  cost: number;
  met: boolean;
  /** the tightest goal's distance from its limit, as a share of it; negative: missed by that much */
  margin: number;
  /** the tightest goal, and its worst value over the seeds */
  goal: string;
  measured: number;
  unit: string;
  /** per phase, the dominant bottleneck most of its seeds name, in words */
  bottleneck: string | null;
  /** the fault and instant the tightest goal was measured under (null: without the faults) */
  under: string | null;
  /** under --faults, each fault at its worst instant (empty when the configuration missed without them) */
  faults: FaultOutcome[];
}

/** One fault at the worst instant the search found for a configuration. */
export interface FaultOutcome {
  fault: string;
  /** the instant, as a scenario writes it */
  at: string;
  /** instants run to find it */
  instants: number;
  margin: number;
  goal: string;
  measured: number;
  unit: string;
  bottleneck: string | null;
  /** the backlab run line that replays the worst run, and that run's trace hash */
  replay: string;
  traceHash: string;
}

export interface SizeReport {
  file: string;
  scenario: string;
  goals: string[];
  axes: { path: string; values: string[] }[];
  cost: string;
  seeds: number;
  configurationsRun: number;
  runs: number;
  gridConfigurations: number;
  gridRuns: number;
  notes: string[];
  /** the minimal feasible configurations, cheapest first */
  frontier: SizeConfig[];
  chosen: SizeConfig | null;
  /** the configurations run that failed and cost less than the chosen one */
  failing: SizeConfig[];
  evaluated: SizeConfig[];
}

const valuesText = (c: SizeConfig): string => Object.entries(c.values).map(([k, v]) => `${k}=${v}`).join(', ');
const pct = (m: number): string => `${(m * 100).toFixed(1)}%`;
const cost = (c: number): string => String(+c.toPrecision(6));
const underText = (c: SizeConfig): string => (c.under === null ? '' : ` with ${c.under}`);

export function sizeLines(r: SizeReport): string[] {
  const out = [`${r.scenario}: goals ${r.goals.join(' and ')}; cost: ${r.cost}`,
    `runs: ${r.runs} (${r.configurationsRun} configurations × ${r.seeds} seed${r.seeds === 1 ? '' : 's'}${r.runs > r.configurationsRun * r.seeds ? ', and the faults at their instants' : ''}) against the full grid's ${r.gridRuns} (${r.gridConfigurations} configurations${r.runs > r.configurationsRun * r.seeds ? ' without faults' : ''})`, ...r.notes, ''];
  out.push('frontier (minimal configurations meeting every goal):');
  if (r.frontier.length === 0) out.push('  none: no configuration in the grid meets every goal');
  for (const c of r.frontier) out.push(`  cost ${cost(c.cost)}  margin ${pct(c.margin)} (${c.goal}: ${formatQuantity(c.measured, c.unit)}${underText(c)})  ${valuesText(c)}`);
  out.push('', r.chosen === null ? 'chosen: none' : `chosen: ${valuesText(r.chosen)} (cost ${cost(r.chosen.cost)}, margin ${pct(r.chosen.margin)})`);
  if (r.failing.length > 0) out.push('', 'cheaper configurations that fail:');
  for (const c of r.failing) {
    out.push(`  cost ${cost(c.cost)}  ${valuesText(c)}: ${c.goal} missed by ${pct(-c.margin)} (${formatQuantity(c.measured, c.unit)}${underText(c)}); bottleneck: ${c.bottleneck ?? 'none'}`);
    const f = c.faults.find((x) => `${x.fault} at ${x.at}` === c.under);
    if (f !== undefined) out.push(`    replay: ${f.replay}`);
  }
  return out;
}

/** What the d3 chart draws (reports/client/size.js): every configuration run, cost against margin. */
function chartData(r: SizeReport): { cost: string; points: { cost: number; margin: number; kind: 'frontier' | 'met' | 'failed'; label: string }[] } {
  const onFront = new Set(r.frontier.map(valuesText));
  return {
    cost: r.cost,
    points: r.evaluated.map((c) => ({
      cost: c.cost, margin: Number.isFinite(c.margin) ? c.margin : -1, kind: onFront.has(valuesText(c)) ? 'frontier' : c.met ? 'met' : 'failed',
      label: `${valuesText(c)}: cost ${cost(c.cost)}, margin ${pct(c.margin)} (${c.goal}: ${formatQuantity(c.measured, c.unit)}${underText(c)})`,
    })),
  };
}

export function renderSizeReport(r: SizeReport, chosenRun: string | null = null): string {
  const row = (c: SizeConfig) => [escapeHtml(valuesText(c)), cost(c.cost), { html: pct(c.margin), cls: c.met ? 'pass' : 'fail' }, escapeHtml(`${c.goal}: ${formatQuantity(c.measured, c.unit)}${underText(c)}`), escapeHtml(c.bottleneck ?? '-')];
  const head = [{ label: 'configuration' }, { label: 'cost', num: true }, { label: 'margin', num: true }, { label: 'tightest goal' }, { label: 'bottleneck' }];
  const body = `<header><h1>${escapeHtml(r.scenario)} <span class="muted">· size</span></h1>
<dl class="facts"><dt>file</dt><dd>${escapeHtml(r.file)}</dd><dt>goals</dt><dd>${r.goals.map((g) => `<code>${escapeHtml(g)}</code>`).join(', ')}</dd>
<dt>runs</dt><dd>${r.runs} against the full grid's ${r.gridRuns}</dd><dt>chosen</dt><dd>${r.chosen === null ? 'none meets the goals' : escapeHtml(valuesText(r.chosen))}${chosenRun === null ? '' : ` · <a href="${escapeHtml(chosenRun)}/report.html">its run report</a>`}</dd></dl>
${r.notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('\n')}</header>
<section id="frontier"><h2>Cost against margin</h2><div id="frontier-chart" class="chart"></div>
${htmlTable(head, r.frontier.map(row), 'frontier')}</section>
<section id="failing"><h2>Cheaper configurations that fail</h2>${r.failing.length === 0 ? '<p>None.</p>' : htmlTable(head, r.failing.map(row), 'failing')}
${replays(r)}</section>
<footer>every run is in size.csv next to this page</footer>`;
  return renderPage({ title: `${r.scenario} · backlab size`, body, data: chartData(r), scripts: ['size.js'] });
}

/** Under --faults, each failing configuration's worst run as the line that replays it. */
function replays(r: SizeReport): string {
  const lines = r.failing.flatMap((c) => c.faults.filter((f) => `${f.fault} at ${f.at}` === c.under).map((f) => `<li>${escapeHtml(valuesText(c))}: <code>${escapeHtml(f.replay)}</code> <span class="muted">trace ${escapeHtml(f.traceHash.slice(0, 16))}…</span></li>`));
  return lines.length === 0 ? '' : `<h3>Replay the worst fault runs</h3><ul class="replays">${lines.join('')}</ul>`;
}

/** size.csv: one row per run, its configuration, seed, metrics, whether the configuration met the goals, and its bottleneck. */
export function sizeCsv(rows: readonly SweepRow[], r: SizeReport): string {
  const met = new Map(r.evaluated.map((c) => [JSON.stringify(c.values), c.met]));
  const configOf = (x: SweepRow): string => JSON.stringify(Object.fromEntries(r.axes.map((a) => [a.path, x.settings[a.path]])));
  return tableUnique<SweepRow>([
    ...keysInOrder(rows.map((x) => x.settings)).map((k) => ({ name: k, value: (x: SweepRow) => x.settings[k] })),
    { name: 'seed', value: (x) => x.seed },
    { name: 'trace_hash', value: (x) => x.traceHash },
    ...metricColumns(rows, (x) => x.metrics, (x) => x.units),
    { name: 'configuration_met_goals', value: (x) => met.get(configOf(x)) ?? '' },
    ...bottleneckColumns(rows),
  ], rows);
}

/** `chosen`: the chosen configuration's run, written as `backlab run` writes it into chosen/ and linked from the page. */
export function writeSizeReport(r: SizeReport, rows: readonly SweepRow[], dir: string, version: string, chosen: RunResult | null = null): void {
  writeFolderAtomically(dir, version, (tmp) => {
    if (chosen !== null) writeRunReport(chosen, join(tmp, 'chosen'));
    writeFileSync(join(tmp, 'report.html'), renderSizeReport(r, chosen === null ? null : 'chosen'));
    writeFileSync(join(tmp, 'size.csv'), sizeCsv(rows, r));
  });
}

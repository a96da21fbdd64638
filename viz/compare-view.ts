/**
 * The designs side by side: every variant's headline metrics in one table,
 * then each variant's findings and throughput chart.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { drawChart } from './chart.ts';
import { formatQuantity } from '../reports/format.ts';
import { comparedMetrics } from '../reports/compared-metrics.ts';
import { clock } from './format.ts';
import { saidOf } from '../reports/said.ts';

export function renderCompare(root: HTMLElement, runs: { variant: string; result: RunResult }[]): void {
  root.replaceChildren();
  const table = document.createElement('table');
  table.className = 'compare';
  const head = table.createTHead().insertRow();
  for (const h of ['metric', ...runs.map((r) => r.variant)]) head.append(Object.assign(document.createElement('th'), { textContent: h }));
  const names = comparedMetrics(runs.map((r) => r.result));
  const body = table.createTBody();
  for (const name of names) {
    const row = body.insertRow();
    row.insertCell().textContent = name;
    for (const r of runs) {
      const v = r.result.metrics[name];
      row.insertCell().textContent = formatQuantity(v, r.result.units[name]);
    }
  }
  root.append(table);
  const charts = document.createElement('div');
  charts.className = 'compare-charts';
  root.append(charts);
  for (const r of runs) {
    const box = document.createElement('figure');
    box.dataset.variant = r.variant;
    const cap = document.createElement('figcaption');
    cap.textContent = [`${r.variant}: ended at ${clock(r.result.endTime)}`, ...Object.entries(saidOf(r.result)).map(([k, v]) => `${k}: ${v}`)].join(' · ');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '100%');
    box.append(cap, svg);
    charts.append(box);
    drawChart(svg, r.result, 170, 4);
  }
}

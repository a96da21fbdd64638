/**
 * The designs side by side: every variant's headline metrics in one table,
 * then each variant's findings and throughput chart, on shared axes.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import { busiestSeries, coloursOf, drawChart } from './chart.ts';
import { formatQuantity } from '../reports/format.ts';
import { comparedMetrics } from '../reports/compared-metrics.ts';
import { clock } from './format.ts';
import { saidOf } from '../reports/said.ts';

/** series per design's chart */
const COUNT = 4;

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
  // One x axis (the longest run) and one y axis (the highest peak) for all, one colour per link or device.
  const busiest = runs.map((r) => busiestSeries(r.result, COUNT));
  const xMax = Math.max(...runs.map((r) => r.result.endTime));
  const yMax = Math.max(0, ...busiest.flat().map((s) => Math.max(0, ...s.rate)));
  const colours = coloursOf(busiest.flat().map((s) => s.name));
  runs.forEach((r) => {
    const box = document.createElement('figure');
    box.dataset.variant = r.variant;
    const cap = document.createElement('figcaption');
    cap.textContent = [`${r.variant}: ended at ${clock(r.result.endTime)}`, ...Object.entries(saidOf(r.result)).map(([k, v]) => `${k}: ${v}`)].join(' · ');
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    svg.setAttribute('width', '100%');
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', `throughput of ${r.variant} over time`);
    const legend = Object.assign(document.createElement('div'), { className: 'chart-legend' });
    box.append(cap, svg, legend);
    charts.append(box);
    // Drawn once the grid has given the figure its width, and again whenever that width changes.
    let width = -1;
    new ResizeObserver(([e]) => {
      if (e.contentRect.width === width || e.contentRect.width === 0) return;
      width = e.contentRect.width;
      drawChart(svg, r.result, 170, { count: COUNT, xMax, yMax, colours, legend });
    }).observe(box);
  });
}

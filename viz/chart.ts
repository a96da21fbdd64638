/**
 * Throughput over time per link and device, from RunResult.timeseries (the
 * sampler's per-interval means), with the cursor as a vertical line. The
 * busiest series only: a chart of seventy lines shows nothing. The legend is
 * HTML beside the SVG, so it wraps instead of being cut; charts drawn side by
 * side (compare-view.ts) share their axes and their colours by name.
 */
import { axisBottom, axisLeft, line, scaleLinear, schemeTableau10, select } from 'd3';
import type { RunResult } from '../sim/foundation/result.ts';
import { formatSI } from '../reports/format.ts';
import { throughputSeries, type Series } from '../reports/series.ts';
import { tickLabel, timeTicks } from './format.ts';

const peakOf = (s: Series): number => Math.max(0, ...s.rate);

/** The `count` series with the highest peaks; idle ones never. */
export function busiestSeries(result: RunResult, count: number): Series[] {
  return throughputSeries(result).filter((s) => peakOf(s) > 0).sort((a, b) => peakOf(b) - peakOf(a) || a.name.localeCompare(b.name)).slice(0, count);
}

/** Red and pink mean failure on this page: never a series' colour. */
export const PALETTE = schemeTableau10.filter((c) => c !== '#e15759' && c !== '#ff9da7');

/** One colour per series name, the same in every chart it appears in. */
export function coloursOf(names: Iterable<string>): Map<string, string> {
  return new Map([...new Set(names)].sort().map((n, i) => [n, PALETTE[i % PALETTE.length]]));
}

export interface ChartOptions {
  count?: number;
  /** shared axes: seconds and bytes/s the axes end at (default: this run's own) */
  xMax?: number;
  yMax?: number;
  colours?: ReadonlyMap<string, string>;
  /** where the legend goes (HTML, wraps) */
  legend?: HTMLElement | null;
}

const M = { top: 8, right: 16, bottom: 22, left: 70 };

/** Draws the chart; returns what moves its cursor (drawing the lines once per run, not per frame). */
export function drawChart(svgEl: SVGSVGElement, result: RunResult, height: number, opts: ChartOptions = {}): (t: number) => void {
  const width = svgEl.getBoundingClientRect().width || svgEl.clientWidth || 600;
  const series = busiestSeries(result, opts.count ?? 6);
  const colours = opts.colours ?? coloursOf(series.map((s) => s.name));
  const svg = select(svgEl).attr('height', height);
  svg.selectAll('*').remove();
  opts.legend?.replaceChildren();
  if (!series.length) {
    svg.append('text').attr('x', 10).attr('y', 20).attr('fill', '#333').text('no link or device carried data');
    return () => {};
  }
  const xMax = Math.max(opts.xMax ?? result.endTime, 1e-9);
  const x = scaleLinear().domain([0, xMax]).range([M.left, width - M.right]);
  const y = scaleLinear().domain([0, (opts.yMax ?? Math.max(...series.map(peakOf))) * 1.05]).nice().range([height - M.bottom, M.top]);
  const ticks = timeTicks(0, xMax, Math.max(2, Math.floor((width - M.left - M.right) / 90)));
  const xAxis = svg.append('g').attr('transform', `translate(0,${height - M.bottom})`).call(axisBottom(x).tickValues(ticks).tickFormat((d) => tickLabel(+d)));
  // The last tick's label ends at the plot's edge rather than past the SVG's.
  xAxis.selectAll<SVGTextElement, number>('text').filter((d) => x(d) > width - 30).attr('text-anchor', 'end');
  svg.append('g').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4).tickFormat((d) => formatSI(+d, 'B/s')));
  for (const s of series) {
    const colour = colours.get(s.name) ?? PALETTE[0];
    svg.append('path').attr('class', 'series').attr('data-series', s.name).attr('d', line<number>().x((t) => x(t)).y((_, i) => y(s.rate[i]))(s.t)).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5)
      .append('title').text(`${s.kind} ${s.name}, peak ${formatSI(peakOf(s), 'B/s')}`);
    if (opts.legend) {
      const item = Object.assign(document.createElement('span'), { className: 'legend-item', title: `${s.kind} ${s.name}, peak ${formatSI(peakOf(s), 'B/s')}` });
      const sw = Object.assign(document.createElement('span'), { className: 'swatch' });
      sw.style.background = colour;
      item.append(sw, `${s.kind === 'device' ? '◆ ' : ''}${s.name}`);
      opts.legend.append(item);
    }
  }
  const cursor = svg.append('line').attr('class', 'cursor').attr('y1', M.top).attr('y2', height - M.bottom).attr('stroke', '#111').attr('stroke-width', 1.5);
  return (t) => void cursor.attr('x1', x(t)).attr('x2', x(t));
}

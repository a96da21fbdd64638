/**
 * Throughput over time per link and device, from RunResult.timeseries (the
 * sampler's per-interval means), with the cursor as a vertical line. The
 * busiest series only: a chart of seventy lines shows nothing.
 */
import { axisBottom, axisLeft, line, scaleLinear, schemeTableau10, select } from 'd3';
import type { RunResult } from '../sim/foundation/result.ts';
import { formatSI } from '../reports/format.ts';
import { throughputSeries, type Series } from '../reports/series.ts';
import { clock } from './format.ts';

const peakOf = (s: Series): number => Math.max(0, ...s.rate);

/** The `count` series with the highest peaks; idle ones never. */
export function busiestSeries(result: RunResult, count: number): Series[] {
  return throughputSeries(result).filter((s) => peakOf(s) > 0).sort((a, b) => peakOf(b) - peakOf(a) || a.name.localeCompare(b.name)).slice(0, count);
}

const M = { top: 8, right: 150, bottom: 22, left: 70 };

/** Draws the chart; returns what moves its cursor (drawing the lines once per run, not per frame). */
export function drawChart(svgEl: SVGSVGElement, result: RunResult, height: number, count = 6): (t: number) => void {
  const width = svgEl.clientWidth || 600;
  const series = busiestSeries(result, count);
  const svg = select(svgEl).attr('height', height);
  svg.selectAll('*').remove();
  if (!series.length) {
    svg.append('text').attr('x', 10).attr('y', 20).attr('fill', '#333').text('no link or device carried data');
    return () => {};
  }
  const x = scaleLinear().domain([0, Math.max(result.endTime, 1e-9)]).range([M.left, width - M.right]);
  const y = scaleLinear().domain([0, Math.max(...series.map(peakOf)) * 1.05]).nice().range([height - M.bottom, M.top]);
  svg.append('g').attr('transform', `translate(0,${height - M.bottom})`).call(axisBottom(x).ticks(6).tickFormat((d) => clock(+d).replace(/\.000$/, '')));
  svg.append('g').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4).tickFormat((d) => formatSI(+d, 'B/s')));
  series.forEach((s, i) => {
    const colour = schemeTableau10[i % 10] === '#e15759' ? '#59a14f' : schemeTableau10[i % 10]; // red is for failures
    svg.append('path').attr('class', 'series').attr('data-series', s.name).attr('d', line<number>().x((t) => x(t)).y((_, i) => y(s.rate[i]))(s.t)).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5);
    svg.append('text').attr('x', width - M.right + 8).attr('y', M.top + 10 + i * 14).attr('font-size', 11).attr('fill', '#222')
      .text(`${s.kind === 'device' ? '◆' : '—'} ${s.name.length > 20 ? `${s.name.slice(0, 19)}…` : s.name}`)
      .append('title').text(`${s.kind} ${s.name}, peak ${formatSI(peakOf(s), 'B/s')}`);
    svg.append('rect').attr('x', width - M.right).attr('y', M.top + 3 + i * 14).attr('width', 6).attr('height', 8).attr('fill', colour);
  });
  const cursor = svg.append('line').attr('class', 'cursor').attr('y1', M.top).attr('y2', height - M.bottom).attr('stroke', '#111').attr('stroke-width', 1.5);
  return (t) => void cursor.attr('x1', x(t)).attr('x2', x(t));
}

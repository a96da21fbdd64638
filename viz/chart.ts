/**
 * Throughput over time per link and device, from RunResult.timeseries (the
 * sampler's per-interval means), with the cursor as a vertical line. The
 * busiest series only: a chart of seventy lines shows nothing.
 */
import { axisBottom, axisLeft, line, max, scaleLinear, schemeTableau10, select } from 'd3';
import type { RunResult } from '../sim/scenario/result.ts';
import { clock, rate } from './format.ts';

export interface Series {
  name: string;
  kind: 'link' | 'device';
  points: [number, number][];
  peak: number;
}

export function busiestSeries(result: RunResult, count: number): Series[] {
  const by = new Map<string, Series>();
  for (const p of result.timeseries) {
    const key = `${p.kind}:${p.name}`;
    let s = by.get(key);
    if (!s) by.set(key, (s = { name: p.name, kind: p.kind, points: [], peak: 0 }));
    s.points.push([p.t, p.rate]);
    s.peak = Math.max(s.peak, p.rate);
  }
  return [...by.values()].filter((s) => s.peak > 0).sort((a, b) => b.peak - a.peak || a.name.localeCompare(b.name)).slice(0, count);
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
  const y = scaleLinear().domain([0, max(series, (s) => s.peak)! * 1.05]).nice().range([height - M.bottom, M.top]);
  svg.append('g').attr('transform', `translate(0,${height - M.bottom})`).call(axisBottom(x).ticks(6).tickFormat((d) => clock(+d).replace(/\.000$/, '')));
  svg.append('g').attr('transform', `translate(${M.left},0)`).call(axisLeft(y).ticks(4).tickFormat((d) => rate(+d)));
  const path = line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));
  series.forEach((s, i) => {
    const colour = schemeTableau10[i % 10] === '#e15759' ? '#59a14f' : schemeTableau10[i % 10]; // red is for failures
    svg.append('path').attr('class', 'series').attr('data-series', s.name).attr('d', path(s.points)).attr('fill', 'none').attr('stroke', colour).attr('stroke-width', 1.5);
    svg.append('text').attr('x', width - M.right + 8).attr('y', M.top + 10 + i * 14).attr('font-size', 11).attr('fill', '#222')
      .text(`${s.kind === 'device' ? '◆' : '—'} ${s.name.length > 20 ? `${s.name.slice(0, 19)}…` : s.name}`)
      .append('title').text(`${s.kind} ${s.name}, peak ${rate(s.peak)}`);
    svg.append('rect').attr('x', width - M.right).attr('y', M.top + 3 + i * 14).attr('width', 6).attr('height', 8).attr('fill', colour);
  });
  const cursor = svg.append('line').attr('class', 'cursor').attr('y1', M.top).attr('y2', height - M.bottom).attr('stroke', '#111').attr('stroke-width', 1.5);
  return (t) => void cursor.attr('x1', x(t)).attr('x2', x(t));
}

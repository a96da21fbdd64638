// Draws a size report: every configuration run, cost against margin (the tightest goal's distance from
// its limit). The frontier's points are filled and joined cheapest first; a configuration that met the
// goals is hollow blue, one that missed hollow red; the dashed line is the goals' limit.
'use strict';

(() => {
  const d = backlab.data();
  const el = document.getElementById('frontier-chart');
  if (!el || d.points.length === 0) return;
  const margin = { top: 16, right: 24, bottom: 48, left: 64 };
  const width = Math.max(480, Math.min(1100, Math.floor(el.getBoundingClientRect().width) || 900));
  const height = 340;
  const w = width - margin.left - margin.right, h = height - margin.top - margin.bottom;
  const svg = d3.select(el).append('svg').attr('class', 'frontier').attr('width', width).attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img');
  const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const costs = d.points.map((p) => p.cost), margins = d.points.map((p) => p.margin * 100);
  const pad = (lo, hi) => (hi === lo ? [lo - 1, hi + 1] : [lo - (hi - lo) * 0.05, hi + (hi - lo) * 0.05]);
  const x = d3.scaleLinear().domain(pad(Math.min(...costs), Math.max(...costs))).range([0, w]).nice();
  const y = d3.scaleLinear().domain(pad(Math.min(0, ...margins), Math.max(0, ...margins))).range([h, 0]).nice();
  g.append('g').attr('class', 'grid').call(d3.axisLeft(y).ticks(6).tickSize(-w).tickFormat(''));
  g.append('g').attr('class', 'axis x').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(w / 90))));
  g.append('g').attr('class', 'axis y').call(d3.axisLeft(y).ticks(6));
  g.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + margin.bottom - 10).attr('text-anchor', 'middle').text(`cost (${d.cost})`);
  g.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -h / 2).attr('y', -margin.left + 16)
    .attr('text-anchor', 'middle').text('margin of the tightest goal (%)');
  g.append('line').attr('x1', 0).attr('x2', w).attr('y1', y(0)).attr('y2', y(0)).attr('stroke', '#333').attr('stroke-dasharray', '4 3');
  const front = d.points.filter((p) => p.kind === 'frontier').sort((a, b) => a.cost - b.cost);
  if (front.length > 1) {
    g.append('path').datum(front).attr('fill', 'none').attr('stroke', '#1f77b4').attr('stroke-width', 1.5)
      .attr('d', d3.line().x((p) => x(p.cost)).y((p) => y(p.margin * 100)));
  }
  const colour = (p) => (p.kind === 'failed' ? '#d62728' : '#1f77b4');
  g.selectAll('circle.config').data(d.points).join('circle').attr('class', (p) => `config ${p.kind}`)
    .attr('cx', (p) => x(p.cost)).attr('cy', (p) => y(p.margin * 100)).attr('r', (p) => (p.kind === 'frontier' ? 6 : 4.5))
    .attr('fill', (p) => (p.kind === 'frontier' ? colour(p) : 'none')).attr('stroke', colour).attr('stroke-width', 1.5)
    .append('title').text((p) => p.label);
  backlab.legend(el, [
    { label: 'frontier (minimal, meets every goal)', colour: '#1f77b4', box: true },
    { label: 'meets the goals, not minimal', colour: '#9ecae1', box: true },
    { label: 'misses a goal', colour: '#d62728', box: true },
  ]);
})();

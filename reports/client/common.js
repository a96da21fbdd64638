// Chart helpers shared by every backlab report page. Plain browser JavaScript
// with d3 as a global: the page is a single file with no loader and no network.
'use strict';

const backlab = (() => {
  const data = () => JSON.parse(document.getElementById('report-data').textContent);

  // Durations read best in the largest unit that still leaves a few ticks.
  function timeUnit(maxSeconds) {
    if (maxSeconds < 1) return { div: 1e-3, label: 'ms' };
    if (maxSeconds < 180) return { div: 1, label: 's' };
    if (maxSeconds < 3 * 3600) return { div: 60, label: 'min' };
    return { div: 3600, label: 'h' };
  }

  // Decimal prefixes: link and disk vendors quote MB/s and GB, and so does the rest of the report.
  function siUnit(max, base) {
    const steps = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k']];
    for (const [f, p] of steps) if (max >= f) return { div: f, label: p + base };
    return { div: 1, label: base };
  }

  function unitFor(unit, max) {
    if (unit === 's') return timeUnit(max);
    if (unit === 'B' || unit === 'B/s') return siUnit(max, unit);
    return { div: 1, label: unit || '' };
  }

  const num = (v) => String(+v.toPrecision(4));
  const withUnit = (title, u) => (u.label ? `${title} (${u.label})` : title);

  // Ten distinguishable colours, none of them red: red means failure (status colours, failed checks, the visualizer).
  // Past ten the dash pattern tells lines apart.
  const COLOURS = ['#1f77b4', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#393b79'];
  const DASHES = [null, '7 4', '2 3', '10 3 2 3'];
  const style = (i) => ({ colour: COLOURS[i % COLOURS.length], dash: DASHES[Math.floor(i / COLOURS.length) % DASHES.length] });

  const STATUS_COLOURS = {
    completed: '#2e7d32', done: '#2e7d32', failed: '#c62828', running: '#1565c0', cancelled: '#6d6d6d',
  };
  const statusColour = (s) => STATUS_COLOURS[s] || '#6d6d6d';

  function widthOf(el) {
    const w = Math.floor(el.getBoundingClientRect().width);
    return w > 300 ? w : 1100;
  }

  // The widest of some texts as a chart draws them (class `cls` inside figure.chart), in pixels: margins are measured, not guessed.
  function textWidth(el, texts, cls) {
    const svg = d3.select(el).append('svg').attr('width', 0).attr('height', 0).style('position', 'absolute');
    let w = 0;
    for (const t of texts) w = Math.max(w, svg.append('text').attr('class', cls || '').text(t).node().getComputedTextLength());
    svg.remove();
    return Math.ceil(w);
  }

  function frame(el, height, margin) {
    const width = widthOf(el);
    const svg = d3.select(el).append('svg')
      .attr('width', width).attr('height', height)
      .attr('viewBox', `0 0 ${width} ${height}`)
      .attr('role', 'img');
    const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
    return { svg, g, w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  }

  // An axis title that fits along its axis: the title with its unit, else the unit alone (the chart's heading names the metric).
  function fitted(el, title, u, room) {
    const full = withUnit(title, u);
    return textWidth(el, [full], 'axis-label') <= room - 8 ? full : u.label;
  }

  function axes(g, x, y, w, h, xTitle, yTitle, margin) {
    g.append('g').attr('class', 'grid').call(d3.axisLeft(y).ticks(6).tickSize(-w).tickFormat(''));
    g.append('g').attr('class', 'axis x').attr('transform', `translate(0,${h})`).call(x.bandwidth ? d3.axisBottom(x) : d3.axisBottom(x).ticks(Math.max(2, Math.floor(w / 90))));
    g.append('g').attr('class', 'axis y').call(d3.axisLeft(y).ticks(6));
    g.append('text').attr('class', 'axis-label').attr('x', w / 2).attr('y', h + margin.bottom - 12).attr('text-anchor', 'middle').text(xTitle);
    g.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)')
      .attr('x', -h / 2).attr('y', -margin.left + 16).attr('text-anchor', 'middle').text(yTitle);
  }

  function legend(el, items) {
    const ul = d3.select(el).append('ul').attr('class', 'legend');
    for (const it of items) {
      const li = ul.append('li');
      const sw = li.append('span').attr('class', it.box ? 'swatch box' : it.ring ? 'swatch ring' : 'swatch');
      if (it.box) sw.style('background', it.colour);
      else if (it.ring) sw.style('border-color', it.colour);
      else sw.style('border-top-color', it.colour).style('border-top-style', it.dash ? 'dashed' : 'solid');
      li.append('span').text(it.label);
    }
  }

  // series: [{ label, xs, ys, colour, dash, title }], step functions drawn as steps.
  function lineChart(el, o) {
    const margin = { top: 10, right: 20, bottom: 50, left: 72 };
    const f = frame(el, o.height || 300, margin);
    const xu = o.xUnit, yu = o.yUnit;
    const x = d3.scaleLinear().domain([0, (o.xMax || 1) / xu.div]).range([0, f.w]);
    const yMax = Math.max(d3.max(o.series, (s) => d3.max(s.ys)) || 0, o.yMax || 0);
    const y = d3.scaleLinear().domain([0, (yMax > 0 ? yMax * 1.05 : 1) / yu.div]).nice().range([f.h, 0]);
    axes(f.g, x, y, f.w, f.h, withUnit(o.xTitle, xu), withUnit(o.yTitle, yu), margin);
    const line = d3.line().x((p) => x(p[0] / xu.div)).y((p) => y(p[1] / yu.div));
    if (o.step) line.curve(d3.curveStepAfter);
    // Links in series carry the same load and their lines coincide: each line is drawn a little wider than the
    // ones above it, so a line that another covers still shows as a border around it.
    const n = o.series.length;
    o.series.forEach((s, i) => {
      const width = n === 1 ? 2 : 2 + (2.5 * (n - 1 - i)) / (n - 1);
      const path = f.g.append('path')
        .attr('class', 'series').attr('data-name', s.label)
        .attr('fill', 'none').attr('stroke', s.colour).attr('stroke-width', width)
        .attr('d', line(s.xs.map((v, i) => [v, s.ys[i]])));
      if (s.dash) path.attr('stroke-dasharray', s.dash);
      path.append('title').text(s.title || s.label);
    });
    // Reference lines (a capacity): dashed, in their series' colour, titled with what they stand for.
    for (const r of o.refs || []) {
      if (!(r.y > 0) || r.y / yu.div > y.domain()[1]) continue;
      f.g.append('line').attr('class', 'ref').attr('x1', 0).attr('x2', f.w).attr('y1', y(r.y / yu.div)).attr('y2', y(r.y / yu.div))
        .attr('stroke', r.colour).attr('stroke-width', 1.5).attr('stroke-dasharray', '6 4')
        .append('title').text(r.title);
    }
    legend(el, o.series.map((s) => ({ label: s.label, colour: s.colour, dash: s.dash })));
  }

  // Horizontal bars, one row per item, labels on the left at their measured width (never slanted over each other).
  // items: [{ label, value, text, colour, lo, hi, n, ref: { value, words, text } | null }]: text is the value as the report's
  // formatter words it; a dashed tick at ref (a capacity), an error bar where n > 1.
  function hbarChart(el, o) {
    const rowH = 26;
    const finite = o.items.filter((d) => Number.isFinite(d.value));
    const hi = d3.max(finite, (d) => Math.max(d.value, d.hi ?? d.value, (d.ref && d.ref.value) || 0)) || 0;
    const u = o.u || unitFor(o.unit, hi);
    const fmt = (v) => `${num(v / u.div)}${u.label ? ' ' + u.label : ''}`;
    const width = widthOf(el);
    const labelW = Math.min(Math.floor(width * 0.4), textWidth(el, o.items.map((d) => d.label)) + 10);
    const said = (d) => d.text || (Number.isFinite(d.value) ? fmt(d.value) : 'none');
    const valueW = textWidth(el, o.items.map(said), 'value') + 12;
    const margin = { top: 6, right: valueW, bottom: 42, left: labelW };
    const f = frame(el, margin.top + margin.bottom + rowH * o.items.length, margin);
    const x = d3.scaleLinear().domain([0, (o.xMax || (hi > 0 ? hi : 1)) / u.div]).nice().range([0, f.w]);
    const y = d3.scaleBand().domain(o.items.map((_, i) => i)).range([0, f.h]).padding(0.2);
    f.g.append('g').attr('class', 'grid').attr('transform', `translate(0,${f.h})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(f.w / 80))).tickSize(-f.h).tickFormat(''));
    f.g.append('g').attr('class', 'axis x').attr('transform', `translate(0,${f.h})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(f.w / 80))));
    const maxChars = Math.max(4, Math.floor((labelW - 10) / 7));
    const clip = (s) => (s.length > maxChars ? s.slice(0, maxChars - 1) + '…' : s);
    const yAxis = f.g.append('g').attr('class', 'axis y').call(d3.axisLeft(y).tickFormat((i) => clip(o.items[i].label)).tickSizeOuter(0));
    yAxis.selectAll('.tick text').append('title').text((i) => o.items[i].label);
    f.g.append('text').attr('class', 'axis-label').attr('x', f.w / 2).attr('y', f.h + 36).attr('text-anchor', 'middle').text(withUnit(o.xTitle || '', u));
    const rows = f.g.selectAll('g.row').data(o.items).join('g').attr('class', 'row').attr('transform', (_, i) => `translate(0,${y(i)})`);
    rows.filter((d) => Number.isFinite(d.value)).append('rect').attr('class', 'bar').attr('data-label', (d) => d.label)
      .attr('x', 0).attr('width', (d) => Math.max(1, x(d.value / u.div))).attr('height', y.bandwidth()).attr('fill', (d) => d.colour || '#4e79a7')
      .append('title').text((d) => (d.n > 1 ? `${d.label}: mean ${fmt(d.value)}, 95% CI ${fmt(d.lo)} to ${fmt(d.hi)} (n = ${d.n})` : `${d.label}: ${fmt(d.value)}`));
    rows.filter((d) => d.n > 1 && d.hi > d.lo).append('line').attr('class', 'errorbar').attr('stroke', '#111').attr('stroke-width', 1.6)
      .attr('x1', (d) => x(d.lo / u.div)).attr('x2', (d) => x(d.hi / u.div)).attr('y1', y.bandwidth() / 2).attr('y2', y.bandwidth() / 2);
    rows.filter((d) => d.ref && d.ref.value > 0).append('line').attr('class', 'ref').attr('stroke', '#111').attr('stroke-width', 2).attr('stroke-dasharray', '3 2')
      .attr('x1', (d) => x(d.ref.value / u.div)).attr('x2', (d) => x(d.ref.value / u.div)).attr('y1', -3).attr('y2', y.bandwidth() + 3)
      .append('title').text((d) => `capacity of ${d.ref.words}: ${d.ref.text || fmt(d.ref.value)}`);
    // The value after the bar, or after its capacity tick when that is further right.
    const end = (d) => Math.max(Number.isFinite(d.value) ? x(d.value / u.div) : 0, d.ref && d.ref.value > 0 ? x(d.ref.value / u.div) : 0);
    rows.append('text').attr('class', 'value').attr('x', (d) => end(d) + 5)
      .attr('y', y.bandwidth() / 2).attr('dy', '0.35em').text(said);
  }

  // bars: [{ name, status, start, end (null = still running), detail }]
  function gantt(el, o) {
    const rowH = 22;
    const longest = d3.max(o.bars, (b) => b.name.length) || 4;
    const margin = { top: 6, right: 20, bottom: 50, left: Math.min(260, 16 + longest * 7.5) };
    const f = frame(el, margin.top + margin.bottom + rowH * o.bars.length, margin);
    const xu = timeUnit(o.xMax);
    const x = d3.scaleLinear().domain([0, (o.xMax || 1) / xu.div]).range([0, f.w]);
    const y = d3.scaleBand().domain(o.bars.map((_, i) => i)).range([0, f.h]).paddingInner(0.2);
    f.g.append('g').attr('class', 'grid').attr('transform', `translate(0,${f.h})`)
      .call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(f.w / 90))).tickSize(-f.h).tickFormat(''));
    f.g.append('g').attr('class', 'axis x').attr('transform', `translate(0,${f.h})`).call(d3.axisBottom(x).ticks(Math.max(2, Math.floor(f.w / 90))));
    const maxChars = Math.floor((margin.left - 14) / 7.5);
    const clip = (s) => (s.length > maxChars ? s.slice(0, maxChars - 1) + '…' : s);
    f.g.append('g').attr('class', 'axis y')
      .call(d3.axisLeft(y).tickFormat((i) => clip(o.bars[i].name)).tickSizeOuter(0));
    f.g.append('text').attr('class', 'axis-label').attr('x', f.w / 2).attr('y', f.h + 38).attr('text-anchor', 'middle').text(`time (${xu.label})`);
    const fmt = (s) => `${num(s / xu.div)} ${xu.label}`;
    f.g.selectAll('rect.bar').data(o.bars).join('rect')
      .attr('class', 'bar').attr('data-status', (b) => b.status)
      .attr('x', (b) => x(b.start / xu.div))
      // A zero-length job still gets a visible sliver.
      .attr('width', (b) => Math.max(2, x(((b.end === null ? o.xMax : b.end) - b.start) / xu.div)))
      .attr('y', (_, i) => y(i)).attr('height', y.bandwidth())
      .attr('fill', (b) => statusColour(b.status))
      .append('title').text((b) => `${b.name} (${b.status}): ${fmt(b.start)} to ${b.end === null ? 'end of run' : fmt(b.end)}; ${b.detail}`);
    const statuses = [...new Set(o.bars.map((b) => b.status))];
    legend(el, statuses.map((s) => ({ label: s, colour: statusColour(s), box: true })));
  }

  // points: [{ x, mean, lo, hi, series }] against a numeric setting: one line with its 95% band per series, a legend when
  // there are several. scale 'log2' spaces 1, 2, 4 ... evenly. ceilings: [{ series, x, y, words }], the capacity of what
  // held each point, dashed in the series' colour; changes: [{ series, x, y, words }], ringed where the bottleneck moves on.
  function bandChart(el, o) {
    const margin = { top: 12, right: 24, bottom: 50, left: 72 };
    const f = frame(el, o.height || 280, margin);
    const pts = o.points.filter((d) => Number.isFinite(d.mean)).sort((a, b) => a.x - b.x);
    const ceilings = o.ceilings || [], changes = o.changes || [];
    const hi = Math.max(d3.max(pts, (d) => d.hi) || 0, d3.max(ceilings, (c) => c.y) || 0), lo = d3.min(pts, (d) => d.lo) || 0;
    const u = unitFor(o.unit, Math.max(Math.abs(hi), Math.abs(lo)));
    const xs = [...new Set(pts.map((d) => d.x))].sort((a, b) => a - b);
    const log = o.scale === 'log2' && xs.length > 0 && xs[0] > 0;
    const x = (log ? d3.scaleLog().base(2) : d3.scaleLinear()).domain(d3.extent(xs)).range([0, f.w]);
    if (!log) x.nice();
    const y = d3.scaleLinear().domain([Math.min(0, lo) / u.div, (hi > 0 ? hi * 1.08 : 1) / u.div]).nice().range([f.h, 0]);
    // The swept values themselves are the ticks when there are few: 1, 2, 4 ... 64, never 0, 10, 20 crowding them.
    const xAxis = d3.axisBottom(x);
    if (xs.length <= Math.max(2, Math.floor(f.w / 40))) xAxis.tickValues(xs).tickFormat((v) => String(v));
    else xAxis.ticks(Math.max(2, Math.floor(f.w / 90)), log ? '~s' : undefined);
    f.g.append('g').attr('class', 'grid').call(d3.axisLeft(y).ticks(6).tickSize(-f.w).tickFormat(''));
    f.g.append('g').attr('class', 'axis x').attr('transform', `translate(0,${f.h})`).call(xAxis);
    f.g.append('g').attr('class', 'axis y').call(d3.axisLeft(y).ticks(6));
    f.g.append('text').attr('class', 'axis-label').attr('x', f.w / 2).attr('y', f.h + margin.bottom - 12).attr('text-anchor', 'middle').text(o.xTitle + (log ? ' (log scale)' : ''));
    f.g.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -f.h / 2).attr('y', -margin.left + 16).attr('text-anchor', 'middle').text(fitted(el, o.yTitle, u, f.h));
    const names = [...new Set(o.points.map((d) => d.series || ''))];
    const fmt = (v) => `${num(v / u.div)} ${u.label}`;
    names.forEach((name, i) => {
      const s = style(i);
      const mine = pts.filter((d) => (d.series || '') === name);
      const cap = ceilings.filter((c) => (c.series || '') === name).sort((a, b) => a.x - b.x);
      if (cap.length > 0) {
        f.g.append('path').attr('class', 'ceiling').attr('fill', 'none').attr('stroke', s.colour).attr('stroke-width', 1.5).attr('stroke-dasharray', '6 4')
          .attr('d', d3.line().x((d) => x(d.x)).y((d) => y(d.y / u.div))(cap))
          .append('title').text(`${name ? `${name}: ` : ''}capacity of what holds it`);
        f.g.selectAll(`circle.cap-${i}`).data(cap).join('circle').attr('class', `cap cap-${i}`).attr('r', 2.5).attr('fill', s.colour)
          .attr('cx', (d) => x(d.x)).attr('cy', (d) => y(d.y / u.div))
          .append('title').text((d) => `${name ? `${name}, ` : ''}${d.x}: ${d.words}, ${fmt(d.y)}`);
      }
      f.g.append('path').attr('class', 'band').attr('fill', s.colour).attr('fill-opacity', 0.2)
        .attr('d', d3.area().x((d) => x(d.x)).y0((d) => y(d.lo / u.div)).y1((d) => y(d.hi / u.div))(mine));
      f.g.append('path').attr('class', 'mean-line').attr('data-series', name).attr('fill', 'none').attr('stroke', s.colour).attr('stroke-width', 2.5)
        .attr('stroke-dasharray', s.dash || null)
        .attr('d', d3.line().x((d) => x(d.x)).y((d) => y(d.mean / u.div))(mine));
      f.g.selectAll(`circle.point-${i}`).data(mine).join('circle').attr('class', `point point-${i}`)
        .attr('cx', (d) => x(d.x)).attr('cy', (d) => y(d.mean / u.div)).attr('r', 3.5).attr('fill', s.colour)
        .append('title').text((d) => `${name ? `${name}, ` : ''}${d.x}: ${fmt(d.mean)}`);
      f.g.selectAll(`circle.change-${i}`).data(changes.filter((c) => (c.series || '') === name)).join('circle').attr('class', `change change-${i}`)
        .attr('cx', (d) => x(d.x)).attr('cy', (d) => y(d.y / u.div)).attr('r', 8).attr('fill', 'none').attr('stroke', '#111').attr('stroke-width', 1.8)
        .append('title').text((d) => `${name ? `${name}: ` : ''}bottleneck ${d.words}`);
    });
    const items = names.length > 1 ? names.map((name, i) => ({ label: name, ...style(i) })) : [];
    if (ceilings.length > 0) items.push({ label: 'capacity of what holds it', colour: '#454545', dash: '6 4' });
    if (changes.length > 0) items.push({ label: 'the bottleneck changes', colour: '#111', ring: true });
    if (items.length > 0) legend(el, items);
  }

  return { data, timeUnit, siUnit, unitFor, style, legend, textWidth, lineChart, hbarChart, gantt, bandChart };
})();

// Draws the charts of year.html: a run's days and nights against the calendar.
'use strict';

(() => {
  const d = backlab.data();
  const DAY_MS = 86400e3;
  const margin = { top: 12, right: 24, bottom: 50, left: 76 };
  const FAIL = '#c62828', MET = '#2e7d32', OPEN = '#1565c0';
  const VERDICT = { met: MET, missed: FAIL, failed: FAIL, open: OPEN, completed: MET, running: OPEN };
  const LEVEL = { full: '#1f77b4', 'synthetic-full': '#9467bd', differential: '#ff7f0e', incremental: '#2ca02c' };
  const MEASURE_DASH = { stored: null, logical: '7 4', capacity: '2 3', garbage: '10 3 2 3', 'cartridges-used': null, 'cartridges-scratch': '7 4', 'slots-free': '2 3' };
  const num = (v) => String(+v.toPrecision(4));

  // Day n of the run as a calendar instant (its midnight), or as the number n without a calendar.
  const at = (day) => (d.first === null ? day : new Date((d.first + day) * DAY_MS));

  function frame(el, height) {
    const width = Math.max(320, Math.floor(el.getBoundingClientRect().width) || 1100);
    const svg = d3.select(el).append('svg').attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`).attr('role', 'img');
    const g = svg.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
    return { g, w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
  }

  // The days [lo, hi] on x: dates on a calendar, day numbers without one.
  function xScale(lo, hi, w) {
    return (d.first === null ? d3.scaleLinear() : d3.scaleUtc()).domain([at(lo), at(hi + 1)]).range([0, w]);
  }

  // Whole days on x: a run of a few days ticks its days (Jan 05), a long one its months and years.
  function xAxis(x, w) {
    const most = Math.max(2, Math.floor(w / 100));
    const [lo, hi] = x.domain();
    const days = d.first === null ? hi - lo : Math.round((hi - lo) / DAY_MS);
    const every = Math.max(1, Math.ceil(days / most));
    if (d.first === null) return d3.axisBottom(x).ticks(Math.min(most, days)).tickFormat(d3.format('d'));
    if (days <= most * 20) return d3.axisBottom(x).ticks(d3.utcDay.every(every)).tickFormat(d3.utcFormat('%b %d'));
    return d3.axisBottom(x).ticks(most);
  }

  function axes(f, x, y, yTitle) {
    f.g.append('g').attr('class', 'grid').call(d3.axisLeft(y).ticks(6).tickSize(-f.w).tickFormat(''));
    f.g.append('g').attr('class', 'axis x').attr('transform', `translate(0,${f.h})`).call(xAxis(x, f.w));
    f.g.append('g').attr('class', 'axis y').call(d3.axisLeft(y).ticks(6));
    f.g.append('text').attr('class', 'axis-label').attr('x', f.w / 2).attr('y', f.h + margin.bottom - 10).attr('text-anchor', 'middle').text(d.first === null ? 'day' : 'date');
    f.g.append('text').attr('class', 'axis-label').attr('transform', 'rotate(-90)').attr('x', -f.h / 2).attr('y', -margin.left + 16).attr('text-anchor', 'middle').text(yTitle);
  }

  const withUnit = (title, u) => (u.label ? `${title} (${u.label})` : title);

  // One line per figure: each day at its value at the day's end, drawn as steps.
  function dayLines(el, figures, yTitle, styleOf) {
    const lo = d3.min(figures, (s) => s.day[0]), hi = d3.max(figures, (s) => s.day[s.day.length - 1]);
    const max = d3.max(figures, (s) => d3.max(s.value)) || 0;
    const u = backlab.unitFor(figures[0].unit, max);
    const f = frame(el, 300);
    const x = xScale(lo, hi, f.w);
    const y = d3.scaleLinear().domain([0, (max > 0 ? max * 1.05 : 1) / u.div]).nice().range([f.h, 0]);
    axes(f, x, y, withUnit(yTitle, u));
    const line = d3.line().curve(d3.curveStepAfter).x((p) => x(at(p[0]))).y((p) => y(p[1] / u.div));
    const items = figures.map((s, i) => {
      const st = styleOf(s, i);
      const last = s.day.length - 1;
      const path = f.g.append('path').attr('class', 'series').attr('data-name', `${s.subject} ${s.measure}`)
        .attr('fill', 'none').attr('stroke', st.colour).attr('stroke-width', 2)
        .attr('d', line(s.day.map((day, k) => [day, s.value[k]]).concat([[s.day[last] + 1, s.value[last]]])));
      if (st.dash) path.attr('stroke-dasharray', st.dash);
      path.append('title').text(`${s.subject} ${s.measure}: ${num(s.value[s.value.length - 1] / u.div)} ${u.label} at the end`);
      return { label: `${s.subject} ${s.measure}`, colour: st.colour, dash: st.dash };
    });
    backlab.legend(el, items);
  }

  // One bar per night: `height` of each (a pixel at least, so a short night still shows its colour), coloured by
  // `colour`, with an optional tick (`mark`) over it and an optional line through the nights (`line`).
  function nightBars(el, nights, o) {
    const lo = d3.min(nights, (n) => n.day), hi = d3.max(nights, (n) => n.day);
    const max = d3.max(nights, (n) => Math.max(o.height(n), o.mark ? o.mark(n) || 0 : 0, o.line ? o.line(n) || 0 : 0)) || 0;
    const u = backlab.unitFor(o.unit, max);
    const f = frame(el, 300);
    const x = xScale(lo, hi, f.w);
    const y = d3.scaleLinear().domain([0, (max > 0 ? max * 1.05 : 1) / u.div]).nice().range([f.h, 0]);
    axes(f, x, y, withUnit(o.yTitle, u));
    const width = Math.max(1, x(at(lo + 1)) - x(at(lo)) - 1);
    f.g.selectAll('rect.bar').data(nights).join('rect').attr('class', 'bar').attr('data-verdict', (n) => n.verdict)
      .attr('x', (n) => x(at(n.day))).attr('width', width)
      .attr('y', (n) => Math.min(f.h - 1, y(o.height(n) / u.div))).attr('height', (n) => Math.max(1, f.h - y(o.height(n) / u.div)))
      .attr('fill', o.colour)
      .append('title').text((n) => `${n.date} ${o.label(n)}: ${num(o.height(n) / u.div)} ${u.label}`);
    if (o.mark) {
      f.g.selectAll('line.mark').data(nights.filter((n) => o.mark(n) !== null)).join('line').attr('class', 'mark')
        .attr('x1', (n) => x(at(n.day))).attr('x2', (n) => x(at(n.day)) + width)
        .attr('y1', (n) => y(o.mark(n) / u.div)).attr('y2', (n) => y(o.mark(n) / u.div))
        .attr('stroke', '#111').attr('stroke-width', 1.5);
    }
    if (o.line) {
      const last = nights[nights.length - 1];
      f.g.append('path').attr('class', 'series').attr('fill', 'none').attr('stroke', '#111').attr('stroke-width', 1.5)
        .attr('d', d3.line().curve(d3.curveStepAfter).x((p) => x(at(p[0]))).y((p) => y(p[1] / u.div))(
          nights.map((n) => [n.day, o.line(n)]).concat([[last.day + 1, o.line(last)]])));
    }
    backlab.legend(el, o.legend);
  }

  const stores = d.series.filter((s) => ['stored', 'logical', 'capacity', 'garbage'].includes(s.measure));
  const subjects = [...new Set(d.series.map((s) => s.subject))];
  const bySubject = (s) => ({ colour: backlab.style(subjects.indexOf(s.subject)).colour, dash: MEASURE_DASH[s.measure] || null });
  const el = (id) => document.getElementById(id);
  if (el('year-stores') && stores.length > 0) dayLines(el('year-stores'), stores, 'bytes', bySubject);
  const carts = d.series.filter((s) => ['cartridges-used', 'cartridges-scratch', 'slots-free'].includes(s.measure));
  if (el('year-cartridges') && carts.length > 0) dayLines(el('year-cartridges'), carts, 'cartridges', bySubject);
  const lag = d.series.filter((s) => s.measure === 'replica-lag');
  if (el('year-lag') && lag.length > 0) dayLines(el('year-lag'), lag, 'peak replication lag', (s, i) => backlab.style(i));

  // Nights come one a day, each the total of its jobs (reports/year-totals.ts).
  const label = (n) => (n.jobs === 1 ? n.longestJob : `${n.jobs} jobs, ${n.bad} missed or failed, longest ${n.longestJob}`);
  if (el('year-windows')) {
    nightBars(el('year-windows'), d.nights, {
      unit: 's', yTitle: 'backup ran', height: (n) => n.longest, mark: (n) => n.window, colour: (n) => VERDICT[n.verdict] || '#6d6d6d', label,
      legend: [{ label: 'met', colour: MET, box: true }, { label: 'missed or failed', colour: FAIL, box: true }, { label: 'open at the end', colour: OPEN, box: true }],
    });
  }
  if (el('year-data')) {
    const levels = [...new Set(d.nights.map((n) => n.level))];
    nightBars(el('year-data'), d.nights, {
      unit: 'B', yTitle: 'bytes', height: (n) => n.data, mark: null, line: (n) => n.size, colour: (n) => LEVEL[n.level] || '#7f7f7f', label,
      legend: [...levels.map((l) => ({ label: `${l} backed up`, colour: LEVEL[l] || '#7f7f7f', box: true })), { label: 'data size', colour: '#111' }],
    });
  }
})();

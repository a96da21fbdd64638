// Draws the charts of a run report from the data embedded in the page.
'use strict';

(() => {
  const d = backlab.data();

  for (const kind of ['link', 'device']) {
    const el = document.getElementById(`throughput-${kind}`);
    if (!el) continue;
    const series = d.series.filter((s) => s.kind === kind).map((s, i) => {
      // Each sample is the mean over [t, t + interval): close the last step so it is drawn too.
      // The time axis is embedded once, shared by every series.
      const last = d.t.length - 1;
      const end = Math.min(d.endTime, d.t[last] + d.interval);
      const xs = end > d.t[last] ? d.t.concat([end]) : d.t;
      // Rates are embedded as short integers of the series' scale (reports/series.ts, chartSeries).
      const rate = s.rate.map((v) => v * s.scale);
      const ys = end > d.t[last] ? rate.concat([rate[last]]) : rate;
      return { label: s.name, xs, ys, title: `${kind} ${s.name}`, ...backlab.style(i) };
    });
    const xMax = Math.max(d.endTime, d3.max(series, (s) => s.xs[s.xs.length - 1]) || 0);
    const yMax = d3.max(series, (s) => d3.max(s.ys)) || 0;
    backlab.lineChart(el, {
      series, step: true, xMax, xTitle: 'time', yTitle: 'throughput',
      xUnit: backlab.timeUnit(xMax), yUnit: backlab.siUnit(yMax, 'B/s'),
    });
  }

  const g = document.getElementById('gantt');
  if (g) {
    const xMax = Math.max(d.endTime, d3.max(d.gantt.bars, (b) => b.end) || 0);
    backlab.gantt(g, { bars: d.gantt.bars, xMax });
  }
})();

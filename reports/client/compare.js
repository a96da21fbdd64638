// Draws a comparison report: the headline metrics as one bar per design against the capacity of what held it,
// each design's throughput over time on one shared chart, then one bar chart per metric. A design keeps its colour.
'use strict';

(() => {
  const d = backlab.data();
  const colour = (i) => backlab.style(i).colour;
  for (const el of document.querySelectorAll('.variant-legend')) {
    backlab.legend(el, d.variants.map((v, i) => ({ label: v, colour: colour(i), box: true })));
  }
  const items = (m) => d.variants.map((v, j) => {
    const x = m.values[j] === null ? NaN : m.values[j];
    return { label: v, value: x, text: m.texts[j], lo: x, hi: x, n: Number.isFinite(x) ? 1 : 0, colour: colour(j), ref: m.refs[j] };
  });
  d.headline.forEach((m, i) => backlab.hbarChart(document.getElementById(`headline-${i}`), { items: items(m), unit: m.unit, xTitle: m.name }));
  d.metrics.forEach((m, i) => backlab.hbarChart(document.getElementById(`bars-${i}`), { items: items(m), unit: m.unit, xTitle: m.name }));

  const el = document.getElementById('throughput-time');
  const n = d.time.rates[0] ? d.time.rates[0].length : 0;
  if (el && n > 0 && d.time.span > 0) {
    const w = d.time.span / n;
    const xs = Array.from({ length: n + 1 }, (_, i) => i * w);
    const series = d.variants.map((v, j) => ({ label: v, xs, ys: d.time.rates[j].concat([d.time.rates[j][n - 1]]), colour: colour(j), title: v }));
    const refs = d.variants.flatMap((v, j) => (d.time.refs[j] ? [{ y: d.time.refs[j].value, colour: colour(j), title: `${v}: capacity of ${d.time.refs[j].words}, ${d.time.refs[j].text}` }] : []));
    const yMax = Math.max(d3.max(series, (s) => d3.max(s.ys)) || 0, d3.max(refs, (r) => r.y) || 0);
    backlab.lineChart(el, {
      series, refs, step: true, xMax: d.time.span, xTitle: 'time', yTitle: 'throughput', yMax,
      xUnit: backlab.timeUnit(d.time.span), yUnit: backlab.siUnit(yMax, 'B/s'),
    });
  }
})();

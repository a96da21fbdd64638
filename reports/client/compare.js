// Draws a comparison report: per metric, one bar per variant, coloured by variant.
'use strict';

(() => {
  const d = backlab.data();
  const colour = (i) => backlab.style(i).colour;
  backlab.legend(document.getElementById('variant-legend'), d.variants.map((v, i) => ({ label: v, colour: colour(i), box: true })));
  d.metrics.forEach((m, i) => {
    const el = document.getElementById(`bars-${i}`);
    const items = d.variants.map((v, j) => {
      const x = m.values[j] === null ? NaN : m.values[j];
      return { label: v, mean: x, lo: x, hi: x, n: Number.isFinite(x) ? 1 : 0, colour: colour(j) };
    });
    backlab.barChart(el, { items, unit: m.unit, yTitle: m.name, xTitle: '', valueLabels: true });
  });
})();

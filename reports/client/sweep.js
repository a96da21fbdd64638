// Draws a sweep report: the headline metrics first, then one chart per metric. Against a numeric setting, a line per
// design with its 95% band, the capacity of what held it and where its bottleneck changes; else one bar per setting.
'use strict';

(() => {
  const d = backlab.data();
  const draw = (m, el) => {
    if (!el) return;
    if (m.line) {
      backlab.bandChart(el, { points: m.line.points, ceilings: m.line.ceilings, changes: m.line.changes, unit: m.unit, yTitle: m.name, xTitle: d.axis, scale: d.scale });
    } else {
      const items = m.items.map((it) => ({ label: it.label, value: it.mean === null ? NaN : it.mean, text: it.text, lo: it.lo, hi: it.hi, n: it.n, colour: backlab.style(0).colour }));
      backlab.hbarChart(el, { items, unit: m.unit, xTitle: m.name });
    }
  };
  d.headline.forEach((m, i) => draw(m, document.getElementById(`headline-${i}`)));
  d.metrics.forEach((m, i) => draw(m, document.getElementById(`chart-${i}`)));
})();

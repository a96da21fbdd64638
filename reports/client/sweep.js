// Draws a sweep report: per metric, the mean of each setting with its 95% interval.
'use strict';

(() => {
  const d = backlab.data();
  d.metrics.forEach((m, i) => {
    const bars = document.getElementById(`bars-${i}`);
    if (bars) {
      backlab.barChart(bars, {
        items: m.items.map((it) => ({ ...it, mean: it.mean === null ? NaN : it.mean })),
        unit: m.unit, yTitle: m.name, xTitle: d.barAxis,
      });
    }
    const band = document.getElementById(`band-${i}`);
    if (band && m.points) {
      backlab.bandChart(band, { points: m.points, unit: m.unit, yTitle: m.name, xTitle: d.axis });
    }
  });
})();

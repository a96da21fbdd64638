import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chartSeries, DISPLAY_POINTS, DISPLAY_SERIES, displaySeries, throughputSeries } from '../reports/series.ts';
import { writeRunReport } from '../reports/write.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { bigRun, runFixture } from './support/fixtures.ts';

const offline = suite('series for display');

offline('a run sampled at about 500 points is drawn as sampled', () => {
  const r = runFixture();
  const shown = displaySeries(r);
  assert.equal(shown, { t: r.timeseries.t, series: throughputSeries(r).map(({ kind, name, rate }) => ({ kind, name, rate })), interval: r.interval, total: { link: 2, device: 1 } });
  assert.equal(throughputSeries(r).map((s) => [s.name, s.t.length, s.rate.length]), [['lan', 20, 20], ['san, fabric A', 20, 20], ['tape0', 20, 20]]);
});

offline('a long series is merged into at most DISPLAY_POINTS points that keep its bytes', () => {
  // One link, 1,234 samples of 2 s, the run ending 0.5 s into the last one.
  const n = 1234;
  const rates = Array.from({ length: n }, (_, i) => (i * 37) % 101);
  const timeseries = { t: rates.map((_, i) => 2 * i), series: [{ kind: 'link' as const, name: 'wan', bandwidth: 100, rate: rates }] };
  const r = runFixture({ interval: 2, endTime: 2 * (n - 1) + 0.5, timeseries });
  const { t, series: [shown], interval } = displaySeries(r);
  const s = { t, rate: shown.rate };
  const k = Math.ceil(n / DISPLAY_POINTS);
  assert.is(k, 3);
  assert.is(interval, 6);
  assert.is(s.t.length, Math.ceil(n / k));
  assert.ok(s.t.length <= DISPLAY_POINTS);
  assert.equal(s.t.slice(0, 3), [0, 6, 12]);
  // The first merged point is the plain mean of three whole intervals; the last holds one interval cut to 0.5 s.
  assert.ok(Math.abs(s.rate[0] - (rates[0] + rates[1] + rates[2]) / 3) < 1e-9);
  assert.is(s.rate[s.rate.length - 1], rates[n - 1]);
  const bytes = (ts: number[], rs: number[], end: number) => rs.reduce((sum, v, i) => sum + v * ((i + 1 < ts.length ? ts[i + 1] : end) - ts[i]), 0);
  const before = bytes(timeseries.t, rates, r.endTime);
  assert.ok(Math.abs(bytes(s.t, s.rate, r.endTime) - before) < 1e-6 * before, 'same bytes before and after');
});

offline('a run with many links charts the busiest DISPLAY_SERIES of each kind, in first-seen order', () => {
  const r = bigRun(1000, 1, 300);
  const load = new Map<string, number>();
  for (const s of r.timeseries.series) load.set(s.name, s.rate.reduce((a, b) => a + b, 0));
  const shown = displaySeries(r);
  assert.equal(shown.total, { link: 270, device: 30 });
  for (const kind of ['link', 'device'] as const) {
    const all = r.timeseries.series.filter((s) => s.kind === kind).map((s) => s.name);
    const busiest = new Set([...all].sort((a, b) => load.get(b)! - load.get(a)!).slice(0, DISPLAY_SERIES));
    assert.equal(shown.series.filter((s) => s.kind === kind).map((s) => s.name), all.filter((n) => busiest.has(n)));
  }
  assert.ok(shown.t.length <= DISPLAY_POINTS);
  for (const s of shown.series) assert.is(s.rate.length, shown.t.length);
});

offline('a page embeds each series as short integers of a power of ten, to a two-thousandth of its peak', () => {
  const s = chartSeries({ kind: 'link', name: 'lan', rate: [269989370.28, 0, 1234.5, 12345678.9] });
  assert.equal(s, { kind: 'link', name: 'lan', scale: 1e5, rate: [2700, 0, 0, 123] });
  const peak = 269989370.28;
  for (const [i, r] of [269989370.28, 0, 1234.5, 12345678.9].entries()) assert.ok(Math.abs(s.rate[i] * s.scale - r) <= Math.min(s.scale / 2, peak / 2000), `rate ${i}`);
  assert.equal(chartSeries({ kind: 'device', name: 'd', rate: [0.5, 0.25, 0] }), { kind: 'device', name: 'd', scale: 1e-4, rate: [5000, 2500, 0] });
  assert.equal(chartSeries({ kind: 'device', name: 'idle', rate: [0, 0] }), { kind: 'device', name: 'idle', scale: 1, rate: [0, 0] });
});

offline.run();

const browser = suite('a big run\'s page in Chromium');
browserTest(browser, 'the page of a run with 300 links draws the busiest 50 links and 30 devices, and says so', 'series browser test', async () => {
  const root = mkdtempSync(join(tmpdir(), 'backlab-series-'));
  try {
    writeRunReport(bigRun(1000, 1, 300), join(root, 'big'));
    await withBrowser(async (ctx) => {
      const { page, problems } = await openPage(ctx, pathToFileURL(join(root, 'big', 'report.html')).href);
      assert.equal(problems, []);
      assert.is(await page.locator('#throughput-link svg path.series').count(), DISPLAY_SERIES);
      assert.is(await page.locator('#throughput-device svg path.series').count(), 30);
      assert.match((await page.textContent('#throughput'))!, /The busiest 50 of 270 links; all are in timeseries\.csv\./);
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
browser.run();

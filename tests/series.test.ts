import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SamplePoint } from '../sim/foundation/result.ts';
import { DISPLAY_POINTS, DISPLAY_SERIES, displaySeries, throughputSeries } from '../reports/series.ts';
import { writeRunReport } from '../reports/write.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { bigRun, runFixture } from './support/fixtures.ts';

const offline = suite('series for display');

offline('a run sampled at about 500 points is drawn as sampled', () => {
  const r = runFixture();
  assert.equal(displaySeries(r), { series: throughputSeries(r), interval: r.interval, total: { link: 2, device: 1 } });
});

offline('a long series is merged into at most DISPLAY_POINTS points that keep its bytes', () => {
  // One link, 1,234 samples of 2 s, the run ending 0.5 s into the last one.
  const n = 1234;
  const rates = Array.from({ length: n }, (_, i) => (i * 37) % 101);
  const timeseries: SamplePoint[] = rates.map((rate, i) => ({ t: 2 * i, kind: 'link', name: 'wan', rate, utilisation: rate / 100 }));
  const r = runFixture({ interval: 2, endTime: 2 * (n - 1) + 0.5, timeseries });
  const { series: [s], interval } = displaySeries(r);
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
  const before = bytes(timeseries.map((p) => p.t), rates, r.endTime);
  assert.ok(Math.abs(bytes(s.t, s.rate, r.endTime) - before) < 1e-6 * before, 'same bytes before and after');
});

offline('a run with many links charts the busiest DISPLAY_SERIES of each kind, in first-seen order', () => {
  const r = bigRun(300_000, 1, 300);
  const load = new Map<string, number>();
  for (const p of r.timeseries) load.set(p.name, (load.get(p.name) ?? 0) + p.rate);
  const shown = displaySeries(r);
  assert.equal(shown.total, { link: 270, device: 30 });
  for (const kind of ['link', 'device'] as const) {
    const all = [...new Set(r.timeseries.filter((p) => p.kind === kind).map((p) => p.name))];
    const busiest = new Set([...all].sort((a, b) => load.get(b)! - load.get(a)!).slice(0, DISPLAY_SERIES));
    assert.equal(shown.series.filter((s) => s.kind === kind).map((s) => s.name), all.filter((n) => busiest.has(n)));
  }
  for (const s of shown.series) assert.ok(s.t.length <= DISPLAY_POINTS);
});

offline.run();

const browser = suite('a big run\'s page in Chromium');
browserTest(browser, 'the page of a run with 300 links draws the busiest 50 links and 30 devices, and says so', 'series browser test', async () => {
  const root = mkdtempSync(join(tmpdir(), 'backlab-series-'));
  try {
    writeRunReport(bigRun(300_000, 1, 300), join(root, 'big'));
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

import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { writeRunReport } from '../reports/write.ts';
import { renderYearReport } from '../reports/year-html.ts';
import { yearOf } from '../reports/year.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { YEAR_SCENARIO, yearFixture } from './support/year-fixture.ts';

const offline = suite('year.html without a browser');

offline('year.html is linked from report.html and has a chart for each figure the run holds, each with its CSV beside it', () => {
  const root = mkdtempSync(join(tmpdir(), 'backlab-year-html-'));
  try {
    writeRunReport(yearFixture(), join(root, 'r'));
    assert.match(readFileSync(join(root, 'r', 'report.html'), 'utf8'), /<a href="year.html">/);
    const year = readFileSync(join(root, 'r', 'year.html'), 'utf8');
    for (const id of ['stores', 'cartridges', 'windows', 'lag', 'data']) {
      const section = year.slice(year.indexOf(`<section id="${id}">`), year.indexOf('</section>', year.indexOf(`<section id="${id}">`)));
      assert.ok(section.includes(`id="year-${id}"`), id);
      assert.match(section, /<a href="(days|nights)\.csv">/, `${id} links its CSV`);
    }
    assert.not.ok(year.includes('<b>fixture</b>'), 'the name is escaped');
    // The stores' table in the report's units; the missed night listed with how much it missed by.
    assert.ok(year.includes('<td class="num">405 GB</td>') && year.includes('<td class="num">2.00 TB</td>'), 'stores table');
    assert.ok(year.includes('missed by 1 h 0 min'), 'missed night');
    assert.ok(year.includes('1 of 2 nights missed their window or failed'));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

offline('a chart draws the 8 stores with the highest peak, says so, and embeds a figure a day and a bar a night, not a reading or a job', () => {
  const H = 3600;
  // 12 pools, pool k filling to k TB over three days, read every hour; 5 clients a night.
  const ledger = Array.from({ length: 72 }, (_, h) => Array.from({ length: 12 }, (_, k) => ({ at: h * H, subject: `pool${k}`, measure: 'stored', value: ((k + 1) * 1e12 * (h + 1)) / 72 }))).flat();
  const base = yearFixture();
  const jobs = [0, 1, 2].flatMap((day) => ['a', 'b', 'c', 'd', 'e'].map((c) => ({ ...base.jobs[0], name: `${c}@2026-01-0${day + 1}`, start: day * 86400 + 22 * H, end: day * 86400 + 23 * H, window: { end: day * 86400 + 28 * H, verdict: 'met' as const, missedBy: null } })));
  const r = yearFixture({ ledger, jobs, endTime: 72 * H });
  const html = renderYearReport(r, yearOf(r));
  assert.ok(html.includes('The chart draws the 8 highest of 12 stores; days.csv has them all.'));
  const data = JSON.parse(html.slice(html.indexOf('id="report-data">') + 'id="report-data">'.length, html.indexOf('</script>', html.indexOf('id="report-data">'))));
  assert.equal(data.series.map((x: { subject: string }) => x.subject), ['pool4', 'pool5', 'pool6', 'pool7', 'pool8', 'pool9', 'pool10', 'pool11']);
  assert.equal(data.series[7].day, [0, 1, 2]);
  assert.equal(data.series[7].value, [12e12 * 24 / 72, 12e12 * 48 / 72, 12e12]);
  assert.equal(data.nights.map((n: { jobs: number }) => n.jobs), [5, 5, 5]);
});

offline.run();

/** Every text of every chart, with its box outside its SVG's: a label clipped or overflowing. */
const OUTSIDE = `(() => {
  const bad = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const box = svg.getBoundingClientRect();
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (!t.textContent.trim()) continue;
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) bad.push(svg.parentElement.id + ': ' + t.textContent);
    }
  }
  return bad;
})()`;

const browser = suite('year.html in Chromium');
let root = '';
browser.before(() => { root = mkdtempSync(join(tmpdir(), 'backlab-year-html-')); });
browser.after(() => { rmSync(root, { recursive: true, force: true }); });

async function open(page: Page, dir: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pathToFileURL(join(dir, 'year.html')).href, { waitUntil: 'load' });
}

const labels = (page: Page, id: string) => page.locator(`#${id} .axis-label`).allTextContents();

browserTest(browser, 'the fixture\'s year: lines per store and library, a bar per night coloured by its verdict, axes in dates and units, no text outside its chart', 'year.html browser test', async () => {
  const dir = join(root, 'fixture');
  writeRunReport(yearFixture(), dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, pathToFileURL(join(dir, 'year.html')).href);
    await open(page, dir);
    assert.equal(problems, []);
    assert.equal(await page.locator('#year-stores path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-name'))), ['vtl1 capacity', 'vtl1 stored']);
    assert.equal(await labels(page, 'year-stores'), ['date', 'bytes (TB)']);
    assert.equal(await page.locator('#year-cartridges path.series').count(), 2);
    assert.equal(await labels(page, 'year-cartridges'), ['date', 'cartridges']);
    assert.equal(await labels(page, 'year-lag'), ['date', 'peak replication lag (min)']);
    assert.equal(await page.locator('#year-windows rect.bar').evaluateAll((rs) => rs.map((r) => [r.getAttribute('data-verdict'), getComputedStyle(r).fill])), [['met', 'rgb(46, 125, 50)'], ['missed', 'rgb(198, 40, 40)']]);
    assert.equal(await labels(page, 'year-windows'), ['date', 'backup ran (h)']);
    assert.is(await page.locator('#year-windows line.mark').count(), 2);
    assert.equal(await labels(page, 'year-data'), ['date', 'bytes (TB)']);
    // The x axis reads as a calendar: the ticks name the days of January 2026.
    const ticks = await page.locator('#year-stores .axis.x .tick text').allTextContents();
    assert.ok(ticks.some((t) => /Jan|0[1-3]/.test(t)), ticks.join('|'));
    assert.equal(await page.evaluate(OUTSIDE), []);
    await page.screenshot({ path: '/tmp/year-fixture.png', fullPage: true });
  });
});

browserTest(browser, 'a 400-day run: 400 nights in the window chart, night 380 in the failure colour, dates on the axis, no text outside its chart', 'year.html browser test', async () => {
  const dir = join(root, 'year');
  writeRunReport(runScenario(loadScenario('year.yaml', YEAR_SCENARIO)), dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, pathToFileURL(join(dir, 'year.html')).href);
    await open(page, dir);
    assert.equal(problems, []);
    const verdicts = await page.locator('#year-windows rect.bar').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-verdict')));
    assert.is(verdicts.length, 400);
    assert.equal(verdicts.flatMap((v, i) => (v === 'missed' ? [i] : [])), [380]);
    assert.is(await page.locator('#year-data rect.bar').count(), 400);
    const ticks = await page.locator('#year-windows .axis.x .tick text').allTextContents();
    assert.ok(ticks.includes('2027'), ticks.join('|'));
    assert.equal(await page.evaluate(OUTSIDE), []);
    await page.screenshot({ path: '/tmp/year-400.png', fullPage: true });
  });
});

browser.run();

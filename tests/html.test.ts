import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { renderRunReport } from '../reports/html.ts';
import { jsonForScript } from '../reports/page.ts';
import { writeCompareReport, writeRunReport, writeSweepReport } from '../reports/write.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { runFixture, sweepFixture } from './support/fixtures.ts';

const offline = suite('report.html without a browser');

offline('a scenario name with </script> is escaped in the markup and in the embedded JSON', () => {
  const html = renderRunReport(runFixture());
  assert.is(html.match(/<\/script>/gi)!.length, html.match(/<script[\s>]/gi)!.length, 'every </script> closes a script we opened');
  assert.not.ok(html.includes('window.__pwned = 1</script>'));
  assert.ok(html.includes('LAN vs LAN-free &lt;/script&gt;&lt;script&gt;'));
  assert.ok(html.includes('<link rel="icon" href="data:,">'));
  assert.not.match(html, /(src|href)="(https?:)?\/\//, 'nothing is loaded from elsewhere');
  const tricky = { s: '</script><!-- \u2028 & >' };
  assert.not.match(jsonForScript(tricky), /[<>&\u2028]/);
  assert.equal(JSON.parse(jsonForScript(tricky)), tricky);
});

offline.run();

/**
 * Text that fails WCAG AA (contrast below 4.5:1, or 3:1 for large text) or is
 * smaller than 11 px. A string, not a function: tsx would add helpers to a
 * function's source that do not exist in the page.
 */
const LEGIBILITY_AUDIT = `(() => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length >= 3 && (c.length < 4 || c[3] > 0.5)) return c;
    }
    return [255, 255, 255];
  };
  const bad = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || !n.textContent.trim() || el.closest('script, title')) continue;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') continue;
    const inSvg = el instanceof SVGElement;
    const fg = rgb(inSvg ? cs.fill : cs.color);
    // The utilisation cell paints its bar under the text: judge against the bar, the darker of the two.
    const bg = el.closest('td.util') ? rgb(getComputedStyle(el.closest('td.util').querySelector('.ubar')).backgroundColor) : background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(cs.fontSize);
    const large = size >= 18.66 || (size >= 14 && Number(cs.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5) || size < 11) bad.push(n.textContent.trim().slice(0, 40) + ' (contrast ' + ratio.toFixed(2) + ', ' + size + 'px)');
  }
  return bad;
})()`;

async function audit(page: Page): Promise<string[]> {
  return (await page.evaluate(LEGIBILITY_AUDIT)) as string[];
}

const browser = suite('report.html in Chromium');
let root = '';
browser.before(() => { root = mkdtempSync(join(tmpdir(), 'backlab-html-')); });
browser.after(() => { rmSync(root, { recursive: true, force: true }); });

/** A saturated colour of hue within 20° of red: what the visualizer and the checks use for failure. */
function reads_red(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  if (max - min < 0.3) return false;
  const h = max === r ? (60 * (g - b)) / (max - min) : max === g ? 120 + (60 * (b - r)) / (max - min) : 240 + (60 * (r - g)) / (max - min);
  return h < 20 && h > -20 || h > 340;
}
assert.ok(reads_red('#d62728') && reads_red('#c62828') && !reads_red('#ff7f0e') && !reads_red('#1f77b4'), 'the red test tells red');

const url = (dir: string): string => pathToFileURL(join(dir, 'report.html')).href;

browserTest(browser, 'a run report draws its charts and tables with no errors and no network', 'report.html browser test', async () => {
  const r = runFixture();
  const dir = join(root, 'run');
  writeRunReport(r, dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, url(dir));
    assert.equal(problems, []);
    assert.is(await page.evaluate('window.__pwned'), undefined, 'the scenario name did not run as script');
    assert.is(await page.title(), `${r.scenario} · backlab report`);
    assert.is(await page.textContent('h1'), r.scenario);

    const series = new Set(r.timeseries.series.map((s) => `${s.kind}/${s.name}`));
    assert.is(series.size, 3);
    assert.is(await page.locator('#throughput-link svg path.series').count(), 2);
    assert.is(await page.locator('#throughput-device svg path.series').count(), 1);
    assert.is(await page.locator('#throughput svg path.series').count(), series.size);
    assert.equal(await page.locator('#throughput-link path.series').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-name'))), ['lan', 'san, fabric A']);
    const yLabel = await page.locator('#throughput-link .axis-label').allTextContents();
    assert.equal(yLabel, ['time (min)', 'throughput (GB/s)']);
    assert.is(await page.locator('#throughput-link .legend li').count(), 2);

    assert.is(await page.locator('#gantt svg rect.bar').count(), r.jobs.length);
    assert.equal(await page.locator('#gantt rect.bar').evaluateAll((rs) => rs.map((x) => x.getAttribute('data-status'))), ['completed', 'failed', 'running']);

    assert.equal(await page.locator('table.checks td.pass').allTextContents(), ['PASS']);
    assert.equal(await page.locator('table.checks td.fail').allTextContents(), ['FAIL', 'FAIL']);
    const colours = await page.locator('table.checks td.pass, table.checks td.fail').evaluateAll((tds) => tds.map((td) => getComputedStyle(td).backgroundColor));
    assert.is(new Set(colours).size, 2, 'PASS and FAIL are coloured differently');
    assert.ok((await page.textContent('table.checks'))!.includes('28800') === false, 'expected values are shown in units, not raw seconds');
    assert.ok((await page.textContent('table.checks'))!.includes('8 h 0 min'));

    assert.equal(await page.locator('table.links tbody tr td:first-child').allTextContents(), ['lan', 'san, fabric A']);
    assert.ok((await page.textContent('table.links'))!.includes('40.0 %'));
    assert.ok((await page.textContent('table.links'))!.includes('100.0 %'));
    assert.equal(await audit(page), []);

    await page.screenshot({ path: '/tmp/report.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.screenshot({ path: '/tmp/report-1280x720.png' });
  });
});

browserTest(browser, 'without jobs the Gantt shows flows', 'report.html browser test', async () => {
  const r = runFixture({ jobs: [], timeseries: { t: [], series: [] } });
  const dir = join(root, 'flows');
  writeRunReport(r, dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, url(dir));
    assert.equal(problems, []);
    assert.is(await page.textContent('#timeline h2'), 'Flows over time');
    assert.is(await page.locator('#gantt rect.bar').count(), r.flows.length);
    assert.is(await page.locator('#throughput svg').count(), 0);
  });
});

browserTest(browser, 'a sweep report draws a line with its band against a numeric setting, and bars with error bars without one', 'sweep report browser test', async () => {
  const rows = sweepFixture();
  const dir = join(root, 'sweep');
  writeSweepReport(rows, { scenario: 'LAN bandwidth sweep', description: 'makespan against LAN bandwidth', backlab: '0.1.0' }, dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, url(dir));
    assert.equal(problems, []);
    // 2 metrics, each a line over the 3 settings with its 95% band.
    assert.is(await page.locator('figure.band path.band').count(), 2);
    assert.is(await page.locator('figure.band circle.point').count(), 6);
    assert.equal(await page.locator('#chart-0 .axis-label').allTextContents(), ['links.lan.bandwidth', 'makespan (min)']);
    // The swept values are the ticks.
    assert.equal(await page.locator('#chart-0 .axis.x .tick text').allTextContents(), ['1', '2', '4']);
    // The table: the setting is a column, each cell a mean ± its half-width (3 seeds), never "(n = 1)".
    assert.equal((await page.locator('#summary table.sweep').first().locator('thead th').allTextContents()).slice(0, 2), ['links.lan.bandwidth', 'runs']);
    assert.not.match((await page.textContent('#summary'))!, 'n = 1');
    // Fixed settings are named once, not per group.
    assert.ok((await page.textContent('dl.facts'))!.includes('hosts.count=2'));
    assert.equal(await audit(page), []);
  });

  // Two settings vary: the numeric one is the x axis of one line per value of the other, with a legend.
  const two = rows.map((r) => ({ ...r, settings: { ...r.settings, 'media.kind': r.run % 2 ? 'LTO-9 tape library' : 'disk pool' } }));
  const dir2 = join(root, 'sweep2');
  writeSweepReport(two, { scenario: 'two settings' }, dir2);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, url(dir2));
    assert.equal(problems, []);
    assert.is(await page.locator('#chart-0 path.mean-line').count(), 2);
    assert.is(await page.locator('#chart-0 circle.point').count(), 6);
    assert.equal(await page.locator('#chart-0 .legend li').allTextContents(), ['disk pool', 'LTO-9 tape library']);
    assert.equal(await audit(page), []);
  });

  // No numeric setting: one horizontal bar per setting with its error bar, labelled by its value, never slanted.
  const named = rows.map((r) => ({ ...r, settings: { ...r.settings, 'links.lan.bandwidth': `${r.settings['links.lan.bandwidth']} Gb/s` } }));
  const dir3 = join(root, 'sweep3');
  writeSweepReport(named, { scenario: 'named settings' }, dir3);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, url(dir3));
    assert.equal(problems, []);
    assert.equal(await page.locator('#chart-0 rect.bar').evaluateAll((rs) => rs.map((x) => x.getAttribute('data-label'))), ['1 Gb/s', '2 Gb/s', '4 Gb/s']);
    assert.is(await page.locator('#chart-0 line.errorbar').count(), 3);
    assert.is(await page.locator('#chart-0 text[transform*="rotate"]').count(), 0);
    assert.equal(await audit(page), []);
  });
});

browserTest(browser, 'a compare report draws one bar per variant per metric worth reading, the rest behind "show all"', 'compare report browser test', async () => {
  const a = runFixture({ variant: 'LAN', scenario: 'lan-free' });
  const b = runFixture({ variant: 'LAN-free', scenario: 'lan-free', metrics: { makespan: 300, bytes_moved: 3.5e11, mean_rate: 1.2e9, jobs_failed: 0 } });
  const dir = join(root, 'compare');
  writeCompareReport([a, b], dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, url(dir));
    assert.equal(problems, []);
    // bytes_moved is the same in both designs but not zero: shown; nothing here is all zero or repeated.
    assert.is(await page.locator('#charts figure.hbars rect.bar').count(), 2 * 4);
    assert.equal(await page.locator('#bars-0 rect.bar').evaluateAll((rs) => rs.map((x) => x.getAttribute('data-label'))), ['LAN', 'LAN-free']);
    assert.equal(await page.locator('#table table.compare').first().locator('thead th').allTextContents(), ['metric', 'LAN', 'LAN-free']);
    assert.is(await page.locator('#charts .variant-legend li').count(), 2);
    // The values as the report's formatter words them (format.ts), not the chart's own rounding.
    assert.equal(await page.locator('#bars-0 text.value').allTextContents(), ['9 min 0 s', '5 min 0 s']);
    // Each design in one colour, and none of them red.
    const fills = await page.locator('#bars-0 rect.bar').evaluateAll((rs) => rs.map((x) => x.getAttribute('fill')));
    assert.is(new Set(fills).size, 2);
    for (const f of fills) assert.not.ok(reads_red(f!), `${f} reads as red`);
    assert.equal(await audit(page), []);
  });
});

browser.run();

// A file-level check that the run page embeds its data rather than fetching it.
const embedded = suite('report.html is self-contained');
embedded('the d3 bundle and the data are inline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backlab-html-inline-'));
  writeRunReport(runFixture(), dir);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  assert.ok(html.includes('https://d3js.org v7'), 'd3 is inlined');
  assert.match(html, /<script type="application\/json" id="report-data">\{/);
  rmSync(dir, { recursive: true, force: true });
});
embedded.run();

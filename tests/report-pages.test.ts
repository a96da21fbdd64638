/**
 * The three reports a user reads first, as a person sees them in Chromium at
 * 1280x800 and 1920x1080 (issue 24): the flagship's compare report, the
 * lanfree-sweep's sweep report and a vmdr run report (the DR story's
 * primary-only variant, both VMs lost). Each page: no horizontal overflow,
 * no text outside its chart's SVG, legends visible, the headline first.
 * Screenshots go to tmp/screenshots-test/ (BACKLAB_SCREENSHOTS overrides).
 */
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { writeCompareReport, writeRunReport } from '../reports/write.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';
import { FLAGSHIP } from './support/flagship.ts';

const ROOT = new URL('..', import.meta.url).pathname;
const SHOTS = process.env.BACKLAB_SCREENSHOTS || join(ROOT, 'tmp', 'screenshots-test');
const SIZES = [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }];

const pages = suite('the reports in Chromium');
let dir = '';
const built: Record<'compare' | 'sweep' | 'run', string> = { compare: '', sweep: '', run: '' };

pages.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'backlab-report-pages-'));
  mkdirSync(SHOTS, { recursive: true });
  const flagship = readFileSync(join(ROOT, FLAGSHIP), 'utf8');
  const designs = ['lan', 'npiv', 'dedicated', 'shared'].map((variant) => runScenario(loadScenario(FLAGSHIP, flagship, { variant })));
  writeCompareReport(designs, (built.compare = join(dir, 'compare')));
  const student = readFileSync(join(ROOT, 'scenarios/vmdr-student.yaml'), 'utf8');
  writeRunReport(runScenario(loadScenario('scenarios/vmdr-student.yaml', student, { variant: 'primary-only' })), (built.run = join(dir, 'run')));
  // The sweep as its description says to run it, through the CLI (worker threads).
  const sweep = spawnSync(process.execPath, [join(ROOT, 'bin/backlab.mjs'), 'sweep', 'scenarios/lanfree-sweep.yaml',
    '--set', 'protocol.design=[lan, dedicated, shared]', '--set', 'protocol.backup.clients=[1, 2, 4, 8, 16, 32, 64]', '--jobs', '2', '--out', join(dir, 'sweep')],
  { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  assert.is(sweep.status, 0, sweep.stderr);
  built.sweep = join(dir, 'sweep', 'sweep-lanfree-sweep');
});
pages.after(() => rmSync(dir, { recursive: true, force: true }));

/** What a person would see wrong on the page: sideways scrolling, text outside its SVG, a legend with nothing visible. */
async function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) out.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth}`);
    for (const svg of document.querySelectorAll('figure.chart svg')) {
      const box = svg.getBoundingClientRect();
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (!t.textContent?.trim() || r.width === 0) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
          out.push(`"${t.textContent.slice(0, 40)}" in #${svg.parentElement?.id} spills out of its chart (${Math.round(r.left - box.left)}, ${Math.round(r.top - box.top)}, ${Math.round(r.right - box.right)}, ${Math.round(r.bottom - box.bottom)})`);
        }
      }
      if (box.right > root.clientWidth + 1) out.push(`#${svg.parentElement?.id} is wider than the page`);
    }
    for (const l of document.querySelectorAll('.legend')) {
      const items = [...l.querySelectorAll('li')];
      if (items.length === 0 || items.some((li) => { const r = li.getBoundingClientRect(); return r.width === 0 || r.height === 0 || r.right > root.clientWidth; })) out.push(`a legend of ${items.length} items is not all visible`);
    }
    return out;
  });
}

/** The id of the section holding the first chart of the page. */
const firstChart = (page: Page) => page.evaluate(() => document.querySelector('figure.chart')?.closest('section')?.id ?? null);

async function check(kind: keyof typeof built, fn: (page: Page) => Promise<void>): Promise<void> {
  await withBrowser(async (ctx) => {
    for (const size of SIZES) {
      const { page, problems } = await openPage(ctx, pathToFileURL(join(built[kind], 'report.html')).href);
      await page.setViewportSize(size);
      // Charts are sized from the page's width when drawn: draw them at this size.
      await page.reload({ waitUntil: 'load' });
      assert.equal(problems, [], `${kind} at ${size.width}`);
      assert.equal(await layoutFaults(page), [], `${kind} at ${size.width}x${size.height}`);
      await fn(page);
      await page.screenshot({ path: join(SHOTS, `${kind}-${size.width}x${size.height}.png`), fullPage: true });
      await page.close();
    }
  });
}

browserTest(pages, 'the flagship compare report: the answer first, throughput over time on one chart, quiet metrics folded, no red design', 'report pages browser test', async () => {
  await check('compare', async (page) => {
    assert.is(await firstChart(page), 'headline');
    assert.equal(await page.locator('#headline h3 code').allTextContents(), ['backup_throughput', 'backup_makespan']);
    assert.equal(await page.locator('#headline-0 rect.bar').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-label'))), ['lan', 'npiv', 'dedicated', 'shared']);
    // One line per design over time, on one chart, with a legend naming them.
    assert.is(await page.locator('#throughput-time path.series').count(), 4);
    assert.equal(await page.locator('#throughput-time .legend li').allTextContents(), ['lan', 'npiv', 'dedicated', 'shared']);
    // The capacity of what held the LAN design back (one 10GbE) is marked, under the LAN-free designs' rate.
    assert.ok(await page.locator('#headline-0 line.ref').count() >= 1);
    // events and end_time (= makespan's neighbour) are folded behind "show all"; backup_throughput is not.
    const main = await page.locator('#table > table.compare code').allTextContents();
    const folded = await page.locator('#all-metrics code').allTextContents();
    assert.ok(folded.includes('events') && !main.includes('events'), 'events folded');
    assert.ok(main.includes('backup_throughput') && !folded.includes('backup_throughput'));
    const fills = await page.locator('#headline-0 rect.bar').evaluateAll((rs) => rs.map((r) => r.getAttribute('fill')!));
    for (const f of fills) {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(f.slice(i, i + 2), 16));
      assert.not.ok(r > 150 && g < 80 && b < 80, `${f} is red, and red means failure`);
    }
  });
});

browserTest(pages, 'the lanfree sweep report: backup_throughput first, against partitions on a log2 axis, a table that fits', 'report pages browser test', async () => {
  await check('sweep', async (page) => {
    assert.is(await firstChart(page), 'headline');
    assert.equal(await page.locator('#headline h3 code').allTextContents(), ['backup_throughput']);
    assert.equal(await page.locator('#headline-0 .axis.x .tick text').allTextContents(), ['1', '2', '4', '8', '16', '32', '64']);
    // log2: each doubling is the same width, 1 to 2 as 32 to 64.
    const xs = await page.locator('#headline-0 .axis.x .tick').evaluateAll((ts) => ts.map((t) => Number(/translate\(([-\d.]+)/.exec(t.getAttribute('transform')!)![1])));
    const steps = xs.slice(1).map((x, i) => x - xs[i]);
    for (const s of steps) assert.ok(Math.abs(s - steps[0]) < 1, `uneven doublings: ${steps}`);
    assert.equal(await page.locator('#headline-0 path.mean-line').evaluateAll((ps) => ps.map((p) => p.getAttribute('data-series'))), ['lan', 'dedicated', 'shared']);
    // The bottleneck changes are marked (the LAN design at 8: its clients' CPUs, then tsm1's 10GbE).
    assert.ok(await page.locator('#headline-0 circle.change').count() >= 1);
    // Settings are columns, no "(n = 1)", and the table fits the page without scrolling in its box.
    assert.equal((await page.locator('#summary > table.sweep thead th').allTextContents()).slice(0, 3), ['protocol.design', 'protocol.backup.clients', 'backup_throughput']);
    assert.not.match((await page.textContent('#summary > table.sweep'))!, 'n = 1');
    const fits = await page.locator('#summary > table.sweep').evaluate((t) => t.scrollWidth <= t.clientWidth);
    assert.ok(fits, 'the summary table is wider than the page');
    assert.is(await page.locator('#headline-0 text[transform*="rotate"]:not(.axis-label)').count(), 0);
  });
});

browserTest(pages, 'a vmdr run report: the outcome first, the lost VMs said to be lost, no RTO of 0 s', 'report pages browser test', async () => {
  await check('run', async (page) => {
    assert.is(await page.locator('main h2').first().textContent(), 'Outcome');
    const outcome = Object.fromEntries((await page.locator('#outcome table.headline tbody tr').evaluateAll((rs) => rs.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)))).map(([k, v]) => [k, v]));
    assert.equal(outcome, { vms_recovered: '0', vms_lost: '2', rpo_instant: '15 min 11 s', rto_instant: 'none', bytes_lost: '11.2 GB' });
    assert.match((await page.textContent('#outcome'))!, /vm web\s*lost/);
    assert.ok(await page.locator('#gantt rect.bar').count() > 0);
  });
});

pages.run();

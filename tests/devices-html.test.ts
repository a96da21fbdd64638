import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { DeviceRow } from '../sim/foundation/result.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { dedupRatio, devicesCompare, devicesSection } from '../reports/devices-html.ts';
import { writeCompareReport, writeRunReport } from '../reports/write.ts';
import { browserTest, openPage, withBrowser } from './support/browser.ts';

const rows: DeviceRow[] = [
  { name: 'host.cpu', kind: 'cpu', bytes: 4e11, busy: 1800, meanUtilisation: 0.25 },
  { name: 'lib/d1', kind: 'tape drive', bytes: 1.2e12, busy: 3600, meanUtilisation: 0.9, counters: { mounts: 3, exchanges: 2, backhitches: 1, backhitch_s: 90, written_bytes: 8e11, read_bytes: 4e11 } },
  { name: 'lib robot', kind: 'tape robot', bytes: 0, busy: 120, meanUtilisation: 120 / 7200, counters: { robots: 1, moves: 6, exchanges: 2 } },
  { name: 'vtl<1>', kind: 'vtl', bytes: 2.65e12, busy: 7200, meanUtilisation: 0.05, counters: { logical_bytes: 2e12, stored_bytes: 631_251_695_000 } },
  { name: 'wheel', kind: 'centrifuge', bytes: 5e9, busy: 10, meanUtilisation: 0.001 },
];

/** Each `<table>` of an HTML string as its caption (the heading before it), header cells and body rows of cell texts. */
function tablesOf(html: string): { title: string; head: string[]; body: string[][] }[] {
  const text = (s: string): string => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...html.matchAll(/<h(\d)>([^<]*)<\/h\1>\s*<table[^>]*>([\s\S]*?)<\/table>/g)].map(([, , title, t]) => ({
    title,
    head: [...t.match(/<thead>[\s\S]*?<\/thead>/)![0].matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1])),
    body: [...t.match(/<tbody>[\s\S]*?<\/tbody>/)![0].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => text(m[1]))),
  }));
}

const offline = suite('the Devices section as HTML');

offline('one table per kind, known kinds first, each with its own counters in the report\'s units', () => {
  const tables = tablesOf(devicesSection(rows, 7200));
  assert.equal(tables.map((t) => t.title), ['Tape drives', 'Tape robots', 'Virtual tape libraries and their dedup stores', 'Processors', 'centrifuge']);
  const [drives, robots, vtls, cpus, other] = tables;
  assert.equal(drives.head, ['tape drive', 'mounts', 'exchanges', 'back-hitches', 'back-hitching', 'written', 'read', 'moved', 'busy', 'busy share', 'mean utilisation']);
  assert.equal(drives.body, [['lib/d1', '3', '2', '1', '1 min 30 s', '800 GB', '400 GB', '1.20 TB', '1 h 0 min', '50.0 %', '90.0 %']]);
  // A robot moves no bytes: no "moved" column; its utilisation is its trips' time over the run
  assert.equal(robots.head, ['tape robot', 'accessors', 'trips', 'exchanges', 'busy', 'busy share', 'mean utilisation']);
  assert.equal(robots.body, [['lib robot', '1', '6', '2', '2 min 0 s', '1.7 %', '1.7 %']]);
  // 2 TB logical over 631.25 GB stored: 3.168...
  assert.equal(vtls.head, ['vtl', 'logical', 'stored', 'dedup ratio', 'moved', 'busy', 'busy share', 'mean utilisation']);
  assert.equal(vtls.body, [['vtl<1>', '2.00 TB', '631 GB', '3.17:1', '2.65 TB', '2 h 0 min', '100.0 %', '5.0 %']]);
  assert.equal(cpus.head, ['cpu', 'moved', 'busy', 'busy share', 'mean utilisation']);
  assert.equal(other.body, [['wheel', '5.00 GB', '10 s', '0.1 %', '0.1 %']]);
});

offline('names are escaped, a run without devices has no section, a counter one row lacks is a dash', () => {
  const html = devicesSection(rows, 7200);
  assert.ok(html.includes('vtl&lt;1&gt;'));
  assert.not.ok(html.includes('vtl<1>'));
  assert.is(devicesSection([], 100), '');
  const mixed = tablesOf(devicesSection([rows[1], { ...rows[1], name: 'lib/d2', counters: { mounts: 1 } }], 7200))[0];
  assert.equal(mixed.body[1].slice(0, 4), ['lib/d2', '1', '—', '—']);
  assert.is(dedupRatio(10, 0), '—');
  assert.is(dedupRatio(1e12, 1e11), '10:1');
});

offline('the compare section has one block of tables per design, headed by its label', () => {
  const html = devicesCompare([{ devices: rows.slice(1, 2), endTime: 7200 }, { devices: [], endTime: 10 }], ['lan', 'npiv']);
  assert.match(html, /<h3>lan<\/h3>\s*<h4>Tape drives<\/h4>/);
  assert.match(html, /<h3>npiv<\/h3>\s*<p class="muted">No devices\.<\/p>/);
  assert.is(devicesCompare([{ devices: [], endTime: 1 }], ['x']), '');
});

offline.run();

const flagship = (variant?: string) => loadScenario('lan-vs-lanfree.yaml', readFileSync(new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url), 'utf8'), { variant });

/** devices.csv as written, by device name: its column values by header. */
function csvRows(file: string): Map<string, Record<string, string>> {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  return new Map(lines.map((l) => [l[0], Object.fromEntries(head.map((h, i) => [h, l[i]]))]));
}

/** The drives' table in the page (within `scope`): mounts by drive name, read from the cells a reader sees. */
async function pageMounts(page: Page, scope: string): Promise<Map<string, string>> {
  const table = page.locator(`${scope} table.kind-tape-drive`);
  const head = await table.locator('thead th').allTextContents();
  const col = head.indexOf('mounts');
  assert.ok(col > 0, `a mounts column in ${head.join(', ')}`);
  const cells = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return new Map(cells.map((c) => [c[0], c[col]]));
}

const browser = suite('the Devices section in Chromium');
let root = '';
browser.before(() => { root = mkdtempSync(join(tmpdir(), 'backlab-devices-')); });
browser.after(() => { rmSync(root, { recursive: true, force: true }); });

browserTest(browser, 'the flagship run report shows each drive\'s mounts as devices.csv has them', 'Devices section browser test', async () => {
  const dir = join(root, 'run');
  writeRunReport(runScenario(flagship()), dir);
  const csv = csvRows(join(dir, 'devices.csv'));
  const drives = [...csv.values()].filter((d) => d.kind === 'tape drive');
  assert.ok(drives.length >= 4, 'the flagship has its four drives');
  assert.ok(drives.every((d) => Number(d.mounts) >= 1), 'every drive mounted something');
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, pathToFileURL(join(dir, 'report.html')).href);
    assert.equal(problems, []);
    assert.is(await page.textContent('#devices h2'), 'Devices');
    assert.equal(await pageMounts(page, '#devices'), new Map(drives.map((d) => [d.name, d.mounts])));
    const robot = page.locator('#devices table.kind-tape-robot tbody tr');
    assert.is(await robot.count(), 1);
    assert.is(await robot.locator('td').first().textContent(), 'lib1 robot');
  });
});

browserTest(browser, 'the flagship compare report shows each design\'s drives with their own mounts', 'Devices section browser test', async () => {
  const designs = ['lan', 'shared'];
  const results = designs.map((v) => runScenario(flagship(v)));
  const dir = join(root, 'compare');
  writeCompareReport(results, dir);
  await withBrowser(async (ctx) => {
    const { page, problems } = await openPage(ctx, pathToFileURL(join(dir, 'report.html')).href);
    assert.equal(problems, []);
    for (const [i, v] of designs.entries()) {
      const runDir = join(root, `run-${v}`);
      writeRunReport(results[i], runDir);
      const csv = [...csvRows(join(runDir, 'devices.csv')).values()].filter((d) => d.kind === 'tape drive');
      assert.equal(await pageMounts(page, `#devices .design[data-design="${v}"]`), new Map(csv.map((d) => [d.name, d.mounts])), v);
    }
  });
});

browser.run();

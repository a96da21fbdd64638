import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { capRows, PAGE_ROWS } from '../reports/capped.ts';
import { linksSection } from '../reports/html.ts';
import { windowsSection } from '../reports/windows-html.ts';
import type { JobRow, LinkRow } from '../sim/foundation/result.ts';
import { runFixture } from './support/fixtures.ts';

const link = (i: number, u: number): LinkRow => ({ name: `h${i}`, bandwidth: 1e9, latency: 0, bytes: u * 1e9, busy: 1, meanUtilisation: u, peakUtilisation: u });
/** The names of a rendered table's rows, in page order. */
const names = (html: string): string[] => [...html.matchAll(/<tr><td>(h\d+)<\/td>/g)].map((m) => m[1]);

test('a short list is shown whole, with no note', () => {
  const rows = [3, 1, 2];
  assert.equal(capRows(rows, { noun: 'x', file: 'x.csv', which: 'busiest' }, (x) => x), { rows: [3, 1, 2], note: '' });
});

test('a long list keeps the highest ranked rows in their own order, ties to the earlier row, and says how many the CSV has', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ i, v: [5, 1, 9, 5, 0, 7, 5, 2, 8, 3][i] }));
  const c = capRows(rows, { noun: 'links', file: 'links.csv', which: 'busiest' }, (r) => r.v, 4);
  // Ranked by hand: 9 (i=2), 8 (i=8), 7 (i=5), then the first 5 (i=0); in list order.
  assert.equal(c.rows.map((r) => r.i), [0, 2, 5, 8]);
  assert.is(c.note, '<p class="muted">The busiest 4 of 10 links; links.csv lists all 10.</p>');
  assert.equal(capRows(rows, { noun: 'runs', file: 'jobs.csv', which: 'first' }, undefined, 3).rows.map((r) => r.i), [0, 1, 2]);
});

test('report.html lists the busiest links of a run with many, and names links.csv for the rest', () => {
  const n = PAGE_ROWS * 5 + 7;
  // Every 5th link of the first PAGE_ROWS * 5 is busy (0.9): exactly PAGE_ROWS of them; the two past them (0.1) rank next, the rest (0.01) last.
  const links = Array.from({ length: n }, (_, i) => link(i, i % 5 === 0 ? (i < PAGE_ROWS * 5 ? 0.9 : 0.1) : 0.01));
  const html = linksSection(runFixture({ links }));
  const shown = names(html);
  assert.is(shown.length, PAGE_ROWS);
  assert.equal(shown, Array.from({ length: PAGE_ROWS }, (_, k) => `h${k * 5}`));
  assert.ok(html.includes(`The busiest (by mean utilisation) ${PAGE_ROWS} of ${n.toLocaleString('en-US')} links; links.csv lists all ${n.toLocaleString('en-US')}.`));
  const few = linksSection(runFixture({ links: links.slice(0, 3) }));
  assert.equal(names(few), ['h0', 'h1', 'h2']);
  assert.not.ok(few.includes('links.csv'));
});

test('the backup windows table keeps the missed nights first when it is cut', () => {
  const night = (i: number, missed: boolean): JobRow => ({
    name: `night ${i}`, kind: 'backup', actor: 'c', status: 'completed', start: i * 86400, end: i * 86400 + 3600, bytes: 1,
    window: { end: i * 86400 + 1800, verdict: missed ? 'missed' : 'met', missedBy: missed ? 1800 : null },
  });
  const jobs = Array.from({ length: PAGE_ROWS + 50 }, (_, i) => night(i, i >= PAGE_ROWS + 40));
  const html = windowsSection(jobs);
  const rows = [...html.matchAll(/<tr><td>night (\d+)<\/td>/g)].map((m) => Number(m[1]));
  assert.is(rows.length, PAGE_ROWS);
  assert.equal(rows.slice(0, 10), Array.from({ length: 10 }, (_, k) => PAGE_ROWS + 40 + k), 'the 10 missed nights first');
  assert.ok(html.includes(`10 of ${PAGE_ROWS + 50} scheduled runs missed their window.`));
  assert.ok(html.includes('jobs.csv lists all 250'));
});

test.run();

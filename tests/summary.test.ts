import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { summaryOf, SUMMARY_ROWS, writeSummaryJson } from '../reports/summary.ts';
import type { JobRow, LinkRow } from '../sim/foundation/result.ts';
import { runFixture } from './support/fixtures.ts';

const link = (i: number): LinkRow => ({ name: `h${i}`, bandwidth: 1e9, latency: 0, bytes: i, busy: 1, meanUtilisation: 0.5, peakUtilisation: 1 });
const job = (i: number): JobRow => ({ name: `f${i}`, kind: 'transfer', actor: `f${i}`, status: 'completed', start: 0, end: 1, bytes: i });

test('a run with few rows lists its jobs, links and devices whole and names no file for them', () => {
  const r = runFixture();
  const s = summaryOf(r);
  assert.equal([s.jobs, s.links, s.devices], [r.jobs, r.links, r.devices]);
  for (const k of ['jobsRows', 'jobsFile', 'linksRows', 'linksFile', 'devicesRows', 'devicesFile']) assert.not.ok(k in s, k);
});

test('a list longer than SUMMARY_ROWS keeps its first rows and names its CSV and length; written JSON reads back the same', () => {
  const n = SUMMARY_ROWS * 3 + 1;
  const r = runFixture({ links: Array.from({ length: n }, (_, i) => link(i)), jobs: Array.from({ length: SUMMARY_ROWS + 1 }, (_, i) => job(i)) });
  const s = summaryOf(r);
  assert.is(s.links.length, SUMMARY_ROWS);
  assert.equal(s.links[SUMMARY_ROWS - 1], link(SUMMARY_ROWS - 1));
  assert.equal([s.linksRows, s.linksFile], [n, 'links.csv']);
  assert.equal([s.jobs.length, s.jobsRows, s.jobsFile], [SUMMARY_ROWS, SUMMARY_ROWS + 1, 'jobs.csv']);
  assert.equal(s.devices, r.devices);
  assert.not.ok('devicesRows' in s);
  let text = '';
  writeSummaryJson(r, (t) => { text += t; });
  assert.equal(JSON.parse(text), JSON.parse(JSON.stringify(s)));
  assert.ok(text.length < 300_000, `${text.length} characters for ${n} links`);
});

test.run();

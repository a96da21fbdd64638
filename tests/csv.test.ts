import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'csv-parse/sync';
import { cell, metricColumn, runCsvFiles as smallCsvFiles, table, uniqueNames, writeTimeseriesCsv, type Column } from '../reports/csv.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { runsCsv } from '../reports/sweep.ts';
import { compareCsv } from '../reports/compare.ts';
import { runFixture, sweepFixture } from './support/fixtures.ts';

/** Every CSV of a run report, the streamed timeseries.csv collected into a string too. */
function runCsvFiles(r: RunResult): Record<string, string> {
  let ts = '';
  writeTimeseriesCsv(r.timeseries, (text) => { ts += text; });
  return { ...smallCsvFiles(r), 'timeseries.csv': ts };
}

/** Header and rows as plain string arrays, exactly as a CSV reader sees them. */
function read(text: string): { header: string[]; rows: string[][] } {
  const all = parse(text, { relax_column_count: false }) as string[][];
  return { header: all[0], rows: all.slice(1) };
}

const column = (t: { header: string[]; rows: string[][] }, name: string): string[] => {
  const i = t.header.indexOf(name);
  assert.ok(i >= 0, `no column ${name} in ${t.header.join(',')}`);
  return t.rows.map((r) => r[i]);
};

test('a run writes the six CSVs with snake_case headers and units in the names; timeseries.csv one column per link', () => {
  const files = runCsvFiles(runFixture());
  assert.equal(Object.keys(files).sort(), ['checks.csv', 'devices.csv', 'flows.csv', 'jobs.csv', 'links.csv', 'timeseries.csv']);
  const headers = Object.fromEntries(Object.entries(files).map(([f, text]) => [f, read(text).header]));
  assert.equal(headers['flows.csv'], ['flow_id', 'name', 'actor', 'for', 'job', 'phase', 'from', 'to', 'route', 'bytes', 'delivered_bytes', 'status', 'start_s', 'end_s', 'throughput_Bps', 'reason', 'label']);
  assert.equal(headers['jobs.csv'], ['name', 'kind', 'actor', 'status', 'start_s', 'end_s', 'duration_s', 'bytes', 'reason']);
  assert.equal(headers['links.csv'], ['name', 'bandwidth_Bps', 'latency_s', 'bytes', 'busy_s', 'mean_utilisation', 'peak_utilisation']);
  assert.equal(headers['devices.csv'], ['name', 'kind', 'bytes', 'busy_s', 'mean_utilisation']);
  assert.equal(headers['timeseries.csv'], ['t_s', 'lan_Bps', 'san, fabric A_Bps', 'tape0_Bps', 'lan_utilisation', 'san, fabric A_utilisation', 'tape0_utilisation']);
  assert.equal(headers['checks.csv'], ['check', 'metric', 'op', 'expected', 'measured', 'unit', 'pass']);
  for (const [f, h] of Object.entries(headers)) if (f !== 'timeseries.csv') for (const c of h) assert.match(c, /^[a-z][a-z0-9_]*(_Bps)?$/);
});

test('values read back exactly; null and missing become empty cells; commas and quotes survive', () => {
  const r = runFixture();
  const files = runCsvFiles(r);
  const flows = read(files['flows.csv']);
  assert.equal(flows.rows.length, 3);
  assert.equal(column(flows, 'route'), ['lan>san, fabric A', 'lan', 'lan']);
  assert.equal(column(flows, 'end_s'), ['360', '120', '']);
  assert.equal(column(flows, 'throughput_Bps'), [String(2e11 / 360), String(5e10 / 90), '']);
  assert.equal(column(flows, 'from'), ['host1', '', '']);
  assert.equal(column(flows, 'reason'), ['', 'link "lan" down', '']);
  assert.equal(column(flows, 'bytes'), ['200000000000', '150000000000', '100000000000']);
  assert.equal(column(flows, 'label')[0], 'backup, full');

  const jobs = read(files['jobs.csv']);
  assert.equal(column(jobs, 'end_s'), ['400', '120', '']);
  assert.equal(column(jobs, 'duration_s'), ['400', '90', '']);

  const links = read(files['links.csv']);
  assert.equal(column(links, 'name'), ['lan', 'san, fabric A']);
  assert.equal(column(links, 'latency_s'), ['0.00005', '0.000002']);
  assert.equal(column(links, 'peak_utilisation').map(Number), [1, 0.9]);

  // One row per sample; each rate to 9 significant digits, each utilisation (rate over bandwidth) to 6.
  const ts = read(files['timeseries.csv']);
  assert.is(ts.rows.length, 20);
  assert.equal(column(ts, 't_s').map(Number), Array.from({ length: 20 }, (_, i) => 30 * i));
  assert.equal(ts.rows[1], ['30', '312500000', '0', '0', '0.25', '0', '0']);
  const near = (got: string, want: number, digits: number) => Math.abs(Number(got) - want) <= 0.5 * 10 ** (1 - digits) * Math.abs(want);
  for (const s of r.timeseries.series) {
    column(ts, `${s.name}_Bps`).forEach((v, k) => assert.ok(near(v, s.rate[k], 9), `${s.name} rate ${v} vs ${s.rate[k]}`));
    column(ts, `${s.name}_utilisation`).forEach((v, k) => assert.ok(near(v, s.rate[k] / s.bandwidth, 6), `${s.name} utilisation ${v}`));
  }

  const checks = read(files['checks.csv']);
  assert.equal(column(checks, 'pass'), ['true', 'false', 'false']);
  assert.equal(column(checks, 'measured'), ['540', '1', '']);
  assert.equal(column(checks, 'unit'), ['s', '', '']);
  assert.equal(column(checks, 'expected'), ['28800', '0', '3600']);
});

test('an empty table still has its header row', () => {
  const files = runCsvFiles(runFixture({ flows: [], jobs: [], links: [], devices: [], timeseries: { t: [], series: [] }, checks: [] }));
  for (const [name, text] of Object.entries(files)) {
    const lines = text.split('\n').filter((l) => l !== '');
    assert.is(lines.length, 1, name);
    assert.ok(lines[0].length > 0, name);
  }
});

test('numbers are written plainly: no separators, no NaN, infinities as R writes them', () => {
  assert.is(cell(1234567.5), '1234567.5');
  assert.is(cell(3.5e11), '350000000000');
  assert.is(cell(NaN), '');
  assert.is(cell(null), '');
  assert.is(cell(undefined), '');
  assert.is(cell(Infinity), 'Inf');
  assert.is(cell(-Infinity), '-Inf');
  assert.is(cell(true), 'true');
  assert.is(cell(false), 'false');
  assert.is(cell(-0), '0');
});

test('metric columns carry their unit, clashing names get a suffix', () => {
  assert.is(metricColumn('makespan', 's'), 'makespan_s');
  assert.is(metricColumn('makespan_s', 's'), 'makespan_s');
  assert.is(metricColumn('moved', 'B'), 'moved_bytes');
  assert.is(metricColumn('rate', 'B/s'), 'rate_Bps');
  assert.is(metricColumn('jobs', ''), 'jobs');
  assert.is(metricColumn('x', 'ms per GB'), 'x_ms_per_GB');
  assert.equal(uniqueNames(['run', 'seed', 'seed', 'seed']), ['run', 'seed', 'seed_2', 'seed_3']);
});

test('runs.csv of a sweep: one row per run, a column per setting and per metric', () => {
  const rows = sweepFixture();
  const t = read(runsCsv(rows));
  assert.equal(t.header, ['run', 'links.lan.bandwidth', 'hosts.count', 'seed', 'trace_hash', 'makespan_s', 'bytes_moved_bytes', 'bottleneck_backup', 'bottleneck_backup_kind', 'bottleneck_backup_share', 'checks_failed']);
  assert.is(t.rows.length, 9);
  assert.equal(column(t, 'links.lan.bandwidth'), ['1', '1', '1', '2', '2', '2', '4', '4', '4']);
  assert.equal(column(t, 'makespan_s').map(Number), rows.map((r) => r.metrics.makespan));
  assert.equal(column(t, 'checks_failed').slice(0, 4), ['makespan < 900 s', 'makespan < 900 s', 'makespan < 900 s', '']);
  assert.equal(column(t, 'bottleneck_backup_kind').slice(3, 7), ['link lan', 'link lan', 'link device tape drive', 'link device tape drive']);
  assert.equal(column(t, 'bottleneck_backup')[8], 'lib1/d1 lib1/d2 lib1/d3 lib1/d4');
  assert.equal(column(t, 'bottleneck_backup_share')[0], '0.9');
  assert.is(read(runsCsv([])).header.join(','), 'run,seed,trace_hash,checks_failed');
});

test('compare.csv: one row per variant, labels unique', () => {
  const a = runFixture({ variant: 'lan', scenario: 's' });
  const b = runFixture({ variant: 'lan-free', scenario: 's', metrics: { makespan: 300, extra: 2 }, units: { makespan: 's', extra: '' } });
  const c = runFixture({ variant: 'lan', scenario: 's', file: 'other.yaml' });
  const t = read(compareCsv([a, b, c]));
  assert.equal(column(t, 'variant'), ['lan (scenarios/lan-free.yaml)', 'lan-free', 'lan (other.yaml)']);
  assert.equal(column(t, 'makespan_s'), ['540', '300', '540']);
  assert.equal(column(t, 'extra'), ['', '2', '']);
  assert.equal(column(t, 'checks_failed')[0], 'jobs_failed == 0; restore_time < 1 h');
});


test('awkward text (commas, quotes, line breaks) reads back from a table as it was written', () => {
  const awkward = ['plain', '', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '"', ',', ' lead', '-1', '=SUM(A1)', 'é ü'];
  const cols: Column<string>[] = [{ name: 'text, quoted', value: (v) => v }, { name: 'n', value: (v) => v.length }];
  const text = table(cols, awkward);
  assert.equal(parse(text), [cols.map((c) => c.name), ...awkward.map((v) => [v, String(v.length)])]);
});

test('timeseries.csv streamed in slices is the same text whatever the slice, each slice about that many characters', () => {
  const r = runFixture();
  const whole: string[] = [];
  writeTimeseriesCsv(r.timeseries, (t) => whole.push(t), Infinity);
  assert.is(whole.length, 2, 'the header, then the rows');
  const rows = whole[1];
  for (const slice of [1, 100, 5000]) {
    const parts: string[] = [];
    writeTimeseriesCsv(r.timeseries, (t) => parts.push(t), slice);
    assert.is(parts.join(''), whole.join(''), `slice ${slice}`);
    // Every part but the header and the last is whole rows, handed on as soon as they reach `slice` characters.
    const longest = Math.max(...rows.split('\n').map((l) => l.length + 1));
    for (const p of parts.slice(1, -1)) assert.ok(p.endsWith('\n') && p.length >= slice && p.length < slice + longest, `slice ${slice}: a part of ${p.length} characters`);
    assert.ok(parts.length - 1 >= Math.floor(rows.length / (slice + longest)), `slice ${slice}: ${parts.length} parts for ${rows.length} characters`);
  }
});

test.run();

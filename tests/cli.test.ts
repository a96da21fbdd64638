import { firstSentence } from '../sim/cli/list.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;
const scenario = new URL('../scenarios/parking-lot.yaml', import.meta.url).pathname;
// uvu sets FORCE_COLOR, and Node then warns about NO_COLOR on stderr: give the command a plain environment.
const { FORCE_COLOR: _force, ...env } = process.env;
const backlab = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env });
const tmp = () => mkdtempSync(join(tmpdir(), 'backlab-cli-'));

test('run prints the table, the seed and the trace hash, and writes the whole report', () => {
  const out = tmp();
  const r = backlab('run', scenario, '--out', out);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /makespan 30 s/);
  assert.match(r.stdout, /PASS {2}makespan == 30 s/);
  const hash = /seed 1 {2}trace ([0-9a-f]{64})/.exec(r.stdout)?.[1];
  assert.ok(hash, r.stdout);
  const dir = join(out, 'parking-lot');
  assert.equal(readdirSync(dir).sort(), ['.backlab-report', 'checks.csv', 'devices.csv', 'flows.csv', 'jobs.csv', 'links.csv', 'report.html', 'summary.json', 'timeseries.csv']);
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  assert.is(summary.traceHash, hash);
  assert.not.ok('flows' in summary, 'every flow is in flows.csv, once');
  assert.equal([summary.flowsFile, summary.flowsRows], ['flows.csv', 4]);
  const [head, ...flows] = readFileSync(join(dir, 'flows.csv'), 'utf8').trimEnd().split('\n').map((l) => l.split(','));
  assert.equal(flows.map((f) => Number(f[head.indexOf('end_s')])), [20, 10, 20, 30]);
  // A rerun is byte-identical; --seed changes the printed seed.
  assert.match(backlab('run', scenario, '--out', out).stdout, new RegExp(hash!));
  assert.match(backlab('run', scenario, '--out', out, '--seed', '7').stdout, /seed 7 {2}trace/);
  rmSync(out, { recursive: true });
});

test('run --trace writes Chrome trace JSON; --set and --until change the run; a failed check exits 1', () => {
  const out = tmp();
  const r = backlab('run', scenario, '--out', out, '--trace', '--set', 'topology.links.l3.bandwidth=50 MB/s', '--until', '25 s');
  assert.is(r.status, 1, 'makespan == 30 s no longer holds');
  assert.match(r.stdout, /FAIL {2}makespan == 30 s/);
  const trace = JSON.parse(readFileSync(join(out, 'parking-lot', 'trace.json'), 'utf8'));
  assert.ok(Array.isArray(trace.traceEvents) && trace.traceEvents.length > 10);
  const summary = JSON.parse(readFileSync(join(out, 'parking-lot', 'summary.json'), 'utf8'));
  assert.equal([summary.stopReason, summary.endTime], ['until', 25]);
  assert.equal(summary.settings, ['topology.links.l3.bandwidth=50 MB/s', 'until=25 s']);
  rmSync(out, { recursive: true });
});

test('a malformed scenario exits 2 with one paragraph naming file, line and field, and writes nothing', () => {
  const dir = tmp();
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, readFileSync(scenario, 'utf8').replace('bandwidth: 100 MB/s, latency: 0 s }\n    l2', 'bandwidth: 20 Gbs, latency: 0 s }\n    l2'));
  const r = backlab('run', bad, '--out', join(dir, 'out'));
  assert.is(r.status, 2);
  assert.match(r.stderr, /^backlab: .*bad\.yaml:\d+:\d+ {2}topology\.links\.l1\.bandwidth\n {2}"20 Gbs" is not a rate/);
  assert.not.match(r.stderr, /\bat \S+:\d+:\d+\)?$/m, 'no stack trace');
  assert.is(r.stderr.trim().split('\n').length, 2);
  assert.not.ok(existsSync(join(dir, 'out')));
  assert.is(backlab('run', join(dir, 'missing.yaml')).status, 2);
  assert.is(backlab('run', scenario, '--set', 'nonsense').status, 2);
  assert.is(backlab('run', scenario, '--bogus').status, 2);
  assert.is(backlab('frobnicate').status, 2);
  rmSync(dir, { recursive: true });
});

test('validate, list, compare, --help and --version', () => {
  const dir = tmp();
  const v = backlab('validate', scenario);
  assert.is(v.status, 0);
  assert.match(v.stdout, /ok {2}.*parking-lot\.yaml {2}\(parking lot\)/);
  writeFileSync(join(dir, 'bad.yaml'), 'name: x\nworkload: {}\n');
  const bad = backlab('validate', scenario, join(dir, 'bad.yaml'));
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /nothing to run/);
  assert.match(backlab('list').stdout, /scenarios\/parking-lot\.yaml +Max-min fair sharing/);
  const variants = join(dir, 'v.yaml');
  writeFileSync(variants, `${readFileSync(scenario, 'utf8')}\nvariants:\n  slow: { topology: { links: { l3: { bandwidth: 50 MB/s } } } }\n  fast: { topology: { links: { l3: { bandwidth: 200 MB/s } } } }\n`);
  const c = backlab('compare', variants, '--out', join(dir, 'out'));
  assert.is(c.status, 1, 'the slow variant fails makespan == 30 s');
  assert.match(c.stdout, /metric +slow +fast/);
  assert.match(c.stdout, /makespan +1 min 0 s +20 s/);
  assert.ok(existsSync(join(dir, 'out', 'compare-v', 'report.html')));
  for (const cmd of ['run', 'sweep', 'compare', 'validate', 'list']) assert.match(backlab(cmd, '--help').stdout, new RegExp(`usage: backlab ${cmd}`));
  assert.match(backlab('--help').stdout, /usage: backlab COMMAND/);
  assert.match(backlab('--version').stdout, /^\d+\.\d+\.\d+\n$/);
  rmSync(dir, { recursive: true });
});

/** Every file under `dir` with its content: what a refused command must leave as it was. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath ?? e.path, e.name);
    out[p] = e.isFile() ? readFileSync(p, 'utf8') : '<dir>';
  }
  return out;
}

/** Refused before the run: exit 2, one message, and nothing of a run on stdout (no table, no trace hash). */
function refusedBeforeRun(r: ReturnType<typeof backlab>, message: RegExp): void {
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, message);
  assert.not.match(r.stderr, /\bat \S+:\d+:\d+\)?$/m, 'no stack trace');
  assert.not.match(r.stdout, /trace [0-9a-f]{64}/, 'nothing ran');
}

test('run --out writes DIR/<file name>/ and never over what backlab did not write', () => {
  const out = tmp();
  mkdirSync(join(out, 'parking-lot'));
  writeFileSync(join(out, 'parking-lot', 'thesis.tex'), '\\documentclass{article}');
  writeFileSync(join(out, 'keep.txt'), 'mine');
  const before = tree(out);
  refusedBeforeRun(backlab('run', scenario, '--out', out), /parking-lot: is a folder backlab did not write/);
  assert.equal(tree(out), before);

  // A scenario file named `.yaml` names no folder: it used to wipe --out itself.
  const dot = join(out, 'scn');
  mkdirSync(dot);
  writeFileSync(join(dot, '.yaml'), readFileSync(scenario, 'utf8'));
  const before2 = tree(out);
  refusedBeforeRun(backlab('run', join(dot, '.yaml'), '--out', out), /named after the scenario file, and '\.yaml' gives ''/);
  refusedBeforeRun(backlab('compare', join(dot, '.yaml'), scenario, '--out', out), /named after the scenario file/);
  assert.equal(tree(out), before2);
  rmSync(out, { recursive: true });
});

test('a variant named ../../x is refused at load with its field path and exit 2, and nothing is written', () => {
  const dir = tmp();
  const file = join(dir, 'v.yaml');
  writeFileSync(file, `${readFileSync(scenario, 'utf8')}\nvariants:\n  fast: {}\n  ../../x: {}\n`);
  const out = join(dir, 'a', 'b', 'out');
  for (const r of [backlab('run', file, '--variant', '../../x', '--out', out), backlab('compare', file, '--out', out), backlab('validate', file)]) {
    refusedBeforeRun(r, /v\.yaml:\d+:\d+ {2}variants\.\.\.\/\.\.\/x\n {2}'\.\.\/\.\.\/x' is not a usable name: it names a report folder/);
  }
  assert.equal(readdirSync(dir), ['v.yaml']);
  rmSync(dir, { recursive: true });
});

test('--out a file, under a file, or on /proc, /sys or /dev is refused with exit 2 before the run or sweep', () => {
  const dir = tmp();
  const file = join(dir, 'file');
  writeFileSync(file, 'x');
  refusedBeforeRun(backlab('run', scenario, '--out', file), /--out names a file, not a folder/);
  refusedBeforeRun(backlab('run', scenario, '--out', join(file, 'sub')), /is a file, so no folder can be made under it/);
  for (const special of ['/proc', '/sys', '/dev']) refusedBeforeRun(backlab('run', scenario, '--out', special), /special filesystem/);
  refusedBeforeRun(backlab('sweep', scenario, '--out', file), /--out names a file, not a folder/);
  refusedBeforeRun(backlab('sweep', scenario, '--seeds', '1..3', '--out', '/proc'), /special filesystem/);
  refusedBeforeRun(backlab('compare', scenario, scenario, '--out', '/proc/self'), /special filesystem/);
  assert.is(readFileSync(file, 'utf8'), 'x');
  assert.equal(readdirSync(dir), ['file']);
  rmSync(dir, { recursive: true });
});

test('the flagship: at most 2 MB in all, each series stored once: in timeseries.csv, and the page embeds them downsampled', () => {
  const out = tmp();
  const flagship = new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url).pathname;
  const r = backlab('run', flagship, '--variant', 'shared', '--out', out);
  assert.is(r.status, 0, r.stderr);
  const dir = join(out, 'lan-vs-lanfree-shared');
  const bytes = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
  assert.ok(bytes <= 2 * 1024 * 1024, `the report folder holds ${bytes} bytes`);
  const text = readFileSync(join(dir, 'summary.json'), 'utf8');
  const summary = JSON.parse(text);
  assert.not.ok('timeseries' in summary);
  assert.not.ok('flows' in summary);
  // No list in the summary has as many entries as the samples or the flows: no per-sample or per-flow rows.
  const lists: number[] = [];
  JSON.parse(text, (_, v) => { if (Array.isArray(v)) lists.push(v.length); return v; });
  assert.ok(Math.max(...lists) < Math.min(summary.timeseriesRows, summary.flowsRows), `longest list ${Math.max(...lists)}`);
  const [header, ...rows] = readFileSync(join(dir, 'timeseries.csv'), 'utf8').trimEnd().split('\n');
  assert.is(summary.timeseriesFile, 'timeseries.csv');
  assert.is(rows.length, summary.timeseriesRows);
  assert.ok(summary.timeseriesRows > 500);
  const columns = header.split(',');
  assert.is(new Set(columns).size, columns.length, 'one column per link or device and figure');
  assert.equal(columns.filter((c) => c.endsWith('_Bps')).length, columns.filter((c) => c.endsWith('_utilisation')).length);
  const flowRows = readFileSync(join(dir, 'flows.csv'), 'utf8').trimEnd().split('\n').length - 1;
  assert.is(flowRows, summary.flowsRows);
  const html = readFileSync(join(dir, 'report.html'), 'utf8');
  const data = JSON.parse(/<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)![1]);
  assert.ok(data.series.length > 0 && data.series.length <= 100);
  assert.ok(data.t.length > 0 && data.t.length <= 500, 'the page embeds one time axis, downsampled');
  for (const s of data.series) {
    assert.equal(Object.keys(s).sort(), ['kind', 'name', 'rate', 'scale'], 'no series carries its own time axis');
    assert.ok(s.rate.every((v: number) => Number.isInteger(v) && Math.abs(v) <= 10_000), 'rates as short integers of the series\' scale');
    assert.is(s.rate.length, data.t.length);
  }
  assert.ok(html.includes('id="throughput-link"'));
  rmSync(out, { recursive: true });
});

test('list: a description\'s first sentence runs past "FIG. 2" and "e.g." to its real end', () => {
  assert.is(firstSentence('Patent seed 001, FIG. 2 against FIG. 3 and 4. Then more.'), 'Patent seed 001, FIG. 2 against FIG. 3 and 4.');
  assert.is(firstSentence('FIG. 4 of US 9,020,895: a cluster. More.'), 'FIG. 4 of US 9,020,895: a cluster.');
  assert.is(firstSentence('Rates, e.g. 5 MB/s, vary. More.'), 'Rates, e.g. 5 MB/s, vary.');
});

test('validate refuses a random fault schedule exactly when run does: by its count, not by its expected count', () => {
  // Expected 2 x 100 s / 20 ms = 10,000 events; seed 1 draws 9,964 (tests/random-faults.test.ts counts them the same way).
  const dir = tmp(), file = join(dir, 'flaps.yaml');
  writeFileSync(file, readFileSync(scenario, 'utf8').replace('checks:', 'until: 100 s\nfaults:\n  - random: { kind: link-flap, targets: [l2], mtbf: 10 ms, mttr: 10 ms }\nchecks:'));
  assert.is(backlab('validate', file, '--max-events', '9964').status, 0, 'the 9,964 events fit: run takes them');
  const over = backlab('validate', file, '--max-events', '9963');
  assert.is(over.status, 2);
  assert.match(over.stderr, /faults\[0\]\.random\n {2}expects about 1\.00e\+4 random events, more than the 9,963 a run may take/);
  const run = backlab('run', file, '--max-events', '9963', '--out', dir);
  assert.is(run.status, 2);
  assert.match(run.stderr, /faults\[0\] alone schedules more than 9,963 random events/);
  rmSync(dir, { recursive: true });
});

test('run prints the first 100 links and says links.csv has the rest', () => {
  const out = tmp();
  const links: Record<string, unknown> = {};
  const flows: Record<string, unknown> = {};
  for (let i = 0; i < 130; i++) {
    links[`h${i}`] = { bandwidth: '1 GB/s' };
    flows[`f${i}`] = { route: [`h${i}`], bytes: '1 MB' };
  }
  const file = join(out, 'many.json');
  writeFileSync(file, JSON.stringify({ name: 'many', topology: { links }, workload: { flows } }));
  const r = backlab('run', file, '--out', out);
  assert.is(r.status, 0, r.stderr);
  const shown = r.stdout.split('\n').filter((l) => /^h\d+ +1\.00 GB\/s/.test(l)).map((l) => l.split(' ')[0]);
  assert.equal(shown, Array.from({ length: 100 }, (_, i) => `h${i}`));
  assert.match(r.stdout, '... and 30 more links: links.csv lists them all');
  assert.is(readFileSync(join(out, 'many', 'links.csv'), 'utf8').trimEnd().split('\n').length, 131);
  rmSync(out, { recursive: true });
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCompareReport, writeFolderAtomically, writeRunReport, writeSweepReport } from '../reports/write.ts';
import { checkOutDir, OutputError, REPORT_MARKER, reportTarget } from '../reports/target.ts';
import { bigRun, runFixture, sweepFixture } from './support/fixtures.ts';

const RUN_FILES = [REPORT_MARKER, 'checks.csv', 'devices.csv', 'flows.csv', 'jobs.csv', 'links.csv', 'report.html', 'summary.json', 'timeseries.csv'];

function scratch(): { root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'backlab-write-'));
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

/** Everything under `dir`, path -> content, to show a refused write touched nothing. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = join(e.parentPath ?? e.path, e.name);
    out[p] = e.isFile() ? readFileSync(p, 'utf8') : '<dir>';
  }
  return out;
}

test('writeRunReport writes exactly the report files, a marker listing them, and nothing beside the folder', () => {
  const { root, done } = scratch();
  const dir = join(root, 'out', 'lan-free');
  const r = runFixture();
  writeRunReport(r, dir);
  assert.equal(readdirSync(dir).sort(), RUN_FILES);
  assert.equal(readdirSync(join(root, 'out')), ['lan-free']);
  assert.equal(readFileSync(join(dir, REPORT_MARKER), 'utf8').split('\n'), ['backlab 0.1.0', ...RUN_FILES.slice(1), '']);
  assert.is(statSync(dir).mode & 0o777, 0o777 & ~process.umask(), 'as readable as any folder made here, not private like a temp dir');

  writeRunReport(r, dir, { chromeTrace: { traceEvents: [], displayTimeUnit: 'ns', otherData: {} } });
  assert.equal(readdirSync(dir).sort(), [...RUN_FILES, 'trace.json'].sort());
  assert.equal(JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')).traceEvents, []);
  done();
});

test('summary.json is the result without its timeseries, flows and ledger, one row a line; timeseries.csv has every sample', () => {
  const { root, done } = scratch();
  const r = runFixture();
  writeRunReport(r, join(root, 'r'));
  const text = readFileSync(join(root, 'r', 'summary.json'), 'utf8');
  const expected: Record<string, unknown> = { ...r, timeseriesFile: 'timeseries.csv', timeseriesRows: 20, flowsFile: 'flows.csv', flowsRows: 3, ledgerRows: 0 };
  delete expected.timeseries;
  delete expected.flows;
  delete expected.ledger;
  assert.equal(JSON.parse(text), expected);
  assert.match(text, /^{\n {2}"scenario"/);
  assert.ok(text.includes(`\n    ${JSON.stringify(r.jobs[1])},\n`), 'a job is one line');
  const csv = readFileSync(join(root, 'r', 'timeseries.csv'), 'utf8').trimEnd().split('\n');
  assert.is(csv.length, 1 + r.timeseries.t.length);
  assert.is(csv[0], 't_s,lan_Bps,"san, fabric A_Bps",tape0_Bps,lan_utilisation,"san, fabric A_utilisation",tape0_utilisation');
  assert.is(csv[6], '150,1250000000,2880000000,0,1,0.9,0');
  done();
});

test('a new report replaces an old backlab report whole: no stale files, no hidden folders left', () => {
  const { root, done } = scratch();
  const dir = join(root, 'r');
  writeRunReport(runFixture(), dir, { chromeTrace: {} });
  writeRunReport(runFixture({ seed: 7 }), dir);
  assert.equal(readdirSync(dir).sort(), RUN_FILES, 'trace.json of the old report is gone');
  assert.is(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')).seed, 7);
  assert.equal(readdirSync(root), ['r']);
  done();
});

test('a foreign file inside an old report folder survives: the write is refused and nothing is deleted', () => {
  const { root, done } = scratch();
  const dir = join(root, 'parking-lot');
  // A folder backlab did not write (no marker), as in issue 26: t/parking-lot/thesis.tex.
  mkdirSync(dir);
  writeFileSync(join(dir, 'thesis.tex'), '\\documentclass{article}');
  const before = snapshot(root);
  assert.throws(() => writeRunReport(runFixture(), dir), (e: unknown) => e instanceof OutputError && /did not write/.test(e.message));
  assert.throws(() => reportTarget(root, 'parking-lot'), /has no \.backlab-report/);
  assert.equal(snapshot(root), before);

  // A report backlab wrote, with the user's file dropped in since: also refused, the file kept.
  rmSync(dir, { recursive: true });
  writeRunReport(runFixture(), dir);
  writeFileSync(join(dir, 'notes.txt'), 'mine');
  const written = snapshot(root);
  assert.throws(() => writeRunReport(runFixture({ seed: 9 }), dir), /'notes\.txt', which backlab did not write/);
  assert.equal(snapshot(root), written);

  // A file, or a symbolic link, where the folder would go.
  writeFileSync(join(root, 'plain'), 'x');
  assert.throws(() => writeRunReport(runFixture(), join(root, 'plain')), /is a file/);
  symlinkSync(dir, join(root, 'link'));
  assert.throws(() => writeRunReport(runFixture(), join(root, 'link')), /symbolic link/);
  assert.is(readFileSync(join(root, 'plain'), 'utf8'), 'x');
  assert.ok(existsSync(join(dir, 'notes.txt')));
  done();
});

test('a report folder name comes from a checked name and stays inside --out', () => {
  const { root, done } = scratch();
  const out = join(root, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'keep.txt'), 'x');
  // A scenario file named `.yaml` used to give '' and wipe --out itself.
  for (const bad of ['', '.', '..', '../../x', 'a/b', '.hidden', '-x', 'a..b', 'x'.repeat(300)]) {
    assert.throws(() => reportTarget(out, bad), (e: unknown) => e instanceof OutputError && /cannot name a report folder/.test(e.message), JSON.stringify(bad));
  }
  assert.is(reportTarget(out, 'parking-lot-shared'), join(out, 'parking-lot-shared'));
  // An empty folder holds nothing to lose: a report may take its place.
  mkdirSync(join(out, 'empty'));
  writeRunReport(runFixture(), join(out, 'empty'));
  assert.ok(existsSync(join(out, 'empty', 'summary.json')));
  rmSync(join(out, 'empty'), { recursive: true });
  assert.equal(readdirSync(root), ['out']);
  assert.equal(readdirSync(out), ['keep.txt']);
  done();
});

test('--out must be a folder or makeable, writable, on an ordinary filesystem', () => {
  const { root, done } = scratch();
  writeFileSync(join(root, 'file'), 'x');
  assert.throws(() => checkOutDir(join(root, 'file')), /--out names a file/);
  assert.throws(() => checkOutDir(join(root, 'file', 'sub')), /is a file, so no folder can be made under it/);
  for (const special of ['/proc', '/proc/self', '/sys/kernel', '/dev', '/dev/new-folder']) {
    if (existsSync(special.split('/').slice(0, 2).join('/'))) assert.throws(() => checkOutDir(special), /special filesystem/, special);
  }
  assert.throws(() => checkOutDir('/dev/null'), /names a file/);
  checkOutDir(join(root, 'a', 'b', 'c'));
  assert.not.ok(existsSync(join(root, 'a')), 'checking makes nothing');
  if (existsSync('/dev/shm')) checkOutDir('/dev/shm');

  const ro = join(root, 'ro');
  mkdirSync(ro);
  const undo = readOnly(ro);
  if (undo === null) console.warn('*** SKIPPED: no way to make a read-only folder here (root without chattr) ***');
  else {
    try {
      assert.throws(() => checkOutDir(ro), /not writable|read-only/);
      assert.throws(() => checkOutDir(join(ro, 'sub')), /not writable|read-only/);
    } finally {
      undo();
    }
  }
  done();
});

/** A folder this process cannot write: chmod for a user, the immutable attribute for root (who ignores modes). */
function readOnly(dir: string): (() => void) | null {
  if (process.getuid?.() !== 0) {
    chmodSync(dir, 0o555);
    return () => chmodSync(dir, 0o755);
  }
  if (spawnSync('chattr', ['+i', dir]).status !== 0) return null;
  return () => { spawnSync('chattr', ['-i', dir]); };
}

test('a full disk is the user\'s to fix: an OutputError (exit 2), the old report kept, nothing half-written', () => {
  const { root, done } = scratch();
  const disk = join(root, 'disk');
  mkdirSync(disk);
  // A 1 MiB tmpfs (a report page is about 300 kB): root only, and only where mounts are allowed.
  if (process.getuid?.() !== 0 || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', disk]).status !== 0) {
    console.warn('*** SKIPPED: a full disk needs a small tmpfs (root, mount allowed) ***');
    done();
    return;
  }
  try {
    const dir = join(disk, 'r');
    writeRunReport(runFixture(), dir);
    const before = snapshot(disk);
    assert.throws(() => writeRunReport(bigRun(1000), dir), (e: unknown) => e instanceof OutputError && /could not be written: ENOSPC/.test(e.message));
    assert.equal(snapshot(disk), before);
  } finally {
    spawnSync('umount', [disk]);
    done();
  }
});

test('a writer that throws mid-way leaves no folder and nothing hidden', () => {
  const { root, done } = scratch();
  const dir = join(root, 'r');
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  // summary, CSVs and report.html are written before trace.json fails to serialise.
  assert.throws(() => writeRunReport(runFixture(), dir, { chromeTrace: circular }), /circular/i);
  assert.equal(readdirSync(root), []);

  assert.throws(() => writeFolderAtomically(dir, 'test', (tmp) => {
    writeFileSync(join(tmp, 'a.txt'), 'a');
    throw new Error('disk full');
  }), /disk full/);
  assert.equal(readdirSync(root), []);
  done();
});

test('a failed write keeps the previous report as it was', () => {
  const { root, done } = scratch();
  const dir = join(root, 'r');
  writeRunReport(runFixture(), dir);
  const before = snapshot(root);
  assert.throws(() => writeFolderAtomically(dir, 'test', () => { throw new Error('boom'); }), /boom/);
  assert.equal(snapshot(root), before);
  done();
});

/** The report under `dir` is complete and is the one written with `seed`. */
function completeReportOf(dir: string): number {
  const listed = readFileSync(join(dir, REPORT_MARKER), 'utf8').trimEnd().split('\n').slice(1);
  assert.equal([REPORT_MARKER, ...listed].sort(), readdirSync(dir).sort());
  assert.equal(listed, RUN_FILES.slice(1));
  const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
  const csv = readFileSync(join(dir, 'timeseries.csv'), 'utf8');
  assert.is(csv.split('\n').length - 2, summary.timeseriesRows, 'timeseries.csv is whole');
  assert.ok(readFileSync(join(dir, 'report.html'), 'utf8').trimEnd().endsWith('</html>'));
  return summary.seed;
}

test('a writer killed at any instant leaves the old report or the new one, complete, under the final name', async () => {
  const { root, done } = scratch();
  const dir = join(root, 'r');
  writeRunReport(bigRun(200, 1), dir);
  const child = new URL('./support/write-child.ts', import.meta.url).pathname;
  const seen = new Set<number>();
  // Each child rewrites the report in a loop (about 0.3 s a write); kill it at instants spread over several writes.
  for (const ms of [0, 70, 160, 260, 370, 490, 620, 760, 900]) {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, String(2 + (ms % 3)), '200'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((go) => p.stdout.once('data', () => go()));
    await new Promise((later) => setTimeout(later, ms));
    p.kill('SIGKILL');
    await new Promise((ended) => p.once('exit', ended));
    const left = readdirSync(root);
    if (!left.includes('r')) {
      // Killed between the two renames: the old report waits aside, complete, and the next write puts it back.
      const aside = left.filter((f) => f.startsWith('.r.old-'));
      assert.is(aside.length, 1, left.join(' '));
      completeReportOf(join(root, aside[0]));
      assert.throws(() => writeFolderAtomically(dir, 'test', () => { throw new Error('stop before the swap'); }), /stop before/);
    }
    seen.add(completeReportOf(dir));
  }
  // The next write clears what the killed writers left beside it.
  writeRunReport(bigRun(10, 9), dir);
  assert.equal(readdirSync(root), ['r'], JSON.stringify(snapshot(root), (k, v) => (typeof v === 'string' && v.length > 80 ? `${v.length} chars` : v)));
  assert.is(completeReportOf(dir), 9);
  assert.ok(seen.size >= 2, `kills landed both before and after a swap (seeds seen: ${[...seen].join(', ')})`);
  done();
});

test('a big run is written in bounded pieces: summary.json stays small, timeseries.csv has every row', () => {
  const { root, done } = scratch();
  const r = bigRun(2000);
  writeRunReport(r, join(root, 'big'));
  const summary = statSync(join(root, 'big', 'summary.json')).size;
  assert.ok(summary < 20_000, `summary.json is ${summary} bytes`);
  assert.is(readFileSync(join(root, 'big', 'timeseries.csv'), 'utf8').split('\n').length - 2, 2000);
  done();
});

test('sweep and compare writers write their CSV and page', () => {
  const { root, done } = scratch();
  writeSweepReport(sweepFixture(), { scenario: 'sweep me', backlab: '0.1.0' }, join(root, 'sweep'));
  assert.equal(readdirSync(join(root, 'sweep')).sort(), [REPORT_MARKER, 'report.html', 'runs.csv']);
  writeCompareReport([runFixture({ variant: 'a' }), runFixture({ variant: 'b' })], join(root, 'cmp'));
  assert.equal(readdirSync(join(root, 'cmp')).sort(), [REPORT_MARKER, 'assumptions.csv', 'compare.csv', 'report.html']);
  assert.equal(readdirSync(root).sort(), ['cmp', 'sweep']);
  done();
});

test.run();

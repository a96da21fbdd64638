import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCompareReport, writeFolderAtomically, writeRunReport, writeSweepReport } from '../reports/write.ts';
import { runFixture, sweepFixture } from './support/fixtures.ts';

const RUN_FILES = ['checks.csv', 'devices.csv', 'flows.csv', 'jobs.csv', 'links.csv', 'report.html', 'summary.json', 'timeseries.csv'];

function scratch(): { root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'backlab-write-'));
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

test('writeRunReport writes exactly the report files and leaves no .partial', () => {
  const { root, done } = scratch();
  const dir = join(root, 'out', 'lan-free');
  const r = runFixture();
  writeRunReport(r, dir);
  assert.equal(readdirSync(dir).sort(), RUN_FILES);
  assert.equal(readdirSync(join(root, 'out')), ['lan-free']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')), r);
  assert.match(readFileSync(join(dir, 'summary.json'), 'utf8'), /^{\n  "scenario"/);

  writeRunReport(r, dir, { chromeTrace: { traceEvents: [], displayTimeUnit: 'ns', otherData: {} } });
  assert.equal(readdirSync(dir).sort(), [...RUN_FILES, 'trace.json'].sort());
  assert.equal(JSON.parse(readFileSync(join(dir, 'trace.json'), 'utf8')).traceEvents, []);
  done();
});

test('a new report replaces the old folder whole: no stale files survive', () => {
  const { root, done } = scratch();
  const dir = join(root, 'r');
  mkdirSync(dir);
  writeFileSync(join(dir, 'stale.csv'), 'x\n');
  writeFileSync(`${dir}.partial`, 'left by a crash');
  writeRunReport(runFixture(), dir);
  assert.equal(readdirSync(dir).sort(), RUN_FILES);
  assert.not.ok(existsSync(`${dir}.partial`));
  done();
});

test('a writer that throws mid-way leaves neither the folder nor its .partial', () => {
  const { root, done } = scratch();
  const dir = join(root, 'r');
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  // summary, CSVs and report.html are written before trace.json fails to serialise.
  assert.throws(() => writeRunReport(runFixture(), dir, { chromeTrace: circular }), /circular/i);
  assert.not.ok(existsSync(dir));
  assert.not.ok(existsSync(`${dir}.partial`));
  assert.equal(readdirSync(root), []);

  assert.throws(() => writeFolderAtomically(dir, (tmp) => {
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
  const before = readFileSync(join(dir, 'summary.json'), 'utf8');
  assert.throws(() => writeFolderAtomically(dir, () => { throw new Error('boom'); }), /boom/);
  assert.equal(readdirSync(dir).sort(), RUN_FILES);
  assert.is(readFileSync(join(dir, 'summary.json'), 'utf8'), before);
  assert.not.ok(existsSync(`${dir}.partial`));
  done();
});

test('sweep and compare writers write their CSV and page', () => {
  const { root, done } = scratch();
  writeSweepReport(sweepFixture(), { scenario: 'sweep me' }, join(root, 'sweep'));
  assert.equal(readdirSync(join(root, 'sweep')).sort(), ['report.html', 'runs.csv']);
  writeCompareReport([runFixture({ variant: 'a' }), runFixture({ variant: 'b' })], join(root, 'cmp'));
  assert.equal(readdirSync(join(root, 'cmp')).sort(), ['assumptions.csv', 'compare.csv', 'report.html']);
  assert.equal(readdirSync(root).sort(), ['cmp', 'sweep']);
  done();
});

test.run();

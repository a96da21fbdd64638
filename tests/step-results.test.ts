import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStepResult } from '../sim/protocols/common/step-results.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;

test('a step result adds its numbers under <op>.<field>, counts true flags, and leaves text and lists out', () => {
  const into: Record<string, number> = {};
  addStepResult(into, 'vtl.write', { bytes: 10, storedBytes: 4, ratio: null, into: 'DR001' });
  addStepResult(into, 'vtl.write', { bytes: 5, storedBytes: 2 });
  addStepResult(into, 'vss.snapshot', { overLimit: true, shadows: [1, 2] });
  addStepResult(into, 'sleep', undefined);
  assert.equal(into, { 'vtl.write.bytes': 15, 'vtl.write.storedBytes': 6, 'vss.snapshot.overLimit': 1 });
});

test('jobs.csv and summary.json carry the stored and wire bytes of a VTL replication', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-steps-'));
  try {
    const r = spawnSync(process.execPath, [bin, 'run', new URL('../scenarios/vtl.yaml', import.meta.url).pathname, '--out', out], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const [dir] = readdirSync(out);
    const [head, ...lines] = readFileSync(join(out, dir, 'jobs.csv'), 'utf8').trimEnd().split('\n');
    const cols = head.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    const job = (name: string) => rows.find((x) => x.name === name)!;
    // week 1, the first full: 1 TB of 4 KB chunks, all new, compressed 1.6:1, and 40 B of reference per chunk on the wire
    assert.is(Number(job('week-1')['vtl.replicate.storedBytes']), 1e12 / 1.6);
    assert.is(Number(job('week-1')['vtl.replicate.wireBytes']), 1e12 / 1.6 + (1e12 / 4000) * 40);
    // week 2: about 1% of the chunks changed (drawn at random), so about 1% of week 1's stored bytes
    const stored2 = Number(job('week-2')['vtl.replicate.storedBytes']);
    assert.ok(Math.abs(stored2 / (0.01 * 1e12 / 1.6) - 1) < 0.02, `week 2 stored ${stored2}`);
    assert.is(Number(job('week-2')['vtl.replicate.wireBytes']), stored2 + (1e12 / 4000) * 40);
    assert.is(job('week-1')['vtl.copy.bytes'], '', 'a step a job never ran is an empty cell');
    const summary = JSON.parse(readFileSync(join(out, dir, 'summary.json'), 'utf8'));
    assert.is(summary.jobs.find((j: { name: string }) => j.name === 'week-2').results['vtl.replicate.storedBytes'], stored2);
  } finally {
    rmSync(out, { recursive: true });
  }
});

test.run();

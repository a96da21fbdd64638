import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStepResult } from '../sim/protocols/common/step-results.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

const bin = new URL('../bin/backlab.mjs', import.meta.url).pathname;

/** A CSV of plain cells (no quoted commas) as records. */
function records(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

test('a step result adds its numbers under <op>.<field>, counts true flags, and leaves text and lists out', () => {
  const into: Record<string, number> = {};
  addStepResult(into, 'vtl.write', { bytes: 10, storedBytes: 4, ratio: null, into: 'DR001' });
  addStepResult(into, 'vtl.write', { bytes: 5, storedBytes: 2 });
  addStepResult(into, 'vss.snapshot', { overLimit: true, shadows: [1, 2] });
  addStepResult(into, 'sleep', undefined);
  addStepResult(into, 'transfer', { flow: 7, bytes: 3, start: 1e9, end: 2e9 });
  addStepResult(into, 'vm.start', { vm: 'web', time: 5e9 });
  assert.equal(into, { 'vtl.write.bytes': 15, 'vtl.write.storedBytes': 6, 'vss.snapshot.overLimit': 1, 'transfer.bytes': 3 });
});

test('jobs.csv and summary.json carry the stored and wire bytes of a VTL replication', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-steps-'));
  try {
    const r = spawnSync(process.execPath, [bin, 'run', new URL('../scenarios/vtl.yaml', import.meta.url).pathname, '--out', out], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const [dir] = readdirSync(out);
    const rows = records(join(out, dir, 'jobs.csv'));
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

test('a protocol\'s jobs carry their step results: remotecopy\'s VTL replication stores new chunks / 1.6 and sends 40 B per chunk more', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-steps-'));
  try {
    const r = spawnSync(process.execPath, [bin, 'run', new URL('../scenarios/remotecopy.yaml', import.meta.url).pathname, '--out', out], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const [dir] = readdirSync(out);
    const rows = records(join(out, dir, 'jobs.csv'));
    const num = (row: Record<string, string>, col: string) => Number(row[col]);
    // HP's published dedup figures (domain-figures §7): 4 KB chunks, 1.6:1 compression of new chunks, 40 B of reference per chunk.
    const chunks = (bytes: number) => bytes / 4000;
    // The seeding: the dataset's first full of 1 TB, every chunk new, replicated on site.
    const seed = rows.find((x) => x.name === 'seed')!;
    assert.is(num(seed, 'vtl.write.storedBytes'), 1e12 / 1.6);
    assert.is(num(seed, 'vtl.replicate.storedBytes'), 1e12 / 1.6);
    assert.is(num(seed, 'vtl.replicate.wireBytes'), 1e12 / 1.6 + chunks(1e12) * 40);
    // Each replication (the replicator's job) sends what its backup (the backup application's job, via the coordinator) stored new.
    const backups = rows.filter((x) => x.kind === 'backup');
    const replications = rows.filter((x) => x.kind === 'replication');
    assert.is(replications.length, 6);
    replications.forEach((rep, i) => {
      const logical = num(backups[i], 'vtl.write.bytes');
      assert.is(num(rep, 'vtl.replicate.bytes'), logical, rep.name);
      assert.ok(Math.abs(num(rep, 'vtl.replicate.storedBytes') - num(backups[i], 'vtl.write.newBytes') / 1.6) < 1, rep.name);
      assert.ok(Math.abs(num(rep, 'vtl.replicate.wireBytes') - (num(rep, 'vtl.replicate.storedBytes') + chunks(logical) * 40)) < 1, rep.name);
      assert.is(num(rep, 'bytes'), num(rep, 'vtl.replicate.wireBytes'));
    });
    // HP VLS guide Table 5: 1 TB at 1 % change sends 16.3 GB with dedup (the first full after seeding, w1d1).
    assert.ok(Math.abs(num(replications[0], 'vtl.replicate.wireBytes') / 16.3e9 - 1) < 0.01, replications[0]['vtl.replicate.wireBytes']);
    // The week's copy: the device control's tape writes, for the backup application's copy job, 1 TB + 5 × 100 GB on one cartridge mount.
    const copy = rows.find((x) => x.kind === 'copy')!;
    assert.is(num(copy, 'tape.write.bytes'), 1.5e12);
    assert.is(num(copy, 'tape.mount.count'), 1);
    const summary = JSON.parse(readFileSync(join(out, dir, 'summary.json'), 'utf8'));
    assert.equal(summary.jobs.find((j: { kind: string }) => j.kind === 'copy').results, { 'tape.mount.count': 1, 'tape.write.bytes': 1.5e12, 'tape.write.backhitches': 0, 'tape.write.cartridgeChanges': 0, 'tape.unmount.count': 1 });
  } finally {
    rmSync(out, { recursive: true });
  }
});

test('a vmdr restore job carries its restore slot\'s step results: the boot data it read, the reverts it made', () => {
  const file = new URL('../scenarios/vmdr-student.yaml', import.meta.url).pathname;
  const r = runScenario(loadScenario('vmdr-student.yaml', readFileSync(file, 'utf8')));
  const restores = r.jobs.filter((j) => j.kind === 'restore');
  assert.equal(restores.map((j) => j.name), ['restore web', 'restore db']);
  // each VM boots reading `read` (1 GB by the scenario) through its array: the flows the slot moved for the job
  for (const j of restores) {
    assert.is(j.results!['transfer.bytes'], 1e9, j.name);
    assert.is(j.results!['transfer.bytes'], r.flows.filter((f) => f.job === j.name).reduce((s, f) => s + f.delivered, 0), `${j.name}: its flows' bytes`);
    assert.is(j.results!['storage.restore.time'], undefined, 'an instant is not summed');
  }
});


test('a LAN-free session\'s job carries its tape steps: bytes written or read, mounts, locates and the back-hitches its drive made', () => {
  const out = mkdtempSync(join(tmpdir(), 'backlab-steps-'));
  try {
    const r = spawnSync(process.execPath, [bin, 'run', new URL('../scenarios/lan-vs-lanfree.yaml', import.meta.url).pathname, '--variant', 'lan', '--out', out], { encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    const jobs = records(join(out, 'lan-vs-lanfree-lan', 'jobs.csv'));
    const backups = jobs.filter((j) => j.kind === 'backup');
    assert.is(backups.length, 8);
    // Each client's 400 GB goes to tape in its own session (the scenario's data), in transactions of 2 GiB.
    for (const j of backups) assert.is(Number(j['tape.write.bytes']), 400e9, j.name);
    const restore = jobs.find((j) => j.kind === 'restore')!;
    assert.is(Number(restore['tape.read.bytes']), 400e9);
    assert.is(Number(restore['tape.locate.count']), 1, 'the restore locates its data once');
    // Every mount a drive made was a session's (devices.csv counts them per drive, independently of the jobs).
    const drives = records(join(out, 'lan-vs-lanfree-lan', 'devices.csv')).filter((d) => d.kind === 'tape drive');
    assert.is(drives.length, 4);
    const sum = (rows: Record<string, string>[], col: string) => rows.reduce((a, x) => a + Number(x[col] || 0), 0);
    assert.is(sum(jobs, 'tape.mount.count'), sum(drives, 'mounts'));
    assert.is(sum(jobs, 'tape.write.backhitches') + sum(jobs, 'tape.read.backhitches'), sum(drives, 'backhitches'));
  } finally {
    rmSync(out, { recursive: true });
  }
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import type { RemoteCopyDef } from '../sim/protocols/remotecopy/def.ts';
import { REMOTECOPY_INVARIANTS } from '../sim/protocols/remotecopy/invariants.ts';
import { REPLICATION_PENDING } from '../sim/protocols/remotecopy/messages.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { fuzzSeeds, seedRange } from './support/fuzz-seeds.ts';

test('remotecopy fuzz: 80 heavy, 30 light and 30 fault-free seeds load, run and break no invariant', () => {
  const runs = [fuzzSeeds('remotecopy', seedRange(1, 80), 'heavy'), fuzzSeeds('remotecopy', seedRange(81, 110), 'light'), fuzzSeeds('remotecopy', seedRange(111, 140), 'none')];
  assert.equal(runs.flatMap((r) => r.problems), []);
  assert.is(runs.reduce((a, r) => a + r.runs, 0), 140);
});

test('remotecopy fuzz: a seed replays exactly', () => {
  for (const seed of [5, 186, 215]) {
    const [a, b] = [fuzzSeeds('remotecopy', [seed], 'heavy'), fuzzSeeds('remotecopy', [seed], 'heavy')];
    assert.is(a.hashes.get(seed), b.hashes.get(seed));
  }
});

/** scenarios/remotecopy.yaml (a variant of it): every invariant holds; doctored, each breaks. */
function week(variant?: string): { def: RemoteCopyDef; r: RunResult } {
  const s = loadScenario('remotecopy.yaml', readFileSync(new URL('../scenarios/remotecopy.yaml', import.meta.url), 'utf8'), variant ? { variant } : {});
  return { def: s.protocol!.def as RemoteCopyDef, r: runScenario(s) };
}

const verdict = (name: string, def: RemoteCopyDef, r: RunResult) => REMOTECOPY_INVARIANTS.find((i) => i.name.startsWith(name))!.check(def, r) ?? '';
const doctor = (r: RunResult, f: (x: RunResult) => void): RunResult => { const x = structuredClone(r); f(x); return x; };
const jobOf = (x: RunResult, name: string) => x.jobs.find((j) => j.name === name)!;

test('the invariant reads the failure\'s code, not its words', () => {
  const { def, r } = week();
  const failed = (x: RunResult, fields: object) => Object.assign(jobOf(x, 'w1 smart copy'), { status: 'failed', ...fields });
  assert.is(verdict('a copy to the remote tape', def, doctor(r, (x) => failed(x, { reason: 'its replication has not finished' }))), '');
  assert.match(verdict('a copy to the remote tape', def, doctor(r, (x) => failed(x, { reason: 'reworded', code: REPLICATION_PENDING }))), /went before the replication it waits for: reworded/);
});

test('remotecopy invariants hold on the T3 week, and each fails on a doctored result', () => {
  const { def, r } = week();
  for (const inv of REMOTECOPY_INVARIANTS) assert.is(inv.check(def, r), null, inv.name);
  const copy = jobOf(r, 'w1 smart copy');
  // the copy before its cartridges' replication
  assert.match(verdict('a copy to the remote tape', def, doctor(r, (x) => { jobOf(x, 'replicate ABC006').end = copy.end! + 1; })), /^w1 smart copy completed at .* before the replication of ABC006 ended/);
  assert.match(verdict('a copy to the remote tape', def, doctor(r, (x) => { jobOf(x, 'replicate ABC003').status = 'failed'; })), /but the replication of ABC003 failed/);
  assert.match(verdict('a copy to the remote tape', def, doctor(r, (x) => { Object.assign(jobOf(x, 'w1 smart copy'), { status: 'failed', reason: 'DR001 in dr-vtl holds 0 of the 1e12 bytes to copy: its replication has not finished', code: REPLICATION_PENDING }); })), /went before the replication it waits for/);
  // bytes missing from tape
  assert.match(verdict('a completed copy', def, doctor(r, (x) => { jobOf(x, 'w1 smart copy').bytes -= 1e11; })), /completed with 1400000000000 bytes on tape, but its cartridges hold 1500000000000/);
  assert.match(verdict('a completed copy', def, doctor(r, (x) => { x.metrics.tape_bytes += 1e9; })), /the copies completed with 1500000000000 bytes, but the drives wrote 1501000000000/);
  // the WAN: accounting, dedup, the baseline's ratio
  assert.match(verdict('only new chunks', def, doctor(r, (x) => { x.metrics.wan_bytes += 1e9; })), /^the replications sent .* but wan_bytes is/);
  assert.match(verdict('only new chunks', def, doctor(r, (x) => { x.links.find((l) => l.name === 'wan')!.bytes += 1e9; })), /^WAN link wan carried/);
  assert.match(verdict('only new chunks', def, doctor(r, (x) => { x.metrics.replicated_bytes = 1e10; })), /^dedup replication sent .* more than all its chunks compressed and referenced/);
  assert.match(verdict('only new chunks', { ...def, replication: 'full' }, r), /^full replication sent .* not the 937500000000 at 1\.6:1/);
  // a lock nobody asked for
  assert.match(verdict('the lock', def, doctor(r, (x) => { x.metrics.lock_time = 60; })), /no lock asked for, yet the library was locked 60 s/);
});

test('remotecopy invariants: the lock delays a write no longer than the copy (locked variant), and a doctored delay breaks it', () => {
  const { def, r } = week('locked');
  assert.ok(r.metrics.write_delay > 0);
  for (const inv of REMOTECOPY_INVARIANTS) assert.is(inv.check(def, r), null, inv.name);
  assert.match(verdict('the lock', def, doctor(r, (x) => { x.metrics.write_delay = x.metrics.lock_time + 1; })), /^writes were delayed .* longer than the library was locked/);
  assert.match(verdict('the lock', def, doctor(r, (x) => { x.metrics.lock_time = x.metrics.copy_time + 1; })), /^the library was locked .* longer than the copies took/);
});

test.run();

/**
 * Generated vtl scenarios break no invariant and reach the cases the
 * invariants are about; each invariant of the family's audit can fail, and
 * the fuzzer's checks see it; a seed replays exactly.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { fuzzClean, generated } from './support/fuzz.ts';
import { generate } from '../sim/fuzz/generate.ts';
import { checkedRun } from '../sim/fuzz/checked-run.ts';
import { fuzzOne } from '../sim/fuzz/fuzz-one.ts';
import { audit } from '../sim/model/vtls/figures.ts';
import { VirtualTapeLibrary, type VtlDef } from '../sim/model/vtls/vtl.ts';
import { RandomStream } from '../sim/engine/rng.ts';

const GB = 1e9;
const DAY = 86400e9;

test('generated vtl scenarios load and break no invariant: 30 seeds heavy, 10 light, 10 none', () => {
  const runs = [...fuzzClean('vtl', 1, 30, 'heavy'), ...fuzzClean('vtl', 31, 40, 'light'), ...fuzzClean('vtl', 41, 50, 'none')];
  const jobs = runs.flatMap((r) => r.result.jobs);
  const results = (k: string) => jobs.reduce((m, j) => m + (j.results?.[k] ?? 0), 0);
  const failedFor = (why: RegExp) => jobs.some((j) => j.status === 'failed' && why.test(j.reason ?? ''));
  assert.ok(results('vtl.expire.expired') > 0, 'nothing expired');
  assert.ok(results('vtl.gc.freed') > 0, 'garbage collection freed nothing');
  assert.ok(results('vtl.replicate.bytes') > 0, 'nothing replicated');
  assert.ok(results('vtl.restore.bytes') > 0, 'nothing restored');
  assert.ok(failedFor(/removed by retention/), 'no restore asked for a version retention had removed');
  assert.ok(failedFor(/no scratch cartridge left/), 'scratch never ran out');
  assert.ok(failedFor(/is full/), 'the disk never filled');
  // A library with no cartridge left for a version it builds (a synthetic full) or receives (a replica) fails that step; it used to crash the run.
  assert.ok(jobs.some((j) => j.name.startsWith('c') && /no scratch cartridge left for a version of/.test(j.reason ?? '')), 'no synthetic full found the library full');
  assert.ok(jobs.some((j) => j.name.startsWith('maintenance') && /'remote' has no scratch cartridge left for a version of/.test(j.reason ?? '')), 'no replica found the target full');
});

const def = (): VtlDef => ({
  name: 'a', rate: 100e6, stream: 50e6, capacity: 20 * GB, housekeeping: 50e6, retention: { versions: 1 },
  barcodes: ['A001', 'A002', 'A003', 'A004'],
  dedup: { chunk: 4096, change: 0.01, compression: 2, reference: 0 },
});

/** A library with three versions of one dataset written a day apart, the oldest two expired, and a restore of the newest. */
function library(): VirtualTapeLibrary {
  const v = new VirtualTapeLibrary(def(), new RandomStream(3, 'vtl-fuzz'));
  for (let day = 0; day < 3; day++) {
    const bytes = 15 * GB;
    const held = v.takeAny(bytes, 'a write');
    const plan = v.planWrite(held, bytes, 'x', 0.1);
    v.commitWrite(held, { dataset: 'x', level: 'full', day }, plan, bytes, day * DAY);
    for (const c of held) v.release(c);
  }
  v.expire(2);
  const kept = v.catalog.versionsOf('x').at(-1)!;
  v.catalog.restored.push({ version: kept, day: 2, expiredOn: null });
  return v;
}

const expiredOne = (v: VirtualTapeLibrary) => v.catalog.versionsOf('x')[0];
const someUsed = (v: VirtualTapeLibrary) => [...v.cartridges.values()].find((c) => c.versions.size > 0)!;

test('the audit passes a consistent state and names each broken invariant', () => {
  const ok = library();
  assert.is(ok.catalog.count, 1);
  assert.ok(ok.dedup.garbage > 0, 'expiry made no garbage');
  assert.equal(audit(ok), []);
  const cases: [string, (v: VirtualTapeLibrary) => void, RegExp][] = [
    ['a cartridge over capacity', (v) => { someUsed(v).used = 20 * GB + 1; }, /cartridge A00\d holds 20000000001 bytes, over its 20000000000/],
    ['expired bytes counted as logical', (v) => { v.dedup.logical += expiredOne(v).bytes; }, /logical bytes .* are not those of the versions kept/],
    ['an expired version still on a cartridge', (v) => { someUsed(v).versions.add(expiredOne(v)); }, /still lists an expired version/],
    ['an expired version counted as kept', (v) => { v.catalog.count++; }, /2 versions counted, 1 kept/],
    ['stored referenced above logical', (v) => { v.dedup.stored += 100 * GB; }, /stored bytes referenced exceed the .* logical bytes kept/],
    ['negative garbage', (v) => { v.dedup.stored -= v.dedup.garbage + 1e6; v.dedup.garbage = -1e6; }, /garbage is negative/],
    ['a restore of a version retention removed', (v) => { const x = expiredOne(v); v.catalog.restored.push({ version: x, day: 2, expiredOn: x.expiredOn }); }, /restored the full of 'x' taken on day 0 on day 2, after retention removed it on day 2/],
    ['scratch + used not the cartridges', (v) => { const c = someUsed(v); c.used = 0; c.versions.clear(); }, /\d scratch and \d used cartridges of 4/],
  ];
  for (const [what, tamper, says] of cases) {
    const v = library();
    tamper(v);
    const found = audit(v);
    assert.ok(found.some((f) => says.test(f)), `${what}: ${JSON.stringify(found)}`);
  }
});

test('a cartridge begun for a write that failed (the disk full) is counted once when the next write looks for room: no cartridge over capacity', () => {
  const v = new VirtualTapeLibrary({ ...def(), diskCapacity: 1 * GB }, new RandomStream(3, 'vtl-fuzz'));
  const first = v.takeAny(15 * GB, 'a write');
  assert.throws(() => v.planWrite(first, 15 * GB, 'x'), /disk of virtual tape library 'a' is full/);
  for (const c of first) v.release(c);
  const held = v.takeAny(30 * GB, 'a write');
  assert.equal(held.map((c) => c.barcode), ['A001', 'A002']);
});

test('the fuzzer\'s invariants reach the libraries\' audit: a run whose library miscounts its scratch cartridges is a finding', () => {
  const proto = VirtualTapeLibrary.prototype;
  const honest = proto.scratchCount;
  proto.scratchCount = function (this: VirtualTapeLibrary) { return honest.call(this) + 1; };
  let run;
  try {
    run = checkedRun(generated('vtl', 41, 'none'));
  } finally {
    proto.scratchCount = honest;
  }
  const found = run.violations.find((v) => v.invariant.startsWith('the equipment holds together'));
  assert.ok(found !== undefined && /site: \d+ scratch and \d+ used cartridges of \d+/.test(found.what), JSON.stringify(run.violations));
  assert.equal(checkedRun(generated('vtl', 41, 'none')).violations, []);
});

test('a seed replays exactly: the same scenario, the same trace hash; another seed differs', () => {
  assert.equal(generate('vtl', 7, 'heavy'), generate('vtl', 7, 'heavy'));
  assert.not.equal(generate('vtl', 7, 'heavy'), generate('vtl', 8, 'heavy'));
  const once = fuzzOne({ kind: 'vtl', seed: 7, faults: 'heavy', twice: true });
  assert.equal(once.findings, []);
  const again = fuzzOne({ kind: 'vtl', seed: 7, faults: 'heavy', twice: false });
  assert.is(again.traceHash, once.traceHash);
  assert.is(again.text, once.text);
  assert.is.not(fuzzOne({ kind: 'vtl', seed: 8, faults: 'heavy', twice: false }).traceHash, once.traceHash);
});

test.run();

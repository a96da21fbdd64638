import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Kernel } from '../sim/engine/kernel.ts';
import { RandomStream } from '../sim/engine/rng.ts';
import type { Custom } from '../sim/engine/commands.ts';
import { binomial, DedupStore } from '../sim/model/vtls/dedup.ts';
import { vtlFamily } from '../sim/model/vtls/family.ts';
import type { VtlDef } from '../sim/model/vtls/vtl.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { runEachStep } from './support/steps.ts';
import { refusal } from './support/refusal.ts';

// HP D2D / VLS figures (domain-figures §7): 4 KB chunks, 1.6:1 compression; the reference size the family fits to Table 5.
const CHUNK = 4000;
const COMPRESSION = 1.6;
const REFERENCE = 40;
const TB = 1e12;
// T3 line rate at HP's 66 % efficiency, bytes/s.
const T3 = (44.736e6 * 0.66) / 8;

const store = (seed: number | string = 1, over: Partial<{ chunk: number; change: number; compression: number; reference: number }> = {}) =>
  new DedupStore({ chunk: CHUNK, change: 0.01, compression: COMPRESSION, reference: REFERENCE, ...over }, new RandomStream(seed, 'test/dedup'));

test('the first write of a dataset is all new, stored at 1.6:1', () => {
  const s = store();
  const w = s.write('fs', TB);
  assert.is(w.newBytes, TB);
  assert.is(w.storedBytes, TB / 1.6);
  assert.is(w.chunks, 2.5e8);
  assert.is(w.newChunks, 2.5e8);
  // A dataset that grew: the part beyond its stored size is new, the rest repeats (change 0 here).
  const g = s.write('fs', 1.5 * TB, 0);
  assert.is(g.newBytes, 0.5 * TB);
});

test('1 % change on a 1 TB rewrite: new chunks within the Binomial bound, reproducible for a seed', () => {
  const n = TB / CHUNK;
  const c = 0.01;
  const sd = Math.sqrt(n * c * (1 - c)); // 1573 chunks
  const again = (seed: number) => {
    const s = store(seed);
    s.write('fs', TB);
    return s.write('fs', TB, c);
  };
  const w = again(1);
  assert.ok(Math.abs(w.newChunks - n * c) <= 5 * sd, `${w.newChunks} new chunks, expected ${n * c} ± ${5 * sd}`);
  assert.ok(Math.abs(w.newBytes / TB - 0.01) <= (5 * sd * CHUNK) / TB, `new share ${w.newBytes / TB}`);
  assert.is(w.storedBytes, w.newBytes / COMPRESSION);
  assert.equal(again(1), w);
  assert.is.not(again(2).newChunks, w.newChunks);
  // Over many seeds the draws have the Binomial's mean and variance.
  const draws = Array.from({ length: 400 }, (_, i) => again(100 + i).newChunks);
  const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
  const variance = draws.reduce((a, b) => a + (b - mean) ** 2, 0) / (draws.length - 1);
  assert.ok(Math.abs(mean - n * c) <= (4 * sd) / Math.sqrt(draws.length), `mean ${mean}`);
  // The sample variance of 400 normal draws has a relative sd of sqrt(2/399) = 7 %.
  assert.ok(Math.abs(variance / (n * c * (1 - c)) - 1) < 0.3, `variance ${variance} vs ${n * c * (1 - c)}`);
});

test('the Binomial draw: per-chunk Bernoulli for small writes, exact inversion for a small mean, both with the right moments', () => {
  const moments = (n: number, p: number, runs: number) => {
    const rng = new RandomStream(9, `test/binomial/${n}/${p}`);
    const xs = Array.from({ length: runs }, () => binomial(n, p, rng));
    const mean = xs.reduce((a, b) => a + b, 0) / runs;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (runs - 1);
    return { mean, variance, xs };
  };
  for (const [n, p] of [[500, 0.01], [1000, 0.3], [1e6, 1e-5], [1e8, 2e-7], [3000, 0.999]] as const) {
    const runs = 4000;
    const { mean, variance, xs } = moments(n, p, runs);
    const mu = n * p;
    const v = n * p * (1 - p);
    assert.ok(Math.abs(mean - mu) <= (4 * Math.sqrt(v)) / Math.sqrt(runs), `n=${n} p=${p}: mean ${mean} vs ${mu}`);
    assert.ok(Math.abs(variance / v - 1) < 0.15, `n=${n} p=${p}: variance ${variance} vs ${v}`);
    assert.ok(xs.every((x) => Number.isInteger(x) && x >= 0 && x <= n));
  }
  // P(0) of Binomial(1e6, 1e-5) is (1 - 1e-5)^1e6 = e^-10.00005: too rare to see; P(k <= 10) is about 0.583.
  const { xs } = moments(1e6, 1e-5, 4000);
  const atMost10 = xs.filter((x) => x <= 10).length / xs.length;
  assert.ok(Math.abs(atMost10 - 0.58304) < 0.03, `P(k <= 10) ${atMost10}`);
  const rng = new RandomStream(1, 'edge');
  assert.equal([binomial(0, 0.5, rng), binomial(10, 0, rng), binomial(10, 1, rng)], [0, 0, 10]);
  assert.throws(() => binomial(10, 1.5, rng), /p must be in \[0, 1\]/);
});

test("HP D2D's rotation example: 25 weekly fulls and daily incrementals at 1 % change store under 1.25 TB, about 11:1", () => {
  // HP: 1 TB file server, 2:1 compression, 1 % daily change (10 % of the data in 10 % of the files),
  // 12.75 TB without deduplication (25 fulls of 500 GB and 5 incrementals of 50 GB), "less than 1.25 TB" with it.
  const s = store(3, { compression: 2 });
  s.write('fs', TB);
  for (let week = 1; week < 25; week++) {
    for (let day = 0; day < 5; day++) s.write('fs', 0.1 * TB, 0.1);
    s.write('fs', TB, 0); // the dailies stored every changed chunk already
  }
  assert.ok(s.stored < 1.25e12, `stored ${s.stored}`);
  const ratio = 12.75e12 / s.stored;
  assert.ok(ratio > 10.5 && ratio < 12, `ratio ${ratio}`);
});

// ---- through scenarios ----

const table5 = (change: number, seed = 1) => `name: table 5
seed: ${seed}
topology:
  links:
    lan: { bandwidth: 10 Gb/s }
    seed: { bandwidth: 10 Gb/s }
    t3: { bandwidth: 29.52576 Mb/s, latency: 10 ms }
  vtls:
    branch:
      cartridges: { count: 4, prefix: BR }
      replicate: { to: dr, route: [t3] }
    dr:
      cartridges: { count: 4, prefix: DR }
workload:
  jobs:
    backups:
      steps:
        - vtl.write: { vtl: branch, cartridge: BR001, bytes: 1 TB, route: [lan], dataset: fs }
        - vtl.replicate: { vtl: branch, cartridge: BR001, route: [seed], to: dr }
        - vtl.write: { vtl: branch, cartridge: BR002, bytes: 1 TB, route: [lan], dataset: fs, change: ${change} }
    replication:
      start: 2 d
      steps:
        - vtl.replicate: { vtl: branch, cartridge: BR002 }
`;

test('HP VLS Table 5: replicating a 1 TB backup over a T3 sends only the new chunks and their references', () => {
  // Table 5 (1 TB backup, dedup): 13.1 / 16.3 / 22.5 GB sent and 59 / 73 / 102 minutes on a T3 at 0.5 / 1 / 2 % change.
  for (const [change, hpBytes, hpMinutes] of [[0.005, 13.1e9, 59], [0.01, 16.3e9, 73], [0.02, 22.5e9, 102]] as const) {
    const r = runScenario(loadScenario('t5.yaml', table5(change)));
    assert.ok(r.jobs.every((j) => j.status === 'completed'), JSON.stringify(r.jobs));
    const wire = r.links.find((l) => l.name === 't3')!.bytes;
    const expected = (change * TB) / COMPRESSION + (TB / CHUNK) * REFERENCE;
    const sd = (Math.sqrt((TB / CHUNK) * change * (1 - change)) * CHUNK) / COMPRESSION;
    assert.ok(Math.abs(wire - expected) <= 5 * sd, `${change}: ${wire} on the wire, expected ${expected} ± ${5 * sd}`);
    assert.ok(Math.abs(wire / hpBytes - 1) < 0.02, `${change}: ${wire} vs HP ${hpBytes}`);
    // The replication alone on the T3: latency + wire bytes / bandwidth, to the nanosecond.
    const rep = r.jobs.find((j) => j.name === 'replication')!;
    const took = rep.end! - rep.start;
    assert.ok(Math.abs(took - (0.01 + wire / T3)) < 2e-9, `${took} s vs ${0.01 + wire / T3}`);
    assert.ok(Math.abs(took / 60 - hpMinutes) < 1, `${took / 60} min vs HP ${hpMinutes}`);
    // The job reports logical bytes: the whole 1 TB cartridge.
    assert.is(rep.bytes, TB);
  }
  // The seed alone decides the draws: the same seed gives the same run, another seed other chunks.
  const a = runScenario(loadScenario('t5.yaml', table5(0.01)));
  const b = runScenario(loadScenario('t5.yaml', table5(0.01)));
  const c = runScenario(loadScenario('t5.yaml', table5(0.01, 2)));
  assert.is(a.traceHash, b.traceHash);
  const t3 = (x: typeof a) => x.links.find((l) => l.name === 't3')!.bytes;
  assert.is(t3(a), t3(b));
  assert.is.not(t3(a), t3(c));
});

/** The vtls family alone in a kernel, and one process that yields `steps` in turn; what each step returned or threw. */
function play(text: string, steps: Custom[], opts: { failAt?: { t: number; device: string } } = {}) {
  const scn = loadScenario('p.yaml', text);
  const kernel = new Kernel({ seed: scn.seed });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  const rt = vtlFamily.build(scn.models.get('vtls') as VtlDef[], { kernel, ledger: new Ledger(() => kernel.now), device: (n, _kind, spec) => kernel.net.addLink(n, spec) });
  if (opts.failAt) kernel.at(opts.failAt.t, () => rt?.failDevice?.(opts.failAt!.device));
  return { out: runEachStep(kernel, steps), kernel };
}

const lib = `name: lib
topology:
  links:
    lan: { bandwidth: 1 GB/s }
    wan: { bandwidth: 10 MB/s, latency: 5 ms }
    sas: { bandwidth: 140 MB/s }
  vtls:
    a:
      disk: { rate: 100 MB/s, stream: 50 MB/s }
      cartridges: { count: 3, capacity: 100 GB }
      dedup: { compression: 2, reference: 0 B }
      replicate: { to: b, route: [wan] }
    b:
      cartridges: { count: 3, capacity: 100 GB }
workload: { jobs: { idle: { steps: [ { sleep: 0 s } ] } } }
`;

test('vtl.write answers new bytes and ratio; a backup stream is capped at the per-stream rate', () => {
  const { out } = play(lib, [
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-001', bytes: 10e9, route: ['lan'], dataset: 'db' },
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-002', bytes: 10e9, route: ['lan'], dataset: 'db', change: 0 },
  ]);
  // 10 GB at the 50 MB/s stream cap: 200 s; first write all new at 2:1.
  assert.equal(out[0], { t: 200, value: { bytes: 10e9, newBytes: 10e9, storedBytes: 5e9, chunks: 2.5e6, newChunks: 2.5e6, ratio: 2 } });
  // Nothing changed: nothing new, nothing stored.
  assert.equal(out[1].value, { bytes: 10e9, newBytes: 0, storedBytes: 0, chunks: 2.5e6, newChunks: 0, ratio: null });
});

test('vtl.replicate moves only what was written since the last replication, into the mapped slot', () => {
  const { out } = play(lib, [
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-002', bytes: 1e9, dataset: 'x' },
    { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-002' },
    { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-002' },
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-002', bytes: 2e9, dataset: 'y' },
    { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-002' },
    { op: 'vtl.copy', vtl: 'b', cartridge: 'b-002', route: ['sas'] },
  ]);
  // 1 GB at 50 MB/s: 20 s. Its 0.5 GB of new chunks (2:1, no references here) over the 10 MB/s WAN: 5 ms + 50 s.
  assert.is(out[0].t, 20);
  assert.equal(out[1], { t: 70.005, value: { bytes: 1e9, wireBytes: 0.5e9, storedBytes: 0.5e9, chunks: 250000, into: 'b-002' } });
  // Nothing pending: nothing moves, at once.
  assert.equal(out[2], { t: 70.005, value: { bytes: 0, wireBytes: 0, storedBytes: 0, chunks: 0, into: 'b-002' } });
  // 2 GB more (40 s), then only its 1 GB of new chunks: 100 s on the WAN.
  assert.is(out[3].t, 110.005);
  assert.equal(out[4].value.wireBytes, 1e9);
  assert.is(out[4].t, 210.01);
  // The replica on b holds the rehydrated 3 GB; a copy to tape reads them from b's disk at 80 MB/s (below the 140 MB/s SAS): 37.5 s.
  assert.equal(out[5].value, { bytes: 3e9, tape: null });
  assert.ok(Math.abs(out[5].t - (210.01 + 37.5)) < 1e-9, `${out[5].t}`);
});

test('a replication with references: wire bytes = new chunks compressed + 40 B per chunk', () => {
  const text = lib.replace('dedup: { compression: 2, reference: 0 B }', 'dedup: { chunk: 4 KB }');
  const { out } = play(text, [
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-001', bytes: 4e9, dataset: 'x' },
    { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-001' },
  ]);
  // 1e6 chunks: 4 GB / 1.6 = 2.5 GB of chunks and 40 MB of references, over 10 MB/s after 5 ms.
  assert.is(out[1].value.wireBytes, 2.5e9 + 40e6);
  assert.ok(Math.abs(out[1].t - (80 + 0.005 + 254)) < 1e-9, `${out[1].t}`);
});

test('a full cartridge, a busy cartridge, a cartridge of another library and a failed library are refused', () => {
  const { out } = play(lib, [
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-001', bytes: 101e9 },
    { op: 'all', of: [
      { op: 'vtl.write', vtl: 'a', cartridge: 'a-001', bytes: 1e9 },
      { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-001' },
    ] },
    { op: 'vtl.write', vtl: 'a', cartridge: 'b-001', bytes: 1e9 },
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-003', bytes: 1e9, change: 2 },
    { op: 'vtl.copy', vtl: 'a', cartridge: 'a-003' },
  ]);
  assert.match(out[0].error!, /cartridge 'a-001' holds 0 of 100000000000 bytes; a write of 101000000000 bytes does not fit/);
  assert.match(out[1].error!, /cartridge 'a-001' is busy with a write/);
  assert.match(out[2].error!, /cartridge 'b-001' is not in virtual tape library 'a'/);
  assert.match(out[3].error!, /change is the share of chunks that changed, 0 to 1/);
  assert.match(out[4].error!, /library 'a' has no attached tape drive; give the step a 'route'/);
  // A library that fails mid-write fails the write with what arrived; later commands are refused.
  const f = play(lib, [
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-001', bytes: 10e9 },
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-002', bytes: 1e9 },
  ], { failAt: { t: 100e9, device: 'a' } });
  assert.equal(f.out[0], { t: 100, error: "vtl.write to a-001 failed after 5000000000 of 10000000000 bytes: link 'a' went down" });
  assert.match(f.out[1].error!, /virtual tape library 'a' has failed/);
});

test('the libraries\' disks are devices in the report, and device-fails reaches them from a scenario', () => {
  const text = lib.replace('workload: { jobs: { idle: { steps: [ { sleep: 0 s } ] } } }', `workload:
  jobs:
    backup: { steps: [ { vtl.write: { vtl: a, cartridge: a-001, bytes: 10 GB } } ] }
faults:
  - { at: 50 s, device-fails: a }
`);
  const r = runScenario(loadScenario('d.yaml', text));
  assert.equal(r.devices.map((d) => [d.name, d.kind, d.bytes]), [['a', 'vtl', 2.5e9], ['b', 'vtl', 0]]);
  assert.equal([r.jobs[0].status, r.jobs[0].end], ['failed', 50]);
  assert.match(r.jobs[0].reason!, /failed after 2500000000 of 10000000000 bytes: link 'a' went down/);
});

const errorOf = (text: string): ScenarioError => refusal(text, 'bad.yaml');

test('bad input names the field: an unknown target library, an unknown link, an impossible change rate, an unknown cartridge', () => {
  let e = errorOf(lib.replace('replicate: { to: b, route: [wan] }', 'replicate: { to: c, route: [wan] }'));
  assert.is(e.path, 'topology.vtls.a.replicate.to');
  assert.match(e.expected, /no virtual tape library named 'c'; libraries are: a, b/);
  e = errorOf(lib.replace('replicate: { to: b, route: [wan] }', 'replicate: { to: a, route: [wan] }'));
  assert.match(e.expected, /not to itself/);
  e = errorOf(lib.replace('replicate: { to: b, route: [wan] }', 'replicate: { to: b, route: [wan, t3] }'));
  assert.is(e.path, 'topology.vtls.a.replicate.route[1]');
  assert.match(e.expected, /no link named 't3'/);
  e = errorOf(lib.replace('dedup: { compression: 2, reference: 0 B }', 'dedup: { change: 1.5 }'));
  assert.is(e.path, 'topology.vtls.a.dedup.change');
  e = errorOf(lib.replace('dedup: { compression: 2, reference: 0 B }', 'dedup: { compression: 0.5 }'));
  assert.is(e.path, 'topology.vtls.a.dedup.compression');
  e = errorOf(lib.replace('    b:\n      cartridges: { count: 3, capacity: 100 GB }', '    b:\n      cartridges: { count: 3, prefix: a- }'));
  assert.is(e.path, 'topology.vtls.b.cartridges.prefix');
  e = errorOf(lib.replace('    b:\n', '    lan:\n').replace('to: b', 'to: lan'));
  assert.is(e.path, 'topology.vtls.lan');
  e = errorOf(lib.replace('replicate: { to: b, route: [wan] }', 'tape: lto9'));
  assert.is(e.path, 'topology.vtls.a.tape');
  e = errorOf(lib.replace('{ sleep: 0 s }', '{ vtl.write: { vtl: a, cartridge: a-009, bytes: 1 GB } }'));
  assert.is(e.path, 'workload.jobs.idle.steps[0].vtl.write.cartridge');
  e = errorOf(lib.replace('{ sleep: 0 s }', '{ vtl.replicate: { vtl: a, cartridge: a-001, to: z } }'));
  assert.is(e.path, 'workload.jobs.idle.steps[0].vtl.replicate.to');
});

test('scenarios/vtl.yaml runs and its checks hold', () => {
  const r = runScenario(loadScenario('vtl.yaml', readFileSync(new URL('../scenarios/vtl.yaml', import.meta.url), 'utf8')));
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
  const t3 = r.links.find((l) => l.name === 't3')!;
  assert.ok(Math.abs(t3.bytes / 16.25e9 - 1) < 0.01, `${t3.bytes} on the T3`);
  // The copy to tape went through the attached drive's own device link: the rehydrated 1 TB.
  assert.equal(r.devices.filter((d) => d.kind === 'tape drive').map((d) => [d.name, d.bytes]), [['dr-tape/d1', 1e12]]);
});


test('vtl.replicate with dedup: false sends the pending logical bytes compressed; vtl.cartridge reports what a cartridge holds and owes', () => {
  // Library a: 2:1 compression, no reference bytes. 10 GB written, all new; then 10 GB more of the same dataset, nothing changed.
  const { out } = play(lib, [
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-001', bytes: 10e9, dataset: 'db' },
    { op: 'vtl.cartridge', vtl: 'a', cartridge: 'a-001' },
    { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-001', dedup: false },
    { op: 'vtl.write', vtl: 'a', cartridge: 'a-002', bytes: 10e9, dataset: 'db', change: 0 },
    { op: 'vtl.cartridge', vtl: 'a', cartridge: 'a-002' },
    { op: 'vtl.replicate', vtl: 'a', cartridge: 'a-002', dedup: false },
    { op: 'vtl.cartridge', vtl: 'b', cartridge: 'b-002' },
    { op: 'vtl.cartridge', vtl: 'a', cartridge: 'a-009' },
  ]);
  assert.equal(out[1].value, { vtl: 'a', cartridge: 'a-001', bytes: 10e9, storedBytes: 5e9, pendingBytes: 10e9, pendingWireBytes: 5e9 });
  assert.is(out[2].value.wireBytes, 5e9);
  // Nothing new to store, but a replication without dedup still sends the whole 10 GB at 2:1: 5 GB over the 10 MB/s WAN.
  assert.equal(out[4].value, { vtl: 'a', cartridge: 'a-002', bytes: 10e9, storedBytes: 0, pendingBytes: 10e9, pendingWireBytes: 0 });
  assert.is(out[5].value.wireBytes, 5e9);
  assert.ok(Math.abs(out[5].t - out[4].t - (0.005 + 5e9 / 10e6)) < 1e-6, `${out[5].t - out[4].t} s`);
  // Library b keeps the default 40 B reference: it would pass the cartridge on as 2.5 million references.
  assert.equal(out[6].value, { vtl: 'b', cartridge: 'b-002', bytes: 10e9, storedBytes: 0, pendingBytes: 10e9, pendingWireBytes: 2.5e6 * REFERENCE });
  assert.match(out[7].error!, /cartridge 'a-009' is not in virtual tape library 'a'/);
});

test('a library that says nothing gets HP\'s figures: 80 MB/s ingest, 30 MB/s a stream (never more than the disk), 1.5 TB cartridges, 4 KB chunks at 1 % change and 1.6:1, 40 B references', () => {
  const defs = (text: string) => loadScenario('d.yaml', text).models.get('vtls') as VtlDef[];
  const [plain, slow] = defs(`name: d
topology:
  vtls:
    plain: { cartridges: { count: 2 } }
    slow: { disk: { rate: 20 MB/s }, cartridges: { count: 1, prefix: S } }
workload: { jobs: { idle: { steps: [ { sleep: 0 s } ] } } }
`);
  assert.equal([plain.rate, plain.stream, plain.capacity, plain.barcodes], [80e6, 30e6, 1.5e12, ['plain-001', 'plain-002']]);
  assert.equal(plain.dedup, { chunk: 4000, change: 0.01, compression: 1.6, reference: 40 });
  assert.equal([slow.rate, slow.stream, slow.barcodes], [20e6, 20e6, ['S001']]);
});

test.run();

import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Kernel } from '../sim/engine/kernel.ts';
import type { Custom } from '../sim/engine/commands.ts';
import { FAMILIES } from '../sim/registry.ts';
import { storageModelOf, type StorageModel } from '../sim/model/storage/family.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { spawnSteps } from './support/steps.ts';
import { refusal } from './support/refusal.ts';

const GB = 1e9;
const close = (a: number, b: number, what: string, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** Two arrays, a 100 MB/s WAN with 20 ms latency, and a mirror of a:v (100 GB, 40 GB used) to b:v. */
const two = (extra = '', jobs = '  jobs: { idle: { steps: [{ sleep: 0 s }] } }') => `name: storage test
topology:
  links:
    wan: { bandwidth: 100 MB/s, latency: 20 ms }
  storage:
    a:
      rate: 1 GB/s
      volumes:
        v: { size: 100 GB, used: 40 GB }
        w: { size: 100 GB }
      mirrors:
        m: { volume: v, to: { system: b, volume: v }, route: [wan] }
    b:
      rate: 2 GB/s
      volumes:
        v: { size: 200 GB }
        copy: { size: 100 GB }
${extra}
workload:
${jobs}
`;

/** A kernel with every family built from the scenario, for driving commands by hand. */
function world(text: string): { kernel: Kernel; storage: StorageModel; run(steps: Custom[], start?: number): { results: unknown[]; error?: Error; end?: number } } {
  const scn = loadScenario('t.yaml', text);
  const kernel = new Kernel({ seed: scn.seed });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  for (const f of FAMILIES) f.build(scn.models.get(f.key), { kernel, ledger: new Ledger(() => kernel.now), device: (name, _kind, spec) => kernel.net.addLink(name, spec) });
  let n = 0;
  return {
    kernel,
    storage: storageModelOf(kernel)!,
    run(steps, start = 0) {
      return spawnSteps(kernel, `p${n++}`, steps, start);
    },
  };
}

test('snapshot space is the distinct bytes changed since the snapshot (the issue\'s 10 GB / 3 GB example)', () => {
  const w = world(two());
  const p = w.run([
    { op: 'storage.write', system: 'a', volume: 'w', bytes: 10 * GB },
    { op: 'storage.snapshot', system: 'a', volume: 'w', name: 's1' },
    { op: 'storage.write', system: 'a', volume: 'a/w', bytes: 5 * GB, changed: 3 * GB },
  ]);
  w.kernel.run();
  assert.is(p.error, undefined);
  const v = w.storage.volume('a', 'w');
  const s1 = v.findSnapshot('s1')!;
  // 10 GB at the array's 1 GB/s: the snapshot is taken at 10 s.
  assert.equal(p.results[1], { name: 's1', volume: 'a/w', time: 10e9 });
  assert.is(s1.image, 10 * GB);
  assert.is(s1.space, 3 * GB);
  // 5 GB more at 1 GB/s: the job ends at 15 s; 15 GB written in all.
  assert.is(p.end, 15e9);
  assert.is(v.written, 15 * GB);
  // Of 3 GB spread over the 100 GB volume, 10 % lands on the 10 GB already used: used grows by 2.7 GB.
  close(v.used, 12.7 * GB, 'used');

  // A second snapshot counts only what comes after it; the first one counts what was not counted yet.
  const q = w.run([
    { op: 'storage.snapshot', system: 'a', volume: 'w', name: 's2' },
    { op: 'storage.write', system: 'a', volume: 'w', bytes: 2 * GB },
    { op: 'storage.snapshot.delete', system: 'a', volume: 'w', name: 's1' },
  ], 20e9);
  w.kernel.run();
  assert.is(v.findSnapshot('s2')!.space, 2 * GB);
  // 2 GB uniformly over 100 GB of which 3 GB were already changed since s1: 3 + 2 × 0.97.
  close((q.results[2] as { space: number }).space, 4.94 * GB, 's1 space at delete');
  assert.is(v.findSnapshot('s1'), undefined);
});

test('a mirror moves the used size first, then only the changed bytes, in bytes / bandwidth + latency', () => {
  const r = runScenario(loadScenario('t.yaml', two('', `  jobs:
    dr:
      steps:
        - storage.mirror.update: { mirror: m }
        - storage.write: { system: a, volume: v, bytes: 5 GB, changed: 2 GB }
        - storage.mirror.update: { mirror: m }`)));
  const job = r.jobs.find((j) => j.name === 'dr')!;
  // 40 GB / 100 MB/s + 20 ms = 400.02 s; 5 GB / 1 GB/s = 5 s; 2 GB / 100 MB/s + 20 ms = 20.02 s.
  assert.equal([job.status, job.end, job.bytes], ["completed", 425.04, 47 * GB]);
  const wan = r.links.find((l) => l.name === 'wan')!;
  assert.is(wan.bytes, 42 * GB);
  // Both arrays carry the mirror; a also carries the write.
  assert.equal(r.devices.map((d) => [d.name, d.kind, d.bytes]), [['a', 'storage', 47 * GB], ['b', 'storage', 42 * GB]]);

  const w = world(two());
  const p = w.run([
    { op: 'storage.mirror.update', mirror: 'm' },
    { op: 'storage.snapshot', system: 'a', volume: 'v', name: 'daily' },
    { op: 'storage.write', system: 'a', volume: 'v', bytes: 5 * GB, changed: 2 * GB },
    { op: 'storage.mirror.update', mirror: 'm' },
  ]);
  w.kernel.run();
  const [first, , , second] = p.results as { bytes: number; baseline: boolean; start: number; end: number; imageTime: number }[];
  assert.equal([first.bytes, first.baseline, first.end], [40 * GB, true, 400.02e9]);
  assert.equal([second.bytes, second.baseline, second.imageTime], [2 * GB, false, 405.02e9]);
  const m = w.storage.mirror('m');
  assert.equal([m.updates, m.bytesMoved, m.imageTime], [2, 42 * GB, 405.02e9]);
  // The destination holds the source as of the second update: 40 GB + 2 GB × (1 - 40/100), and the snapshot.
  const dst = w.storage.volume('b', 'v');
  close(dst.used, 41.2 * GB, 'destination used');
  assert.equal(dst.snapshots.map((s) => [s.name, s.image]), [['daily', 40 * GB]]);
  // The destination is read-only until the mirror is broken.
  const q = w.run([{ op: 'storage.write', system: 'b', volume: 'v', bytes: GB }]);
  w.kernel.run();
  assert.match(q.error!.message, /volume 'b\/v' is the read-only destination of mirror 'm'; break the mirror/);
});

test('an array that fails mid-update fails the update with the bytes moved so far; later commands say it failed', () => {
  const r = runScenario(loadScenario('t.yaml', two(`faults:
  - { at: 100 s, device-fails: a }`, `  jobs:
    dr:
      steps:
        - storage.mirror.update: { mirror: m }
    later:
      start: 200 s
      steps:
        - storage.snapshot: { system: a, volume: v, name: late }
checks: ["bytes_lost == 30.002 GB", "jobs_failed == 2"]`)));
  const dr = r.jobs.find((j) => j.name === 'dr')!;
  // The flow moved from 20 ms to 100 s at 100 MB/s: 99.98 s × 100 MB/s = 9.998 GB.
  assert.equal([dr.status, dr.end], ['failed', 100]);
  assert.match(dr.reason!, /mirror 'm' baseline failed after 9998000000 of 40000000000 bytes: storage system 'a' failed at 100 s/);
  assert.is(r.metrics.bytes_lost, 40 * GB - 9.998 * GB);
  const later = r.jobs.find((j) => j.name === 'later')!;
  assert.match(later.reason!, /storage system 'a' failed at 100 s: cannot snapshot volume 'a\/v'/);
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));

  // The destination failing fails it the same way, and the destination keeps no image.
  const w = world(two());
  const p = w.run([{ op: 'storage.mirror.update', mirror: 'm' }]);
  w.kernel.at(50e9, () => w.storage.failDevice('b'));
  w.kernel.run();
  assert.match(p.error!.message, /after 4998000000 of 40000000000 bytes: storage system 'b' failed at 50 s/);
  assert.is((p.error as unknown as { delivered: number }).delivered, 4.998 * GB);
  const m = w.storage.mirror('m');
  assert.equal([m.updates, m.failures, m.imageTime, m.transferring], [0, 1, null, false]);
});

test('a transfer lost to the WAN is resent whole: the next update starts from the last image', () => {
  const r = runScenario(loadScenario('t.yaml', two(`faults:
  - { at: 100 s, link-down: wan }
  - { at: 150 s, link-up: wan }`, `  jobs:
    dr:
      steps:
        - storage.mirror.update: { mirror: m }
    retry:
      start: 150 s
      steps:
        - storage.mirror.update: { mirror: m }
        - storage.write: { system: a, volume: v, bytes: 1 GB }
        - storage.mirror.update: { mirror: m }`)));
  const [dr, retry] = ['dr', 'retry'].map((n) => r.jobs.find((j) => j.name === n)!);
  assert.match(dr.reason!, /baseline failed after 9998000000 of 40000000000 bytes: .*link 'wan' went down/);
  // Baseline again (40 GB, 400.02 s), the write (1 s), then 1 GB (10.02 s).
  assert.equal([retry.status, retry.end, retry.bytes], ['completed', 150 + 400.02 + 1 + 10.02, 42 * GB]);
});

test('a consistency-group snapshot holds writes for the array\'s write fence (7 s by default), then counts them', () => {
  const w = world(two());
  const v = w.storage.volume('a', 'w');
  const snap = w.run([{ op: 'storage.snapshot', system: 'a', volume: 'w', name: 'cg', fence: true }]);
  // A write that lands during the fence: 2 GB at 1 GB/s from 1 s, so at 3 s.
  const write = w.run([{ op: 'storage.write', system: 'a', volume: 'w', bytes: 2 * GB, changed: GB }], 1e9);
  w.kernel.run();
  assert.is(write.end, 3e9);
  assert.is(snap.end, 7e9);
  assert.equal(snap.results[0], { name: 'cg', volume: 'a/w', time: 7e9, fencedFor: 7e9, heldBytes: 2 * GB });
  const s = v.findSnapshot('cg')!;
  // The snapshot shows the volume before the held write, which lands after it.
  assert.equal([s.image, s.space, v.written, v.used], [0, GB, 2 * GB, GB]);
});

test('restore: in place reverts at once and drops newer snapshots; to another volume copies the image over the arrays', () => {
  const w = world(two());
  const v = w.storage.volume('a', 'v');
  const p = w.run([
    { op: 'storage.snapshot', system: 'a', volume: 'v', name: 'old' },
    { op: 'storage.mirror.update', mirror: 'm' },
    { op: 'storage.write', system: 'a', volume: 'v', bytes: 10 * GB },
    { op: 'storage.snapshot', system: 'a', volume: 'v', name: 'new' },
    { op: 'storage.write', system: 'a', volume: 'v', bytes: 10 * GB },
    { op: 'storage.restore', system: 'a', volume: 'v', snapshot: 'old' },
    { op: 'storage.mirror.update', mirror: 'm' },
  ]);
  w.kernel.run();
  assert.is(p.error, undefined);
  const revert = p.results[5] as { bytes: number; deleted: string[]; time: number };
  // 400.02 s of baseline and two 10 s writes; the revert takes no time.
  assert.equal([revert.bytes, revert.deleted, revert.time], [0, ['new'], 420.02e9]);
  assert.equal([v.used, v.snapshots.map((s) => s.name), v.findSnapshot('old')!.space], [40 * GB, ['old'], 0]);
  // The mirror's base came after 'old', so the revert forces a new baseline: 40 GB again.
  assert.equal((p.results[6] as { bytes: number; baseline: boolean }).baseline, true);

  // At the destination: break the mirror, then copy the replicated snapshot to another volume of b (2 GB/s).
  const q = w.run([
    { op: 'storage.mirror.break', mirror: 'm' },
    { op: 'storage.restore', system: 'b', volume: 'v', snapshot: 'old', to: 'copy' },
    { op: 'storage.restore', system: 'b', volume: 'v', snapshot: 'old', to: 'a/w', route: ['wan'] },
  ]);
  w.kernel.run();
  assert.is(q.error?.message, undefined);
  // Broken when the last update ended (820.04 s): the image is from its start, 400.02 s earlier.
  const brk = q.results[0] as { imageTime: number; imageAge: number };
  assert.equal([brk.imageTime, brk.imageAge], [420.02e9, 400.02e9]);
  const [, local, remote] = q.results as { bytes: number; start: number; end: number }[];
  // 40 GB over b's 2 GB/s: 20 s; then over b, the WAN and a: 40 GB / 100 MB/s + 20 ms.
  assert.equal([local.bytes, local.end - local.start], [40 * GB, 20e9]);
  assert.equal([remote.bytes, remote.end - remote.start], [40 * GB, 400.02e9]);
  assert.is(w.storage.volume('a', 'w').used, 40 * GB);
  // Broken, the destination takes writes.
  const after = w.run([{ op: 'storage.write', system: 'b', volume: 'v', bytes: GB }]);
  w.kernel.run();
  assert.is(after.error, undefined);
});

test('storage.mirror.wait sleeps until the next multiple of the mirror\'s interval (10 min by default)', () => {
  const w = world(two());
  const p = w.run([
    { op: 'storage.mirror.update', mirror: 'm' },
    { op: 'storage.mirror.wait', mirror: 'm' },
    { op: 'storage.mirror.update', mirror: 'm' },
    { op: 'storage.mirror.wait', mirror: 'm' },
  ]);
  w.kernel.run();
  assert.is(w.storage.mirror('m').interval, 600e9);
  // The baseline ends at 400.02 s; the next update starts at 600 s and moves nothing (latency only).
  const update = p.results[2] as { start: number; end: number; bytes: number };
  assert.equal([update.start, update.end, update.bytes], [600e9, 600.02e9, 0]);
  assert.is(p.end, 1200e9);
});

test('commands refuse what the model cannot do, with the reason', () => {
  const w = world(two());
  const p = w.run([{ op: 'storage.snapshot', system: 'a', volume: 'v', name: 's' }, { op: 'storage.snapshot', system: 'a', volume: 'v', name: 's' }]);
  const q = w.run([{ op: 'storage.write', system: 'a', volume: 'v', bytes: GB, changed: 2 * GB }]);
  const r = w.run([{ op: 'storage.restore', system: 'a', volume: 'v', snapshot: 'nope' }], 1);
  const s = w.run([{ op: 'storage.write', system: 'b', volume: 'w', bytes: GB }]);
  const t = w.run([{ op: 'storage.mirror.update', mirror: 'm' }, { op: 'storage.mirror.break', mirror: 'm' }]);
  const u = w.run([{ op: 'storage.mirror.update', mirror: 'm' }], 1e9);
  w.kernel.run();
  assert.match(p.error!.message, /volume 'a\/v' already has a snapshot named 's'/);
  assert.match(q.error!.message, /changed 2000000000 > bytes 1000000000/);
  assert.match(r.error!.message, /volume 'a\/v' has no snapshot named 'nope'; it has: s/);
  assert.match(s.error!.message, /storage system 'b' has no volume named 'w'; it has: v, copy/);
  assert.is(t.error, undefined);
  assert.match(u.error!.message, /mirror 'm' is already transferring \(an update started at 0 s\)/);
  const again = w.run([{ op: 'storage.mirror.update', mirror: 'm' }]);
  w.kernel.run();
  assert.match(again.error!.message, /mirror 'm' was broken at 400.02 s; resynchronising it is not modelled/);
});

test('an update abandoned by its caller (it lost an any) leaves the destination as it was; the next one starts over', () => {
  const w = world(two());
  const p = w.run([
    { op: 'any', of: [{ op: 'storage.mirror.update', mirror: 'm' }, { op: 'sleep', duration: 100e9 }] },
    { op: 'storage.mirror.update', mirror: 'm' },
  ]);
  w.kernel.run();
  assert.is(p.error, undefined);
  const m = w.storage.mirror('m');
  // Abandoned at 100 s; the retry moves the whole 40 GB again: 400.02 s more.
  assert.equal([m.failures, m.updates, m.bytesMoved, p.end], [1, 1, 40 * GB, 500.02e9]);
  assert.is(w.kernel.net.cancelled, 40 * GB - 9.998 * GB);
});

const errorOf = (text: string): ScenarioError => refusal(text, 'bad.yaml');

test('bad input: a mirror to an unknown volume or system, a used size above the size, an unknown route or step reference', () => {
  let e = errorOf(two().replace('to: { system: b, volume: v }', 'to: { system: b, volume: vv }'));
  assert.is(e.path, 'topology.storage.a.mirrors.m.to.volume');
  assert.match(e.expected, /storage system 'b' has no volume named 'vv'; it has: v, copy/);
  e = errorOf(two().replace('to: { system: b, volume: v }', 'to: { system: c, volume: v }'));
  assert.is(e.path, 'topology.storage.a.mirrors.m.to.system');
  e = errorOf(two().replace('m: { volume: v,', 'm: { volume: x,'));
  assert.is(e.path, 'topology.storage.a.mirrors.m.volume');
  e = errorOf(two().replace('v: { size: 100 GB, used: 40 GB }', 'v: { size: 100 GB, used: 140 GB }'));
  assert.is(e.path, 'topology.storage.a.volumes.v.used');
  e = errorOf(two().replace('route: [wan]', 'route: [lan]'));
  assert.is(e.path, 'topology.storage.a.mirrors.m.route[0]');
  e = errorOf(two().replace('route: [wan]', 'route: [a, wan]'));
  assert.match(e.expected, /'a' is a storage system/);
  e = errorOf(two().replace('v: { size: 200 GB }', 'v: { size: 20 GB }'));
  assert.match(e.expected, /the destination \(20000000000 bytes\) is smaller than the source/);
  e = errorOf(two().replace('wan: {', 'a: {').replace('route: [wan]', 'route: [a]'));
  assert.is(e.path, 'topology.storage.a');
  e = errorOf(two('', '  jobs: { j: { steps: [{ storage.mirror.update: { mirror: mm } }] } }'));
  assert.is(e.path, 'workload.jobs.j.steps[0].storage.mirror.update.mirror');
  assert.match(e.expected, /no mirror named 'mm'; mirrors are: m/);
  e = errorOf(two('', '  jobs: { j: { steps: [{ storage.write: { system: a, volume: nope, bytes: 1 GB } }] } }'));
  assert.is(e.path, 'workload.jobs.j.steps[0].storage.write.volume');
  e = errorOf(two('faults:\n  - { at: 1 s, device-fails: c }'));
  assert.is(e.path, 'faults[0].device-fails');
});

test('the bundled scenario: baseline, update, failure mid-update, failover and a restore at the destination', () => {
  const r = runScenario(loadScenario('storage.yaml', readFileSync(new URL('../scenarios/storage.yaml', import.meta.url), 'utf8')));
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
  const job = (n: string) => r.jobs.find((j) => j.name === n)!;
  // 50 GB + 12 GB moved by the updates that succeeded; the third had moved 99.99 s × 125 MB/s when the array failed.
  assert.equal([job('snapmirror').bytes, job('snapmirror').end], [62 * GB, 1300]);
  assert.match(job('snapmirror').reason!, /after 12498750000 of 24000000000 bytes: storage system 'primary' failed at 1300 s/);
  assert.equal([job('failover').bytes, job('failover').end], [50 * GB, 1450]);
});

test('what an array leaves out takes the declared defaults (7 s fence, 10 min mirror interval, nothing used); a zero rate or size is refused at its field', () => {
  const w = world(two());
  const a = w.storage.system('a');
  assert.equal([a.cgFence, a.volumes.get('w')!.used, w.storage.mirror('m').interval], [7e9, 0, 600e9]);
  let e = errorOf(two().replace('rate: 1 GB/s', 'rate: 0 GB/s'));
  assert.is(e.path, 'topology.storage.a.rate');
  assert.match(e.expected, /above zero/);
  e = errorOf(two().replace('w: { size: 100 GB }', 'w: { size: 0 GB }'));
  assert.is(e.path, 'topology.storage.a.volumes.w.size');
  e = errorOf(two().replace('route: [wan]', 'route: [wan], interval: 0 s'));
  assert.is(e.path, 'topology.storage.a.mirrors.m.interval');
});

test.run();

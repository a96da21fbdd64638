import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Kernel } from '../sim/engine/kernel.ts';
import type { Custom } from '../sim/engine/commands.ts';
import { FAMILIES } from '../sim/registry.ts';
import { storageModelOf, type StorageModel } from '../sim/model/storage/family.ts';
import { HypervisorModel } from '../sim/model/hypervisors/family.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { ScenarioError } from '../sim/foundation/errors.ts';
import { spawnSteps } from './support/steps.ts';
import { refusal } from './support/refusal.ts';

const MiB = 1024 ** 2;
const close = (a: number, b: number, what: string, rel = 1e-9) => assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

/** One array (a 1 TB LUN, a 4 TB datastore), one hypervisor, a database VM writing 20 MiB/s steadily and a web VM. */
const scenario = (opts: { seed?: number; db?: string; web?: string; extra?: string } = {}) => `name: hv test
seed: ${opts.seed ?? 1}
topology:
  hosts: { esx1: {} }
  links:
    wan: { bandwidth: 100 MB/s }
  storage:
    array1:
      rate: 2 GB/s
      volumes:
        lun: { size: 1 TB }
        ds: { size: 4 TB }
      mirrors:
        m: { volume: ds, to: { system: array2, volume: ds-dr }, route: [wan] }
    array2:
      rate: 2 GB/s
      volumes:
        ds-dr: { size: 4 TB }
  hypervisors:
    hv1:
      host: esx1
      vms:
        db:
          disks:
            data: { kind: rdm, storage: array1, volume: lun }
            os: { kind: virtual, storage: array1, volume: ds }
          writers:
            - ${opts.db ?? '{ disk: data, rate: 20 MiB/s, pattern: { block: 8 KiB, cv: 0 } }'}
        web:
          disks:
            os: { kind: virtual, storage: array1, volume: ds }
          writers:
            - ${opts.web ?? '{ disk: os, rate: 10 MB/s }'}
    hv2:
      host: esx1
      vms:
        web-dr:
          running: false
          disks:
            os: { kind: virtual, storage: array2, volume: ds-dr }
          writers:
            - { disk: os, rate: 1 MiB/s, pattern: { cv: 0 } }
${opts.extra ?? ''}
workload:
  jobs: { idle: { steps: [{ sleep: 0 s }] } }
`;

function world(text: string) {
  const scn = loadScenario('t.yaml', text);
  const kernel = new Kernel({ seed: scn.seed });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  let hv: HypervisorModel | undefined;
  for (const f of FAMILIES) {
    const rt = f.build(scn.models.get(f.key), { kernel, ledger: new Ledger(() => kernel.now), device: (name, _kind, spec) => kernel.net.addLink(name, spec) });
    if (rt instanceof HypervisorModel) hv = rt;
  }
  let n = 0;
  return {
    kernel,
    storage: storageModelOf(kernel) as StorageModel,
    hv: hv!,
    run(steps: Custom[], start = 0) {
      return spawnSteps(kernel, `p${n++}`, steps, start);
    },
  };
}

test('a frozen VM\'s writes wait in memory and reach the disk only at thaw: written = queued', () => {
  const w = world(scenario());
  const lun = w.storage.volume('array1', 'lun');
  const db = w.hv.vm('db');
  const tick = 20 * MiB; // 20 MiB/s in 8 KiB blocks: 2560 whole blocks a second, no remainder
  let atFreeze = -1, beforeThaw = -1;
  const p = w.run([{ op: 'vm.freeze', vm: 'db' }], 100e9);
  w.kernel.at(100e9 + 1, () => { atFreeze = lun.written; });
  const snap = w.run([{ op: 'storage.snapshot', system: 'array1', volume: 'lun', name: 'consistent' }], 110e9);
  w.kernel.at(129.5e9, () => { lun.sync(w.kernel.now); beforeThaw = lun.written; });
  const t = w.run([{ op: 'vm.write', vm: 'db', disk: 'data', bytes: 1 * MiB }, { op: 'vm.thaw', vm: 'db' }], 130e9);
  w.kernel.run();
  assert.is(p.error, undefined);
  assert.is(snap.error, undefined);
  // Ticks end at 1 s, 2 s, ...: the tick ending at 100 s is written before the freeze at 100 s.
  assert.is(atFreeze, 100 * tick);
  assert.is(beforeThaw, atFreeze, 'nothing reached the LUN while frozen');
  assert.equal(t.results[0], { vm: 'db', disk: 'data', bytes: 0, queued: MiB });
  const thaw = t.results[1] as { queuedBytes: number; frozenFor: number; overLimit: boolean; bytes: number };
  assert.equal(thaw, { vm: 'db', queuedBytes: 30 * tick + MiB, frozenFor: 30e9, overLimit: false, bytes: 30 * tick + MiB });
  assert.is(lun.written, atFreeze + thaw.queuedBytes);
  assert.is(db.disk('data').written, lun.written);
  // The snapshot at 110 s saw none of the queue; the thaw made it change by the queue's distinct bytes:
  // 31 writes (30 ticks and the 1 MiB) spread uniformly over 1 TB.
  const S = 1e12;
  const unchanged = (1 - tick / S) ** 30 * (1 - MiB / S);
  close(lun.findSnapshot('consistent')!.space, S * (1 - unchanged), 'snapshot space', 1e-6);
});

test('a freeze beyond the VSS writer limit (60 s by default) is reported at thaw; the disks subset is honoured', () => {
  const w = world(scenario());
  const p = w.run([{ op: 'vm.freeze', vm: 'db', disks: ['os'] }, { op: 'sleep', duration: 61e9 }, { op: 'vm.thaw', vm: 'db' }]);
  w.kernel.run();
  assert.is(p.error, undefined);
  assert.equal(p.results[0], { vm: 'db', time: 0, disks: ['os'], limit: 60e9, written: 0 });
  // Only 'os' was frozen, and db writes to 'data': nothing queued.
  assert.equal(p.results[2], { vm: 'db', queuedBytes: 0, frozenFor: 61e9, overLimit: true, bytes: 0 });
  assert.is(w.storage.volume('array1', 'lun').written, 61 * 20 * MiB);
});

test('a writer at rate r for T writes r·T: exactly (to the block) when steady, on average when lognormal', () => {
  const T = 3600;
  const w = world(scenario({ db: '{ disk: data, rate: 1000000 B/s, pattern: { block: 4 KiB, cv: 0 } }' }));
  const db = w.hv.vm('db');
  db.sync(T * 1e9);
  // 1 MB/s in 4 KiB blocks with the remainder carried: after T s, floor(r·T / block) blocks.
  assert.is(db.writers[0].produced, Math.floor((1e6 * T) / 4096) * 4096);

  const r = 10e6, cv = 0.5;
  const sd = Math.sqrt(T) * cv * r; // T independent ticks of mean r and sd cv·r
  const produced: number[] = [];
  for (const seed of [1, 2, 3]) {
    const x = world(scenario({ seed }));
    const web = x.hv.vm('web');
    const snap = x.run([{ op: 'storage.snapshot', system: 'array1', volume: 'ds', name: 's' }]);
    x.kernel.run();
    assert.is(snap.error, undefined);
    web.sync(T * 1e9);
    x.hv.vm('db').sync(T * 1e9);
    const got = web.writers[0].produced;
    produced.push(got);
    assert.ok(Math.abs(got - r * T) < 5 * sd + 4096, `seed ${seed}: ${got} vs ${r * T} ± ${5 * sd}`);
    // Distinct bytes on the 4 TB datastore after W bytes in ~T writes of ~r: close to S(1 - exp(-W/S)).
    const ds = x.storage.volume('array1', 'ds');
    const S = 4e12;
    close(ds.findSnapshot('s')!.space, S * (1 - Math.exp(-got / S)), 'distinct changed', 1e-3);
    assert.is(ds.written, got);
  }
  assert.is(new Set(produced).size, 3, 'each seed its own stream');
  const again = world(scenario({ seed: 1 }));
  again.hv.vm('web').sync(T * 1e9);
  assert.is(again.hv.vm('web').writers[0].produced, produced[0], 'same seed, same writes');
});

test('a stopped VM writes nothing; a VM on a mirror destination is refused until the mirror is broken', () => {
  const w = world(scenario());
  const dr = w.hv.vm('web-dr');
  const dst = w.storage.volume('array2', 'ds-dr');
  const p = w.run([{ op: 'vm.start', vm: 'web-dr' }], 10e9);
  const q = w.run([{ op: 'storage.mirror.break', mirror: 'm' }, { op: 'vm.stop', vm: 'web-dr' }], 20e9);
  w.kernel.run();
  assert.is(p.error, undefined);
  assert.is(q.error, undefined);
  dr.sync(100e9);
  // Running from 10 s to 20 s at 1 MiB/s: 10 ticks refused (read-only), then stopped.
  assert.equal([dr.disk('os').refused, dr.disk('os').written, dst.written], [10 * MiB, 0, 0]);
  const r = w.run([{ op: 'vm.start', vm: 'web-dr' }]);
  w.kernel.run();
  assert.is(r.error, undefined);
  dr.sync(110e9);
  assert.equal([dr.disk('os').written, dst.written], [10 * MiB, 10 * MiB]);
});

test('an array failure refuses the VM\'s writes; a hypervisor failure stops its VMs and loses what a freeze held', () => {
  const w = world(scenario());
  const db = w.hv.vm('db');
  w.run([{ op: 'vm.freeze', vm: 'db' }], 50e9);
  w.kernel.at(60e9, () => w.hv.failDevice('hv1'));
  const after = w.run([{ op: 'vm.thaw', vm: 'db' }], 70e9);
  w.kernel.run();
  assert.match(after.error!.message, /hypervisor 'hv1' failed at 60 s: cannot thaw VM 'db'/);
  assert.equal([db.state, db.lost, db.queuedBytes], ['failed', 10 * 20 * MiB, 0]);
  db.sync(200e9);
  assert.is(w.storage.volume('array1', 'lun').written, 50 * 20 * MiB);

  const x = world(scenario());
  x.kernel.at(30e9, () => x.storage.failDevice('array1'));
  const write = x.run([{ op: 'vm.write', vm: 'db', disk: 'data', bytes: MiB }], 40e9);
  x.kernel.run();
  assert.match(write.error!.message, /VM 'db' cannot write to disk 'data': storage system 'array1' failed at 30 s/);
  const vm = x.hv.vm('db');
  vm.sync(40e9);
  // The ticks after the failure and the 1 MiB write were refused.
  assert.equal([vm.disk('data').written, vm.disk('data').refused], [30 * 20 * MiB, 10 * 20 * MiB + MiB]);
});

const errorOf = (text: string): ScenarioError => refusal(text, 'bad.yaml');

test('bad input: a disk on an unknown array or volume, a shared raw LUN, a writer on no disk, an unknown host or VM', () => {
  let e = errorOf(scenario().replace('data: { kind: rdm, storage: array1', 'data: { kind: rdm, storage: array9'));
  assert.is(e.path, 'topology.hypervisors.hv1.vms.db.disks.data.storage');
  assert.match(e.expected, /no storage system named 'array9'; storage systems are: array1, array2/);
  e = errorOf(scenario().replace('volume: lun }', 'volume: lun9 }'));
  assert.is(e.path, 'topology.hypervisors.hv1.vms.db.disks.data.volume');
  e = errorOf(scenario().replace('os: { kind: virtual, storage: array1, volume: ds }\n          writers:\n            - { disk: os, rate: 10 MB/s }', 'os: { kind: virtual, storage: array1, volume: lun }\n          writers:\n            - { disk: os, rate: 10 MB/s }'));
  assert.is(e.path, 'topology.hypervisors.hv1.vms.web.disks.os');
  assert.match(e.expected, /raw-mapped \(rdm\) by disk db.data/);
  e = errorOf(scenario({ web: '{ disk: data, rate: 10 MB/s }' }));
  assert.is(e.path, 'topology.hypervisors.hv1.vms.web.writers[0].disk');
  e = errorOf(scenario().replace('hv1:\n      host: esx1', 'hv1:\n      host: esx9'));
  assert.is(e.path, 'topology.hypervisors.hv1.host');
  e = errorOf(scenario().replace('web-dr:', 'web:'));
  assert.is(e.path, 'topology.hypervisors.hv2.vms.web');
  e = errorOf(scenario().replace("jobs: { idle: { steps: [{ sleep: 0 s }] } }", "jobs: { j: { steps: [{ vm.freeze: { vm: sql } }] } }"));
  assert.is(e.path, 'workload.jobs.j.steps[0].vm.freeze.vm');
  assert.match(e.expected, /no vm named 'sql'; vms are: db, web, web-dr/);
  e = errorOf(scenario().replace('hv2:', 'array2:'));
  assert.is(e.path, 'topology.hypervisors.array2');
});

test('the bundled scenario: the freeze queues 8 s of database writes, released at the thaw', () => {
  const r = runScenario(loadScenario('hypervisors.yaml', readFileSync(new URL('../scenarios/hypervisors.yaml', import.meta.url), 'utf8')));
  assert.ok(r.checks.every((c) => c.pass), JSON.stringify(r.checks));
  const job = r.jobs.find((j) => j.name === 'backup')!;
  assert.equal([job.status, job.start, job.end, job.bytes], ['completed', 600, 608, 8 * 20 * MiB]);
});

test('what a VM leaves out takes the declared defaults (VSS flush-and-hold 10 s, freeze 60 s; 4 KiB blocks, cv 0.5, 1 s ticks); a zero limit is refused at its field', () => {
  const w = world(scenario());
  const web = w.hv.vm('web');
  assert.equal([web.vss.flushHold, web.vss.freeze, web.state], [10e9, 60e9, 'running']);
  const { block, cv, tick } = web.writers[0].pattern;
  assert.equal([block, cv, tick], [4096, 0.5, 1e9]);
  const e = errorOf(scenario().replace('web:\n          disks:', 'web:\n          vss: { flushHold: 0 s }\n          disks:'));
  assert.is(e.path, 'topology.hypervisors.hv1.vms.web.vss.flushHold');
  assert.match(e.expected, /above zero/);
  assert.is(errorOf(scenario({ web: '{ disk: os, rate: 10 MB/s, pattern: { tick: 0 s } }' })).path, 'topology.hypervisors.hv1.vms.web.writers[0].pattern.tick');
});

test.run();

import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { refusal } from './support/refusal.ts';
import { Kernel } from '../sim/engine/kernel.ts';
import type { Custom } from '../sim/engine/commands.ts';
import { FAMILIES } from '../sim/registry.ts';
import { spawnSteps } from './support/steps.ts';

const close = (a: number | null | undefined, b: number, what: string, rel = 1e-6) =>
  assert.ok(a !== null && a !== undefined && Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
/** a published figure: within 15% */
const near = (model: number, published: number, what: string) =>
  assert.ok(Math.abs(model - published) <= 0.15 * published, `${what}: model ${model} vs published ${published} (${(100 * (model / published - 1)).toFixed(1)}%)`);

const job = (r: ReturnType<typeof runScenario>, name: string) => r.jobs.find((j) => j.name === name)!;
/** the closed form of n pre-copy rounds: M (1 - r^n) / (1 - r) */
const rounds = (M: number, r: number, n: number) => (M * (1 - r ** n)) / (1 - r);

// ---------------------------------------------------------------- LPM

const lpm = (partition: string, lpmPolicy = '{}') => `name: lpm rounds
topology:
  servers:
    p1:
      cores: 16
      partitions:
        lpar1: ${partition}
      lpm: ${lpmPolicy}
    p2: { cores: 16 }
workload:
  jobs:
    move: { steps: [ { lpm.migrate: { partition: lpar1, to: p2 } } ] }
`;

/** What one step answers, run on the scenario's models (a job's row has no step results). */
function answers(text: string, steps: Custom[]): any[] {
  const scn = loadScenario('w.yaml', text);
  const kernel = new Kernel({ seed: scn.seed });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  for (const f of FAMILIES) f.build(scn.models.get(f.key), { kernel, ledger: new Ledger(() => kernel.now), device: (name, _kind, spec) => kernel.net.addLink(name, spec) });
  const out = spawnSteps(kernel, 'asker', steps);
  kernel.run();
  if (out.error !== undefined) throw out.error;
  return out.results;
}
const answer = (text: string, step: Custom): any => answers(text, [step])[0];

type LpmResult = { bytes: number; rounds: number; finalBytes: number; converged: boolean; copySeconds: number; downtime: number };
const lpmResult = (text: string): LpmResult => answer(text, { op: 'lpm.migrate', partition: 'lpar1', to: 'p2' });

test('LPM rounds: each re-sends what was dirtied during the one before; the closed form M(1 - r^n)/(1 - r) by hand', () => {
  // 8 GB at the default 80 MB/s mover, dirtied at 20 MB/s: r = 0.25. Round k leaves M r^k, whose predicted copy
  // M r^k / 80 MB/s is 25, 6.25, 1.5625, 0.39 s: the 1 s threshold is met after 4 rounds.
  const M = 8e9, c = 80e6, r = 20e6 / c;
  const text = lpm('{ memory: 8 GB, dirtyRate: 20 MB/s }');
  const run = runScenario(loadScenario('l.yaml', text));
  const res = lpmResult(text);
  assert.is(res.rounds, 4);
  assert.ok(res.converged);
  close(res.bytes, rounds(M, r, 5), 'every round and the final copy: M(1 - r^5)/(1 - r)');
  close(res.finalBytes, M * r ** 4, 'the final copy: M r^4');
  close(res.copySeconds, rounds(M, r, 4) / c, 'pre-copy time');
  close(res.downtime, (M * r ** 4) / c + 2, 'downtime = final bytes / rate + 2 s switchover');
  close(job(run, 'move').end, rounds(M, r, 5) / c + 2, 'the migration ends after the switch-over');
  assert.equal(answers(text, [{ op: 'lpm.migrate', partition: 'lpar1', to: 'p2' }, { op: 'partition.where', partition: 'lpar1' }])[1], { partition: 'lpar1', server: 'p2', migratingTo: null });
  // a threshold in bytes instead: stop once at most 600 MB are left (after round 2: 500 MB)
  const bytes = lpmResult(lpm('{ memory: 8 GB, dirtyRate: 20 MB/s }', '{ stopBytes: 600 MB, stopDowntime: 0 s }'));
  assert.is(bytes.rounds, 2);
  close(bytes.finalBytes, M * r ** 2, 'final copy of 500 MB');
});

test('LPM convergence failure: dirtying faster than the mover copies runs to the round limit, then the rest is copied suspended', () => {
  // 100 MB/s of dirt against 80 MB/s: every round finds all 8 GB dirty again (the working set is all of it).
  const res = lpmResult(lpm('{ memory: 8 GB, dirtyRate: 100 MB/s }', '{ rounds: 3 }'));
  assert.equal([res.rounds, res.converged], [3, false]);
  close(res.bytes, 4 * 8e9, 'three rounds and the final copy of 8 GB each');
  close(res.downtime, 8e9 / 80e6 + 2, 'downtime: the whole memory suspended, plus the switch-over');
  // a writable working set of 1 GB bounds what can be dirty: rounds 2 and 3 re-send 1 GB, the final copy 1 GB
  const ws = lpmResult(lpm('{ memory: 8 GB, dirtyRate: 100 MB/s, workingSet: 1 GB }', '{ rounds: 3 }'));
  close(ws.bytes, 8e9 + 3e9, 'bounded by the working set');
  close(ws.downtime, 1e9 / 80e6 + 2, 'downtime: the working set suspended');
});

test('IBM developerWorks: 256 GB over GbE at 80 MB/s takes at least 256*1024/80 = 3276.8 s (an idle partition)', () => {
  const text = lpm('{ memory: 256 GiB }').replace('lpm: {}', 'lpm: {}\n      mover: { bandwidth: 80 MiB/s }').replace('p2: { cores: 16 }', 'p2: { cores: 16, mover: { bandwidth: 80 MiB/s } }');
  const run = runScenario(loadScenario('l.yaml', text));
  const res = lpmResult(text);
  assert.equal([res.rounds, res.finalBytes], [1, 0]);
  near(res.copySeconds, 3276.8, 'developerWorks LPM requirements');
  near(job(run, "move").end!, 3276.8, 'the whole migration');
});

test('LPM: a working set larger than the partition is refused at its field', () => {
  assert.match(refusal(lpm('{ memory: 8 GB, workingSet: 9 GB }'), 'l.yaml').message, /topology\.servers\.p1\.partitions\.lpar1\.workingSet\n {2}a working set of 9000000000 bytes is more than the partition's memory/);
});

// ---------------------------------------------------------------- VMs

const vms = (opts: { vms?: string; jobs: string; link?: string; migration?: string }) => `name: vm rounds
topology:
  hosts: { esx1: {}, esx2: {} }
  links: { vmk: { bandwidth: ${opts.link ?? '100 MB/s'} } }
  hypervisors:
    hv1:
      host: esx1
      ${opts.migration ?? ''}
      vms:
${opts.vms ?? '        app: { memory: 1 GB, dirtyRate: 200 MB/s }'}
    hv2:
      host: esx2
      vms: {}
workload:
  jobs:
${opts.jobs}
`;
const moveApp = '    move: { steps: [ { vm.migrate: { vm: app, to: hv2, route: [vmk] } } ] }';
const MOVE: Custom = { op: 'vm.migrate', vm: 'app', to: 'hv2', route: ['vmk'] };
type VmResult = { vm: string; from: string; to: string; host: string; bytes: number; rounds: number; finalBytes: number; converged: boolean; slowedTo: number | null; copySeconds: number; downtime: number };

test('vm.migrate: SDPS slows a guest that dirties faster than the copy, then the rounds halve until the 500 ms stun goal', () => {
  // 1 GB at 100 MB/s, dirtied at 200 MB/s: round 1 (10 s) finds all 1 GB dirty again, so SDPS holds the guest to
  // half the copy rate, 50 MB/s. Rounds: 1 GB, 1 GB, 500 MB, 250 MB, 125 MB, 62.5 MB; then 31.25 MB is left,
  // 0.3125 s at 100 MB/s <= 0.5 s (Broadcom KB 436882). Downtime = 0.3125 s + 0.1 s switch-over.
  const text = vms({ jobs: moveApp });
  const run = runScenario(loadScenario('v.yaml', text));
  const res: VmResult = answer(text, MOVE);
  assert.equal([res.vm, res.from, res.to, res.host, res.rounds, res.converged], ['app', 'hv1', 'hv2', 'esx2', 6, true]);
  close(res.slowedTo!, 50e6, 'SDPS: half the copy rate');
  close(res.bytes, 1e9 + rounds(1e9, 0.5, 6), 'round 1, then 1 GB halving over rounds 2-6 and the final copy');
  close(res.finalBytes, 31.25e6, 'final copy');
  close(res.downtime, 31.25e6 / 100e6 + 0.1, 'downtime = final bytes / rate + switchover');
  assert.ok(res.downtime < 1, 'vMotion stuns for under a second');
  close(job(run, 'move').end, res.bytes / 100e6 + 0.1, 'ends after the switch-over');
});

test('vm.migrate: with convergence: fail the rounds give up at the limit and the VM stays on its hypervisor', () => {
  const run = runScenario(loadScenario('v.yaml', vms({
    migration: 'migration: { convergence: fail, rounds: 4 }',
    jobs: `${moveApp}\n    again: { start: 1 min, steps: [ { vm.migrate: { vm: app, to: hv1, route: [vmk] } } ] }`,
  })));
  assert.is(job(run, 'move').status, 'failed');
  assert.match(job(run, 'move').reason!, /live migration of VM app to hv2 aborted, it stays on hv1: pre-copy did not converge in 4 rounds/);
  close(job(run, 'move').end, 40, 'four rounds of 1 GB at 100 MB/s');
  assert.match(job(run, 'again').reason!, /VM 'app' already runs on hv1/);
});

test('vm.migrate moves the VM: later steps find it on the target, whose failure now stops it; the source\'s does not', () => {
  const text = vms({
    vms: '        app: { memory: 2 GB, disks: { os: { kind: virtual, storage: a1, volume: ds } } }',
    jobs: `${moveApp}\n    back: { start: 1 min, steps: [ { vm.migrate: { vm: app, to: hv2, route: [vmk] } } ] }\n    write: { start: 2 min, steps: [ { vm.write: { vm: app, disk: os, bytes: 1 MB } } ] }\n    late: { start: 4 min, steps: [ { vm.write: { vm: app, disk: os, bytes: 1 MB } } ] }`,
  }).replace('  hypervisors:', '  storage:\n    a1: { rate: 1 GB/s, volumes: { ds: { size: 1 TB } } }\n  hypervisors:') + 'faults:\n  - { at: 90 s, device-fails: hv1 }\n  - { at: 3 min, device-fails: hv2 }\n';
  const run = runScenario(loadScenario('v.yaml', text));
  const res: VmResult = answer(text, MOVE);
  assert.equal([res.rounds, res.finalBytes, res.to, res.host], [1, 0, 'hv2', 'esx2']);
  close(job(run, 'move').end, 2e9 / 100e6 + 0.1, 'an idle VM: one round, then the switch-over');
  assert.match(job(run, 'back').reason!, /VM 'app' already runs on hv2/);
  assert.is(job(run, 'write').status, 'completed', 'hv1 failed at 90 s, but app had left it');
  assert.match(job(run, 'late').reason!, /hypervisor 'hv2' failed/);
});

test('vm.migrate shares its link: 10 and 20 concurrent 512 MB migrations over one GbE (aidanfinn.com, WS2012 Hyper-V: 40 s and 80 s)', () => {
  // Published: 10 VMs in 40 s at up to 121,625,798 B/s, 20 VMs in 80 s at up to 122,842,926 B/s, all over one 1 GbE
  // link (domain-figures §5). The model: N × 512 MiB over that rate, plus one switch-over.
  for (const [n, rate, published] of [[10, 121625798, 40], [20, 122842926, 80]] as const) {
    const names = Array.from({ length: n }, (_, i) => `vm${i}`);
    const run = runScenario(loadScenario('v.yaml', vms({
      link: `${rate} B/s`,
      vms: names.map((v) => `        ${v}: { memory: 512 MiB }`).join('\n'),
      jobs: names.map((v) => `    m${v}: { steps: [ { vm.migrate: { vm: ${v}, to: hv2, route: [vmk] } } ] }`).join('\n'),
    })));
    const end = Math.max(...run.jobs.map((j) => j.end!));
    close(end, (n * 512 * 2 ** 20) / rate + 0.1, `${n} migrations sharing the link, by hand`);
    near(end, published, `${n} concurrent live migrations`);
  }
});

test('vm.migrate refuses a stopped VM, an unknown memory size and an unknown target', () => {
  const stopped = runScenario(loadScenario('v.yaml', vms({ vms: '        app: { memory: 1 GB, running: false }', jobs: moveApp })));
  assert.match(job(stopped, 'move').reason!, /VM 'app' is stopped: cannot live-migrate it/);
  const nomem = runScenario(loadScenario('v.yaml', vms({ vms: '        app: {}', jobs: moveApp })));
  assert.match(job(nomem, 'move').reason!, /VM 'app' has no memory size/);
  const given = runScenario(loadScenario('v.yaml', vms({ vms: '        app: {}', jobs: moveApp.replace('route: [vmk]', 'route: [vmk], memory: 1 GB') })));
  close(job(given, 'move').end, 10.1, 'memory given in the step');
  assert.match(refusal(vms({ jobs: moveApp.replace('to: hv2', 'to: hv9') }), 'v.yaml').message, /vm\.migrate\.to\n {2}no hypervisor named 'hv9'/);
});

test.run();

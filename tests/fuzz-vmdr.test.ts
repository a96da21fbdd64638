import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { checkedRun } from '../sim/fuzz/checked-run.ts';
import { recoveries, VMDR_INVARIANTS } from '../sim/protocols/vmdr/invariants.ts';
import type { VmdrDef } from '../sim/protocols/vmdr/plan.ts';
import type { JobRow, RunResult } from '../sim/foundation/result.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { fuzzClean, generated } from './support/fuzz.ts';
import { findingsText } from '../sim/foundation/findings.ts';

test('generated vmdr scenarios load and break no invariant: 40 seeds heavy, 10 light, 10 none', () => {
  const runs = [...fuzzClean('vmdr', 1, 40, 'heavy'), ...fuzzClean('vmdr', 41, 50, 'light'), ...fuzzClean('vmdr', 51, 60, 'none')];
  // The seeds reach the cases the invariants are about: failovers, restores, lost VMs, each design.
  assert.ok(runs.some((r) => r.result.metrics.vms_recovered > 0), 'no VM recovered');
  assert.ok(runs.some((r) => r.result.metrics.vms_lost > 0), 'no VM lost');
  assert.ok(runs.some((r) => r.result.jobs.some((j) => j.name.includes(' #2') && j.kind === 'restore')), 'no VM restored again after losing its alternate host');
  for (const design of ['automated', 'manual', 'primary-only']) assert.ok(runs.some((r) => findingsText(r.result.findings).design.startsWith(design === 'automated' ? 'automated' : design === 'manual' ? 'manual' : 'backups kept only')), `no ${design} run`);
});

test('a vmdr seed replays exactly: the same trace hash', () => {
  for (const seed of [3, 17]) assert.is(checkedRun(generated('vmdr', seed, 'heavy')).result.traceHash, checkedRun(generated('vmdr', seed, 'heavy')).result.traceHash);
});

// ---------------------------------------------------------------- each invariant can fail

const student = readFileSync(new URL('../scenarios/vmdr-student.yaml', import.meta.url), 'utf8');
const scn = loadScenario('vmdr-student.yaml', student);
const def = scn.protocol!.def as VmdrDef;
/** The student run: web and db restored on esx-b from backup 2 (the 600 s one) after the update of backup 3 failed. */
const base = (): RunResult => structuredClone(runScenario(scn));
const verdict = (name: string, r: RunResult, d: VmdrDef = def) => VMDR_INVARIANTS.find((i) => i.name.startsWith(name))!.check(d, r);
/** The recovery finding of one VM, to plant a bad one. */
const vm = (r: RunResult, name: string) => recoveries(r).find((f) => f.vm === name)!;
const job = (name: string, kind: string, start: number, end: number): JobRow => ({ name, kind, actor: 'test', status: 'completed', start, end, bytes: 0 });

test('vmdr invariants hold on the student scenario', () => {
  const r = base();
  assert.ok(findingsText(r.findings)['vm web'].includes('from vmdr-hv-a-2'), findingsText(r.findings)['vm web']);
  for (const inv of VMDR_INVARIANTS) assert.is(inv.check(def, r), null, inv.name);
});

test('vmdr invariant: RPO and RTO accounting catches a negative RTO and more VMs than protected', () => {
  const r = base();
  r.metrics.rto_mean = -1;
  assert.match(verdict('RPO and RTO', r) ?? '', /RTO mean -1 s/);
  const s = base();
  s.metrics.vms_lost = 5;
  assert.match(verdict('RPO and RTO', s) ?? '', /of 2 protected/);
});

test('vmdr invariant: a restore on a host outside the plan, or from another host\'s backup, or with negative RPO, is caught', () => {
  const r = base();
  vm(r, 'web').host = 'esx-a';
  assert.match(verdict('a recovered VM runs', r) ?? '', /not an alternate host/);
  const s = base();
  vm(s, 'db').metadataHost = 'dr-mgr';
  assert.match(verdict('a recovered VM runs', s) ?? '', /whose metadata names dr-mgr/);
  const t = base();
  vm(t, 'db').rpo = -3;
  assert.match(verdict('a recovered VM runs', t) ?? '', /data from after its disaster/);
  // The words are not what it reads: rewording a finding's text cannot hide a bad restore, nor make one.
  const u = base();
  vm(u, 'db').rpoBytes = -1;
  assert.match(verdict('a recovered VM runs', u) ?? '', /data from after its disaster/);
});

test('vmdr invariant: a restore from a backup that never reached the secondary, or not the newest that did, is caught', () => {
  const r = base();
  r.jobs = r.jobs.filter((j) => j.kind !== 'replication');
  assert.match(verdict('a VM is restored from the newest', r) ?? '', /no completed update carried/);
  const s = base();
  const failover = s.jobs.find((j) => j.kind === 'failover')!;
  // Backup 3 as if its updates had both completed before the disaster.
  s.jobs = s.jobs.map((j) => (j.name === 'backup esx-a #3' ? { ...j, status: 'completed' as const } : j));
  s.jobs.push(job('replicate m-web #9', 'replication', 901.1, 902), job('replicate m-db #9', 'replication', 901.1, 902));
  assert.ok(s.jobs.find((j) => j.name === 'backup esx-a #3')!.end! <= failover.start);
  assert.match(verdict('a VM is restored from the newest', s) ?? '', /but backup esx-a #3/);
});

test('vmdr invariant: replication in the primary-only design, two failovers, or a restore without a failover are caught', () => {
  assert.match(verdict('only designs with mirrors', base(), { ...def, design: 'primary-only' }) ?? '', /primary-only design ran \d+ mirror updates/);
  const r = base();
  r.jobs.push(job('failover', 'failover', 2000, 2001));
  assert.match(verdict('only designs with mirrors', r) ?? '', /2 failovers/);
  const s = base();
  s.jobs = s.jobs.filter((j) => j.kind !== 'failover');
  assert.match(verdict('only designs with mirrors', s) ?? '', /without a failover before it/);
});

// ---------------------------------------------------------------- regressions found by fuzzing

test('regression (fuzz vmdr seed 2 heavy): a VM the failover restored before its own disaster has RTO 0, not a negative one', () => {
  // The WAN is out for 60 s at 1000 s: the DR services lose the primary's heartbeats and fail over; the site itself fails later.
  const text = student.replace('  - { at: 910.5 s, site-fails: primary }', '  - { at: 1000 s, link-down: wan }\n  - { at: 1060 s, link-up: wan }\n  - { at: 3000.5 s, site-fails: primary }');
  const { result, violations } = checkedRun(loadScenario('t.yaml', text));
  assert.equal(violations, []);
  assert.is(result.metrics.vms_recovered, 2);
  assert.is(result.metrics.rto_max, 0);
  assert.is(result.metrics.rto_mean, 0);
});

test.run();

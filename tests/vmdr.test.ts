import { Ledger } from '../sim/engine/ledger.ts';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { Kernel } from '../sim/engine/kernel.ts';
import { FAMILIES } from '../sim/registry.ts';
import { storageModelOf } from '../sim/model/storage/family.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { runScenario } from '../sim/scenario/run.ts';
import type { RunResult } from '../sim/foundation/result.ts';
import { MemorySink } from '../sim/trace/sink.ts';
import { readTrace, type TraceRecord } from '../sim/trace/reader.ts';
import { sharingVolumes } from '../sim/protocols/vmdr/failover.ts';
import { spawnSteps } from './support/steps.ts';
import { refusal } from './support/refusal.ts';
import { findingsText } from '../sim/foundation/findings.ts';

const S = 1e9;
const MB = 1e6;
const close = (a: number, b: number, what: string, tol = 1e-6) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

const student = readFileSync(new URL('../scenarios/vmdr-student.yaml', import.meta.url), 'utf8');

interface Traced { result: RunResult; records: TraceRecord[] }

function traced(text: string, opts: { variant?: string; seed?: number } = {}): Traced {
  const sink = new MemorySink();
  const result = runScenario(loadScenario('t.yaml', text, { variant: opts.variant }), { sink, seed: opts.seed });
  return { result, records: [...readTrace(sink.bytes())] };
}

/** Labels of what actors did (commands, messages sent) and models marked, in trace order. */
const labels = (t: Traced): { t: number; label: string; data?: any }[] =>
  t.records.flatMap((r) => ((r.type === 'step' || r.type === 'send' || r.type === 'mark') && r.label ? [{ t: r.t, label: r.label, data: (r as { data?: unknown }).data }] : []));

/** Each VM's recoveries as the DR actor recorded them (vmdr.recovered's traced data). */
const recoveries = (t: Traced) => t.records.flatMap((r) => (r.type === 'step' && r.op === 'vmdr.recovered' ? [{ t: r.t, ...(r.data as { vm: string; host: string; metadataHost: string; snapshot: string; imageTime: number; written: number }) }] : []));

/**
 * One VM writing a steady `rate` onto a datastore of `size` (used0 at the start) on host esx-a,
 * mirrored to fas-b over a WAN of `wan` with 5 ms latency; DR services on dr-mgr; alternates as given.
 */
function oneVm(o: { backup?: string; replication?: string; retain?: number; wan?: string; rate?: string; cv?: number; fault?: string; design?: string; until?: string; extra?: string } = {}): string {
  return `name: one VM
seed: 1
until: ${o.until ?? '1 h'}
topology:
  sites: { primary: {}, secondary: {} }
  hosts:
    esx-a: { site: primary }
    esx-b: { site: secondary }
    dr-mgr: { site: secondary }
  switches:
    sw-a: { site: primary }
    sw-b: { site: secondary }
  links:
    lan-a: { between: [esx-a, sw-a], bandwidth: 10 Gb/s, latency: 0 s }
    lan-b: { between: [esx-b, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    lan-dr: { between: [dr-mgr, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    wan: { between: [sw-a, sw-b], bandwidth: ${o.wan ?? '100 Mb/s'}, latency: 5 ms }
  storage:
    fas-a:
      site: primary
      rate: 1 GB/s
      volumes:
        ds: { size: 1 TB, used: 1 GB }
      mirrors:
        m: { volume: ds, to: { system: fas-b, volume: ds }, route: [wan] }
    fas-b:
      site: secondary
      rate: 1 GB/s
      volumes:
        ds: { size: 1 TB }
  hypervisors:
    hv-a:
      host: esx-a
      vms:
        app:
          disks: { os: { kind: virtual, storage: fas-a, volume: ds } }
          writers: [{ disk: os, rate: ${o.rate ?? '4.096 MB/s'}, pattern: { cv: ${o.cv ?? 0} } }]
    hv-b: { host: esx-b, vms: {} }
protocol:
  name: vmdr
  design: ${o.design ?? 'automated'}
  services: dr-mgr
  alternates: [esx-b]
  plan: { backup: ${o.backup ?? '10 min'}, replication: ${o.replication ?? 'after-backup'}${o.retain === undefined ? '' : `, retain: ${o.retain}`} }
faults:
  - ${o.fault ?? '{ at: 2100.5 s, site-fails: primary }'}
${o.extra ?? ''}`;
}

// ---------------------------------------------------------------- the figures' order

test('FIG. 3A steps 1-5 and FIG. 3B steps 1-2 happen in the figures\' order; FIG. 1 orders each backup', () => {
  const t = traced(student);
  const ls = labels(t);
  const first = (prefix: string) => {
    const i = ls.findIndex((x) => x.label.startsWith(prefix));
    assert.ok(i >= 0, `no trace label starts with '${prefix}'`);
    return i;
  };
  const fig3 = ['FIG. 3A step 1', 'FIG. 3A step 2', 'FIG. 3A step 3', 'FIG. 3A step 4', 'FIG. 3A step 5', 'FIG. 3B step 1', 'FIG. 3B step 2'].map(first);
  assert.equal([...fig3].sort((a, b) => a - b), fig3, 'FIG. 3A/3B steps out of order');
  const fig1 = ['FIG. 1 step 1', 'FIG. 1 step 2', 'FIG. 1 step 3', 'FIG. 3A step 2 (FIG. 1 step 4)', 'FIG. 1 step 4 done'].map(first);
  assert.equal([...fig1].sort((a, b) => a - b), fig1, 'FIG. 1 steps out of order');
  // FIG. 3A step 4 in the patent's order: break the mirror, offline and online, scan; all after the disaster (910.5 s).
  const step4 = ['FIG. 3A step 4: break mirror', 'FIG. 3A step 4: take the storage', 'FIG. 3A step 4: scan'].map(first);
  assert.equal([...step4].sort((a, b) => a - b), step4);
  assert.ok(ls[step4[0]].t > 910.5 * S);
  // Each VM: FIG. 3B step 1 (the plan names the host) before step 2 (restore with that host name), before it runs.
  for (const vm of ['web', 'db']) {
    const i1 = ls.findIndex((x) => x.label === `FIG. 3B step 1: the DR plan names host esx-b for VM ${vm}`);
    const i2 = ls.findIndex((x) => x.label.startsWith(`FIG. 3B step 2: restore VM ${vm} with host name esx-b`));
    const i3 = ls.findIndex((x) => x.label === `FIG. 3B step 2: start VM ${vm}@esx-b on esx-b`);
    assert.ok(i1 >= 0 && i1 < i2 && i2 < i3, `${vm}: ${i1} ${i2} ${i3}`);
  }
});

test('the restore targets the alternate host while the backup metadata still names the primary', () => {
  const t = traced(student);
  const rec = recoveries(t);
  assert.equal(rec.map((r) => [r.vm, r.host, r.metadataHost]), [['web', 'esx-b', 'esx-a'], ['db', 'esx-b', 'esx-a']]);
  // The model registered and started the VMs on the secondary hypervisor, from the mirrored datastores.
  const marks = t.records.filter((r) => r.type === 'mark') as { label: string; data: any }[];
  const reg = marks.find((m) => m.label === 'VM web@esx-b registered on hv-b');
  assert.ok(reg !== undefined);
  assert.equal(reg!.data, { like: 'web', volumes: ['fas-b/ds-web'] });
  assert.ok(marks.some((m) => m.label === 'VM db@esx-b started'));
  assert.match(findingsText(t.result.findings)['vm web'], /restored on esx-b from vmdr-hv-a-2, whose metadata names esx-a/);
});

// ---------------------------------------------------------------- RPO, computed independently

/**
 * The storage model's law for distinct bytes (uniform over the volume): after n writes of b distinct bytes
 * each, a volume of S bytes with u0 used has S - (S - u0)(1 - b/S)^n used, and a counter opened at 0 has
 * S(1 - (1 - b/S)^n). With a steady writer every tick is one such write.
 */
const usedAfter = (S0: number, u0: number, b: number, n: number) => S0 - (S0 - u0) * (1 - b / S0) ** n;
const changedAfter = (S0: number, b: number, n: number) => S0 * (1 - (1 - b / S0) ** n);

/** When the k-th update of the one-VM scenario (backup B s, WAN w B/s) ends, in seconds. */
function updateEnd(k: number, B: number, w: number, b: number): number {
  const size = 1e12, used0 = 1e9, commit = 1, wanLat = 0.005, msg = 0.005;
  // The backup's freeze at kB, its snapshot at kB + commit; the notice crosses the WAN to the DR services,
  // which start the update at once. Ticks land at whole seconds, the one queued in the freeze at the thaw.
  const begin = k * B + commit + msg;
  const bytes = k === 1 ? usedAfter(size, used0, b, Math.floor(begin)) : changedAfter(size, b, B);
  return begin + wanLat + bytes / w;
}

test('steady-state RPO = disaster - the last backup whose update completed, within backup interval + transfer time', () => {
  const B = 600, w = 12.5 * MB, b = 4.096 * MB;
  const end3 = updateEnd(3, B, w, b);
  const transfer = end3 - 3 * B - 1;
  // Independently: 600 ticks of 4.096 MB over 12.5 MB/s, about 196.6 s.
  close(transfer, 0.01 + changedAfter(1e12, b, 600) / w, 'transfer');
  for (const T of [end3 + 0.5, 4 * B - 0.5]) {
    const r = runScenario(loadScenario('t.yaml', oneVm({ fault: `{ at: ${T} s, site-fails: primary }` })));
    close(r.metrics.rpo_instant, T - 3 * B, `RPO at ${T}`);
    assert.ok(r.metrics.rpo_instant <= B + 1 + transfer, 'the bound: one interval + the commit + the transfer');
  }
});

test('a disaster in mid-transfer falls back to the previous complete snapshot, and no byte is lost beyond the RPO window', () => {
  const B = 600, w = 12.5 * MB, b = 4.096 * MB;
  const T = 3 * B + 100.5; // the update of the 1800 s backup ends near 1997 s
  assert.ok(updateEnd(3, B, w, b) > T && updateEnd(2, B, w, b) < T);
  const t = traced(oneVm({ fault: `{ at: ${T} s, site-fails: primary }` }));
  const [rec] = recoveries(t);
  assert.is(rec.snapshot, 'vmdr-hv-a-2');
  assert.is(rec.imageTime, 2 * B * S);
  close(t.result.metrics.rpo_instant, T - 2 * B, 'RPO');
  assert.is(t.result.metrics.replication_failures, 1);
  // Bytes: the snapshot holds the writes of ticks 1..1200; the disaster takes those of ticks 1201..2100.
  assert.is(rec.written, 2 * B * b);
  assert.is(t.result.metrics.rpo_bytes, (Math.floor(T) - 2 * B) * b);
  assert.is(rec.written + t.result.metrics.rpo_bytes, Math.floor(T) * b, 'every byte written before the disaster is either restored or counted lost');
});

test('replication on its own schedule carries the backups stored before each update begins', () => {
  // Backups every 5 min, updates every 15 min: the 1800 s update (backups up to 1500 s; the 1800 s snapshot
  // lands at 1801 s) moves 900 ticks of 4.096 MB at 12.5 MB/s and ends near 2095 s, before the disaster.
  const end = 1800 + 0.005 + changedAfter(1e12, 4.096 * MB, 900) / (12.5 * MB);
  assert.ok(end < 2100.5);
  const t = traced(oneVm({ backup: '5 min', replication: '15 min' }));
  assert.is(recoveries(t)[0].snapshot, 'vmdr-hv-a-5');
  close(t.result.metrics.rpo_instant, 2100.5 - 1500, 'RPO');
  assert.is(t.result.metrics.replications, 2);
});

test('a primary host lost while its storage lives: the DR services abandon the update in flight and break the mirror', () => {
  const t = traced(oneVm({ fault: '{ at: 1900.5 s, host-fails: esx-a }' }));
  const update = t.result.jobs.find((j) => j.name === 'replicate m #3')!;
  assert.match(update.reason ?? '', /abandoned: the DR services quiesced the mirror/);
  close(update.end!, 1906, 'at the failover, after five missed heartbeats');
  assert.is(recoveries(t)[0].snapshot, 'vmdr-hv-a-2');
  close(t.result.metrics.rpo_instant, 1900.5 - 1200, 'RPO');
});

test('retention: the primary keeps the last backup only, yet a failed update leaves the previous one on the secondary', () => {
  const T = 3 * 600 + 100.5; // in the middle of the update of backup 3, as above
  const t = traced(oneVm({ retain: 1, fault: `{ at: ${T} s, site-fails: primary }` }));
  const deleted = t.records.flatMap((r) => (r.type === 'step' && r.op === 'storage.snapshot.delete' ? [r.label] : []));
  assert.equal(deleted, ['retention: delete backup 1 of esx-a from fas-a/ds', 'retention: delete backup 2 of esx-a from fas-a/ds']);
  assert.is(recoveries(t)[0].snapshot, 'vmdr-hv-a-2');
  close(t.result.metrics.rpo_instant, T - 1200, 'RPO as without retention');
});

// ---------------------------------------------------------------- detection, baselines

test('a storage failure is seen at the next heartbeat (the probe), a host failure after the missed heartbeats', () => {
  const T = 2100.5;
  const storage = runScenario(loadScenario('t.yaml', oneVm({ fault: `{ at: ${T} s, device-fails: fas-a }` })));
  const site = runScenario(loadScenario('t.yaml', oneVm({ fault: `{ at: ${T} s, site-fails: primary }` })));
  const start = (r: RunResult) => r.jobs.find((j) => j.name === 'failover')!.start;
  // Heartbeats at whole seconds: the probe at 2101 s fails; five pings (2101-2105) unanswered end at 2106 s.
  close(start(storage), 2101 + 0.005 * 2, 'declared by the storage probe');
  close(start(site), 2106, 'declared after 5 missed heartbeats');
  // Then the same failover: remount 30 s, the boot read (1 GB at fas-b's 1 GB/s) 1 s, the boot 60 s, and the messages' WAN-free routes at the secondary.
  close(storage.metrics.rto_instant, 2101.01 + 91 - T, 'RTO, storage failure');
  // The failover stops the backups on the living host: none is attempted on the failed array afterwards.
  assert.equal(storage.jobs.filter((j) => j.kind === 'backup' && j.start > T).map((j) => j.name), []);
  close(site.metrics.rto_instant, 2106 + 91 - T, 'RTO, site failure');
});

test('the manual baseline\'s RTO exceeds the automated one by the operator\'s reaction plus per-VM handling', () => {
  const auto = runScenario(loadScenario('s.yaml', student, { variant: 'automated' }));
  const manual = runScenario(loadScenario('s.yaml', student, { variant: 'manual' }));
  const reaction = 30 * 60, perVm = 15 * 60; // the defaults the scenario keeps
  // db is restored second: the operator has handled web, then db. The DR services restore both at once, so
  // their boot reads (1 GB each) share fas-b's 1 GB/s for 2 s; the operator's, 15 min apart, take 1 s each.
  close(manual.metrics.rto_instant - auto.metrics.rto_instant, reaction + 2 * perVm - 1, 'rto_instant');
  close(manual.metrics.rto_mean - auto.metrics.rto_mean, reaction + 1.5 * perVm - 1, 'rto_mean');
  assert.is(manual.metrics.rpo_instant, auto.metrics.rpo_instant, 'the same backups: the same RPO');
});

test('backups kept only on the primary: a site disaster loses every VM; a host failure alone is restored from the primary', () => {
  const site = runScenario(loadScenario('s.yaml', student, { variant: 'primary-only' }));
  assert.is(site.metrics.vms_lost, 2);
  assert.is(site.metrics.vms_recovered, 0);
  // Everything web and db wrote before 910.5 s: 910 ticks of 4.096 + 8.192 MB.
  assert.is(site.metrics.rpo_bytes, 910 * (4.096 + 8.192) * MB);
  const host = runScenario(loadScenario('t.yaml', oneVm({ design: 'primary-only', fault: '{ at: 2100.5 s, host-fails: esx-a }' })));
  assert.is(host.metrics.vms_recovered, 1);
  close(host.metrics.rpo_instant, 2100.5 - 1800, 'RPO from the primary\'s own last backup');
  assert.is(host.metrics.replications, 0);
});

// ---------------------------------------------------------------- clustered (FIG. 4)

function clustered(faults: string, seed = 1): string {
  return `name: clusters
seed: ${seed}
until: 40 min
topology:
  sites: { primary: {}, secondary: {} }
  hosts:
    a1: { site: primary }
    a2: { site: primary }
    b1: { site: secondary }
    b2: { site: secondary }
    b3: { site: secondary }
    dr: { site: secondary }
  switches:
    sw-a: { site: primary }
    sw-b: { site: secondary }
  links:
    l-a1: { between: [a1, sw-a], bandwidth: 10 Gb/s, latency: 0 s }
    l-a2: { between: [a2, sw-a], bandwidth: 10 Gb/s, latency: 0 s }
    l-b1: { between: [b1, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    l-b2: { between: [b2, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    l-b3: { between: [b3, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    l-dr: { between: [dr, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    wan: { between: [sw-a, sw-b], bandwidth: 1 Gb/s, latency: 5 ms }
  storage:
    fas-a1:
      site: primary
      rate: 1 GB/s
      volumes: { v1: { size: 1 TB, used: 1 GB } }
      mirrors: { m1: { volume: v1, to: { system: fas-b1, volume: v1 }, route: [wan] } }
    fas-a2:
      site: primary
      rate: 1 GB/s
      volumes: { v2: { size: 1 TB, used: 1 GB } }
      mirrors: { m2: { volume: v2, to: { system: fas-b2, volume: v2 }, route: [wan] } }
    fas-b1: { site: secondary, rate: 1 GB/s, volumes: { v1: { size: 1 TB } } }
    fas-b2: { site: secondary, rate: 1 GB/s, volumes: { v2: { size: 1 TB } } }
  hypervisors:
    hv-a1: { host: a1, vms: { vm1: { disks: { d: { kind: virtual, storage: fas-a1, volume: v1 } }, writers: [{ disk: d, rate: 1 MB/s }] } } }
    hv-a2: { host: a2, vms: { vm2: { disks: { d: { kind: virtual, storage: fas-a2, volume: v2 } }, writers: [{ disk: d, rate: 1 MB/s }] } } }
    hv-b1: { host: b1, vms: {} }
    hv-b2: { host: b2, vms: {} }
    hv-b3: { host: b3, vms: {} }
protocol:
  name: vmdr
  services: dr
  alternates: [b1, b2, b3]
  plan: { backup: 5 min }
faults:
${faults}
`;
}

test('FIG. 4 clusters: VMs go to the least-loaded available host in plan order, and survive a second host failure', () => {
  const t = traced(clustered('  - { at: 700.5 s, site-fails: primary }\n  - { at: 1000.5 s, host-fails: b1 }'));
  const rec = recoveries(t).map((r) => [r.vm, r.host]);
  // vm1 -> b1 (all empty: first in the plan), vm2 -> b2 (b1 holds one); b1 fails: vm1 again, on b3 (b2 holds one).
  assert.equal(rec, [['vm1', 'b1'], ['vm2', 'b2'], ['vm1', 'b3']]);
  assert.is(t.result.metrics.vms_recovered, 2);
  assert.match(findingsText(t.result.findings)['vm vm1'], /restored again on b3 after losing b1/);
  // The placement does not depend on the seed (the writers' draws do).
  const other = traced(clustered('  - { at: 700.5 s, site-fails: primary }\n  - { at: 1000.5 s, host-fails: b1 }', 7));
  assert.equal(recoveries(other).map((r) => [r.vm, r.host]), rec);
  assert.is.not(other.result.traceHash, t.result.traceHash);
});

test('FIG. 4 clusters: an alternate host lost with the primary is skipped, by the DR services and by the operator alike', () => {
  const faults = '  - { at: 700.5 s, site-fails: primary }\n  - { at: 700.5 s, host-fails: b1 }';
  const auto = traced(clustered(faults));
  // The restores go out at once: vm1 to b1 (not yet known lost), vm2 to b2; b1's loss sends vm1 on to b3.
  assert.equal(recoveries(auto).map((r) => [r.vm, r.host]), [['vm2', 'b2'], ['vm1', 'b3']]);
  const manual = traced(clustered(faults).replace('  services: dr', '  design: manual\n  services: dr').replace('until: 40 min', 'until: 2 h'));
  assert.equal(recoveries(manual).map((r) => [r.vm, r.host]), [['vm2', 'b2'], ['vm1', 'b3']]);
  // One reaction for the one alert that needs the operator: vm1 runs reaction + handling after the automated one.
  close(manual.result.metrics.rto_instant - auto.result.metrics.rto_instant, 30 * 60 + 2 * 15 * 60, 'manual - automated');
});

// ---------------------------------------------------------------- bad input, determinism

const errorOf = (text: string): string => refusal(text, 'dr.yaml').message;

test('bad input names the file, the field and what was expected', () => {
  assert.match(errorOf(oneVm().replace('services: dr-mgr', 'services: nowhere')), /^dr\.yaml:\d+:\d+ {2}protocol\.services\n {2}no host named 'nowhere'/);
  assert.match(errorOf(oneVm().replace('alternates: [esx-b]', 'alternates: [dr-mgr]')), /protocol\.alternates\[0\]\n {2}no hypervisor runs on host 'dr-mgr'/);
  assert.match(errorOf(oneVm().replace(/      mirrors:\n.*\n/, '')), /protocol\.design\n {2}VM 'app' has disk 'os' on volume 'fas-a\/ds', which no mirror copies/);
  assert.match(errorOf(oneVm().replace('until: 1 h', '')), /until\n {2}a DR run needs `until`/);
  assert.match(errorOf(oneVm({ design: 'hopeful' })), /protocol\.design\n/);
  assert.match(errorOf(oneVm().replace('wan: { between: [sw-a, sw-b], ', 'wan: { ')), /protocol\.services\n {2}no path of links between the DR services host 'dr-mgr' and host 'esx-a'/);
  assert.match(errorOf(oneVm({ extra: '' }).replace('plan: {', 'detection: { heartbeat: 5 ms }\n  plan: {')), /protocol\.detection\.heartbeat\n {2}a heartbeat's round trip takes 0\.01 s/);
});

test('determinism: the same seed gives the same trace; another seed changes the writers and the RPO bytes', () => {
  const text = oneVm({ cv: 0.5 });
  const a = runScenario(loadScenario('t.yaml', text));
  const b = runScenario(loadScenario('t.yaml', text));
  const c = runScenario(loadScenario('t.yaml', text), { seed: 2 });
  assert.is(a.traceHash, b.traceHash);
  assert.equal(a.metrics, b.metrics);
  assert.is.not(c.traceHash, a.traceHash);
  assert.is.not(c.metrics.rpo_bytes, a.metrics.rpo_bytes);
  close(c.metrics.rpo_instant, a.metrics.rpo_instant, 'the schedule, not the draws, sets the RPO time');
});

test('scenarios/vmdr-student.yaml: its checks hold in every variant', () => {
  for (const variant of [undefined, 'automated', 'manual', 'primary-only']) {
    const r = runScenario(loadScenario('scenarios/vmdr-student.yaml', student, { variant }));
    assert.ok(r.checks.length > 0 && r.checks.every((c) => c.pass), `${variant}: ${JSON.stringify(r.checks.filter((c) => !c.pass))}`);
  }
});

test('scenarios/vmdr-cluster.yaml: its checks hold; three VMs restored at once over b1, b2, b3, and vm1 moves to b2 when b1 fails', () => {
  const text = readFileSync(new URL('../scenarios/vmdr-cluster.yaml', import.meta.url), 'utf8');
  const t = traced(text);
  assert.ok(t.result.checks.every((c) => c.pass), JSON.stringify(t.result.checks.filter((c) => !c.pass)));
  assert.equal(recoveries(t).map((r) => [r.vm, r.host, r.t / S]), [['vm3', 'b3', 797], ['vm1', 'b1', 798], ['vm2', 'b2', 798], ['vm1', 'b2', 1067]]);
});

test('scenarios/vmdr-sweep.yaml: the RPO objective holds with 5 min backups and fails with hourly ones on the OC-3', () => {
  const text = readFileSync(new URL('../scenarios/vmdr-sweep.yaml', import.meta.url), 'utf8');
  const base = runScenario(loadScenario('scenarios/vmdr-sweep.yaml', text));
  assert.ok(base.checks.every((c) => c.pass));
  close(base.metrics.rpo_instant, 11250.5 - 11100, 'the 3 h 05 min backup is on the secondary');
  const hourly = runScenario(loadScenario('scenarios/vmdr-sweep.yaml', text, { sets: [parseSetting('protocol.plan.backup=1 h')] }));
  // 21.6 GB at 12.83 MB/s outlasts the 7.5 min to the disaster: the 2 h backup is restored.
  close(hourly.metrics.rpo_instant, 11250.5 - 7200, 'hourly');
  assert.is(hourly.checks.find((c) => c.check === 'rpo_max < 15 min')?.pass, false);
});

// ---------------------------------------------------------------- model additions and helpers

test('storage: backup metadata stays with a snapshot through a mirror update; snapshot.list scans it; a failed array refuses', () => {
  const scn = loadScenario('t.yaml', oneVm());
  const kernel = new Kernel({ seed: 1 });
  for (const l of scn.links) kernel.net.addLink(l.name, l);
  for (const f of FAMILIES) f.build(scn.models.get(f.key), { kernel, ledger: new Ledger(() => kernel.now), device: (name, _kind, spec) => kernel.net.addLink(name, spec) });
  const p = spawnSteps(kernel, 'p', [
    { op: 'vm.freeze', vm: 'app' },
    { op: 'storage.snapshot', system: 'fas-a', volume: 'ds', name: 's1', metadata: '{"host":"esx-a"}' },
    { op: 'vm.thaw', vm: 'app' },
    { op: 'storage.mirror.update', mirror: 'm' },
    { op: 'storage.snapshot.list', system: 'fas-b', volume: 'ds' },
    { op: 'storage.mirror.break', mirror: 'm' },
    { op: 'vm.register', vm: 'app2', hypervisor: 'hv-b', like: 'app', volumes: ['fas-b/ds'] },
    { op: 'vm.start', vm: 'app2' },
  ], 10 * S);
  kernel.run();
  assert.is(p.error, undefined);
  assert.is((p.results[0] as any).written, 10 * 4.096 * MB, 'ten whole seconds of writes on the disk at the freeze');
  const list = p.results[4] as any;
  assert.equal(list.snapshots.map((s: any) => [s.name, s.time, s.metadata]), [['s1', 10 * S, '{"host":"esx-a"}']]);
  assert.equal(p.results[6], { vm: 'app2', hypervisor: 'hv-b', host: 'esx-b', disks: ['os'] });
  kernel.run({ until: kernel.now + 1 });
  const q = spawnSteps(kernel, 'q', [{ op: 'vm.register', vm: 'app2', hypervisor: 'hv-b', like: 'app', volumes: ['fas-b/ds'] }]);
  const r = spawnSteps(kernel, 'r', [{ op: 'vm.register', vm: 'app3', hypervisor: 'hv-b', like: 'app', volumes: [] }]);
  kernel.run({ until: kernel.now + 1 });
  assert.match(q.error!.message, /a VM named 'app2' already exists/);
  assert.match(r.error!.message, /VM 'app' has 1 disk \(os\); give one volume for each, not 0/);
  storageModelOf(kernel)!.failDevice('fas-a');
  const f = spawnSteps(kernel, 'f', [{ op: 'storage.snapshot.list', system: 'fas-a', volume: 'ds' }]);
  kernel.run({ until: kernel.now + 1 });
  assert.match(f.error!.message, /storage system 'fas-a' failed at .* cannot scan volume 'fas-a\/ds'/);
});

test('VMs sharing a volume are restored from one backup; VMs on separate volumes each from their own', () => {
  const vm = (name: string, ...disks: string[]) => ({ name, hypervisor: 'h', host: 'h', disks });
  const [a, b, c, d] = [vm('a', 'x/1'), vm('b', 'x/2'), vm('c', 'x/3', 'x/1'), vm('d', 'x/4')];
  assert.equal(sharingVolumes([a, b, c, d]).map((g) => g.map((v) => v.name)), [['a', 'c'], ['b'], ['d']]);
  assert.equal(sharingVolumes([a, b, vm('e', 'x/2', 'x/3'), c]).map((g) => g.map((v) => v.name)), [['a', 'b', 'e', 'c']]);
  // The T3 sweep point: the two datastores' mirrors lag by different amounts, so web and db come back from different backups.
  const text = readFileSync(new URL('../scenarios/vmdr-sweep.yaml', import.meta.url), 'utf8');
  const t = traced(text.replace('carrier: OC-3', 'carrier: T3'));
  const [web, db] = recoveries(t);
  assert.ok(web.imageTime > db.imageTime, `${web.snapshot} vs ${db.snapshot}`);
  assert.is(t.result.metrics.vms_lost, 0);
});

test.run();

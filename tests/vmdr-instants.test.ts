import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { overInstants, quantiles, type History } from '../sim/protocols/vmdr/instants.ts';
import type { PrimaryHost, VmdrDef } from '../sim/protocols/vmdr/plan.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';

const S = 1e9;
const close = (a: number, b: number, what: string, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

// ---------------------------------------------------------------- RPO and RTO over the disaster instant, closed forms

/**
 * One VM, backups every C s (image at kC, stored at kC + 1), each replicated by an update that
 * begins at kC + 1 and takes X s. A disaster at t restores the newest backup whose update ended
 * by t: for t at phase u in the cycle, RPO = u + C while the update is on the wire (u < 1 + X),
 * u once it has landed. So RPO is uniform on [a, C + a) with a = 1 + X: worst C + a, median a + C/2.
 */
const C = 600, X = 200, A = 1 + X;
const host: PrimaryHost = {
  hypervisor: 'hv', host: 'h', route: [], latency: 0,
  vms: [{ name: 'vm', hypervisor: 'hv', host: 'h', disks: ['a/v'] }],
  volumes: [{ id: 'a/v', system: 'a', volume: 'v', mirror: 'm', copy: { system: 'b', volume: 'v' } }],
};
const def = { backup: C * S, replication: 'after-backup', heartbeat: 1 * S, instants: 1000, primaries: [host] } as unknown as VmdrDef;
const history: History = { backups: [], replications: [] };
for (let k = 1; k <= 8; k++) {
  history.backups.push({ hypervisor: 'hv', backup: k, imageTime: k * C * S, at: (k * C + 1) * S });
  history.replications.push({ mirror: 'm', begin: (k * C + 1) * S, end: (k * C + A) * S });
}

test('RPO over a replication cycle: uniform on [1 + X, C + 1 + X): worst C + 1 + X, percentiles by hand', () => {
  const D = 5 * C + 350.5;
  const o = overInstants(def, history, [{ vm: host.vms[0], host, disasterAt: D * S, recoveredAt: (D + 100) * S }])!;
  close(o.from / S, D - C, 'the window starts one cycle before the disaster', 0);
  close(o.rpo.max, C + A, 'worst: just before an update lands', 1e-6);
  const step = C / def.instants;
  close(o.rpo.p50, A + 0.5 * C, 'p50', step);
  close(o.rpo.p90, A + 0.9 * C, 'p90', step);
  close(o.rpo.p99, A + 0.99 * C, 'p99', step);
  // RTO: the run's 100 s, moved by the heartbeat the disaster falls before (1 s grid, disaster at .5): (99.5, 100.5].
  close(o.rto!.max, 100.5, 'worst RTO: the disaster just after a heartbeat', 1e-6);
  close(o.rto!.p50, 100, 'median RTO', step);
  assert.ok(o.rto!.p50 > 99.5 && o.rto!.max <= 100.5);
});

test('RPO over the cycle: a backup that never reached the secondary loses everything (RPO = the instant itself)', () => {
  const D = 200.5; // before the first backup's update lands (601 + 200 s)
  const o = overInstants(def, history, [{ vm: host.vms[0], host, disasterAt: D * S, recoveredAt: null }])!;
  close(o.from, 0, 'the window is clipped at the run\'s start', 0);
  close(o.rpo.max, D, 'worst: the whole run', 1e-6);
  assert.is(o.rto, null);
});

test('quantiles: nearest rank', () => {
  const q = quantiles(Array.from({ length: 100 }, (_, i) => i + 1), 123);
  assert.equal(q, { p50: 50, p90: 90, p99: 99, max: 123 });
});

// ---------------------------------------------------------------- parallel restores and what they share

/** Two VMs on esx-a, each on its own primary array; their copies on fas-b1 and fas-b2 (or both on fas-b). */
function twoVms(o: { shared: boolean; alternates: string; perHost?: number }): string {
  const dst = (i: number) => (o.shared ? 'fas-b' : `fas-b${i}`);
  return `name: two VMs
seed: 1
until: 1 h
topology:
  sites: { primary: {}, secondary: {} }
  hosts: { esx-a: { site: primary }, b1: { site: secondary }, b2: { site: secondary }, dr: { site: secondary } }
  switches: { sw-a: { site: primary }, sw-b: { site: secondary } }
  links:
    l-a: { between: [esx-a, sw-a], bandwidth: 10 Gb/s, latency: 0 s }
    l-b1: { between: [b1, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    l-b2: { between: [b2, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    l-dr: { between: [dr, sw-b], bandwidth: 10 Gb/s, latency: 0 s }
    wan: { between: [sw-a, sw-b], bandwidth: 1 Gb/s, latency: 0 s }
  storage:
    fas-a1: { site: primary, rate: 1 GB/s, volumes: { v1: { size: 1 TB, used: 1 GB } }, mirrors: { m1: { volume: v1, to: { system: ${dst(1)}, volume: v1 }, route: [wan] } } }
    fas-a2: { site: primary, rate: 1 GB/s, volumes: { v2: { size: 1 TB, used: 1 GB } }, mirrors: { m2: { volume: v2, to: { system: ${dst(2)}, volume: v2 }, route: [wan] } } }
${o.shared ? '    fas-b: { site: secondary, rate: 1 GB/s, volumes: { v1: { size: 1 TB }, v2: { size: 1 TB } } }' : '    fas-b1: { site: secondary, rate: 1 GB/s, volumes: { v1: { size: 1 TB } } }\n    fas-b2: { site: secondary, rate: 1 GB/s, volumes: { v2: { size: 1 TB } } }'}
  hypervisors:
    hv-a: { host: esx-a, vms: { x: { disks: { d: { kind: virtual, storage: fas-a1, volume: v1 } }, writers: [{ disk: d, rate: 1 MB/s }] }, y: { disks: { d: { kind: virtual, storage: fas-a2, volume: v2 } }, writers: [{ disk: d, rate: 1 MB/s }] } } }
    hv-b1: { host: b1, vms: {} }
    hv-b2: { host: b2, vms: {} }
protocol:
  name: vmdr
  services: dr
  alternates: [${o.alternates}]
  plan: { backup: 5 min }
  failover: { read: 10 GB${o.perHost === undefined ? '' : `, perHost: ${o.perHost}`} }
faults:
  - { at: 700.5 s, site-fails: primary }
`;
}

/** When each VM ran, seconds after the failover began (job times are in seconds). */
function ranAt(text: string): Record<string, number> {
  const r = runScenario(loadScenario('t.yaml', text));
  const f = r.jobs.find((j) => j.name === 'failover')!.start;
  assert.is(r.metrics.vms_recovered, 2);
  return Object.fromEntries(r.jobs.filter((j) => j.kind === 'restore').map((j) => [j.name, j.end! - f]));
}

test('restores to two hosts that share nothing finish in the max of their times, not the sum', () => {
  // remount 30 s, then each reads 10 GB from its own array at 1 GB/s (10 s) and boots 60 s.
  const t = ranAt(twoVms({ shared: false, alternates: 'b1, b2' }));
  close(t['restore x'], 30 + 10 + 60, 'x', 1e-6);
  close(t['restore y'], 30 + 10 + 60, 'y: in parallel with x (one at a time would be 170 s)', 1e-6);
});

test('restores that share an array split it max-min: both reads take twice as long', () => {
  // Both copies on fas-b: two 10 GB reads share its 1 GB/s, 0.5 GB/s each, 20 s.
  const t = ranAt(twoVms({ shared: true, alternates: 'b1, b2' }));
  close(t['restore x'], 30 + 20 + 60, 'x', 1e-6);
  close(t['restore y'], 30 + 20 + 60, 'y', 1e-6);
});

test('one alternate host: its restores run at once by default, one after another with perHost: 1', () => {
  const together = ranAt(twoVms({ shared: false, alternates: 'b1' }));
  assert.equal([together['restore x'], together['restore y']].map((x) => Math.round(x * 1e6) / 1e6), [100, 100]);
  const serial = ranAt(twoVms({ shared: false, alternates: 'b1', perHost: 1 }));
  close(serial['restore x'], 100, 'x first', 1e-6);
  close(serial['restore y'], 100 + 10 + 60, 'y waits for x', 1e-6);
});

// ---------------------------------------------------------------- the assumptions are named

test('the RTO and manual-baseline constants are named inputs: sourced, or UNSOURCED in the schema', async () => {
  const { VMDR } = await import('../sim/protocols/vmdr/plan.ts');
  const rows = VMDR.rows('protocol');
  const source = (field: string) => rows.find((r) => r.name === `protocol.${field}`)!.source;
  for (const f of ['failover.remount', 'failover.restore', 'failover.read', 'operator.reaction', 'operator.perVm']) assert.match(source(f), /^UNSOURCED/, f);
  assert.match(source("failover.perHost"), /Site Recovery Manager/);
  assert.match(source("detection.missed"), /Windows Server 2008 R2/);
});

test.run();

/**
 * RPO and RTO over the disaster instant, not at one instant: the same
 * disaster (the scenario's faults, moved together) placed at N instants
 * evenly spaced over the replication cycle that ends at the scenario's own
 * disaster, each evaluated from the run's records rather than run again.
 *
 * - RPO at instant t, for a VM: t minus the image time of the newest backup
 *   on every volume of its group by t (a mirror's destination holds what its
 *   source held when its last completed update began); none, or a VM the run
 *   could not restore (the same disaster takes the same copies at every
 *   instant): all it wrote in the run is lost (RPO = t).
 * - RTO at instant t, for a VM the run restored: the run's restore moved by
 *   the whole heartbeats between the two instants (the heartbeats keep their
 *   schedule, so detection waits for the next one after the disaster; what
 *   follows the detection does not depend on the instant, as long as nothing
 *   else at the secondary competes with the restores).
 *
 * Both are piecewise linear in t, so the worst case is exact: it is taken at
 * the samples and on both sides of every step (a mirror update landing, a
 * heartbeat). Percentiles are the samples' (nearest rank).
 */
import type { PrimaryHost, ProtectedVm, VmdrDef } from './plan.ts';
import { sharingVolumes } from './failover.ts';

import type { Spread } from '../../foundation/findings.ts';

export type Quantiles = Spread;

/** What the actors recorded: backups stored (at: when) and mirror updates done. */
export interface History {
  backups: { hypervisor: string; backup: number; imageTime: number; at: number }[];
  replications: { mirror: string; begin: number; end: number }[];
}

/** A VM the disaster struck: when, and when the run restored it (null: lost). */
export interface Struck { vm: ProtectedVm; host: PrimaryHost; disasterAt: number; recoveredAt: number | null }

export interface OverInstants {
  instants: number;
  /** ticks: the window the instants fill, one cycle before the scenario's disaster */
  from: number;
  to: number;
  /** seconds, the site's worst VM at each instant */
  rpo: Quantiles;
  /** null when no VM was restored */
  rto: Quantiles | null;
}

/** The cycle the instants sweep: the backups' interval, or the replication's if longer. */
export const cycleOf = (def: VmdrDef): number => (def.replication === 'after-backup' ? def.backup : Math.max(def.backup, def.replication));

/** Nearest-rank percentiles of the samples (seconds), with the exact worst case given. */
export function quantiles(samples: readonly number[], max: number): Quantiles {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => s[Math.max(0, Math.ceil(p * s.length) - 1)];
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max };
}

/** The newest backup of the host on the copy of a volume by time `by`, or 0 if none. */
function newestOn(h: History, hypervisor: string, mirror: string | null, by: number): number {
  let image = by;
  if (mirror !== null) {
    image = -1;
    for (const r of h.replications) if (r.mirror === mirror && r.end <= by && r.begin > image) image = r.begin;
  }
  let n = 0;
  for (const b of h.backups) if (b.hypervisor === hypervisor && b.at <= image && b.backup > n) n = b.backup;
  return n;
}

/** RPO in ticks of a VM struck at `at`. */
export function rpoAt(h: History, s: Struck, at: number): number {
  const group = sharingVolumes(s.host.vms).find((g) => g.includes(s.vm))!;
  const ids = new Set(group.flatMap((v) => v.disks));
  const volumes = s.host.volumes.filter((v) => ids.has(v.id));
  const n = Math.min(...volumes.map((v) => newestOn(h, s.host.hypervisor, v.mirror, at)));
  const b = h.backups.find((x) => x.hypervisor === s.host.hypervisor && x.backup === n);
  return b === undefined ? at : at - b.imageTime;
}

export function overInstants(def: VmdrDef, h: History, struck: readonly Struck[]): OverInstants | null {
  if (struck.length === 0) return null;
  const first = struck.reduce((a, b) => (b.disasterAt < a.disasterAt ? b : a));
  const to = first.disasterAt;
  const from = Math.max(0, to - cycleOf(def));
  const n = def.instants;
  const hb = def.heartbeat;
  const beat = (t: number) => Math.floor((t - first.host.latency) / hb) + 1;
  // A VM the run could not restore is lost whatever the instant (the same disaster takes the same copies): all it wrote.
  const rpoOf = (s: Struck, at: number) => (s.recoveredAt === null ? at : rpoAt(h, s, at));
  const rpo = (t: number) => Math.max(...struck.map((s) => rpoOf(s, s.disasterAt + t - to))) / 1e9;
  const restored = struck.filter((s) => s.recoveredAt !== null);
  const rto = (t: number) => Math.max(...restored.map((s) => Math.max(0, s.recoveredAt! + hb * (beat(t) - beat(to)) - (s.disasterAt + t - to)))) / 1e9;
  const samples = Array.from({ length: n }, (_, i) => Math.round(from + ((i + 0.5) * (to - from)) / n));
  const inWindow = (t: number) => t >= from && t < to;
  const steps = (ts: number[]) => ts.flatMap((t) => [t - 1, t]).filter(inWindow);
  const landed = struck.flatMap((s) => [...h.replications.map((r) => r.end), ...h.backups.map((b) => b.at)].map((e) => e - (s.disasterAt - to)));
  const beats: number[] = [];
  for (let k = beat(from); first.host.latency + k * hb < to; k++) beats.push(first.host.latency + k * hb);
  // The window's end is a step too: the worst may be just before it.
  const worst = (f: (t: number) => number, extra: number[]) => Math.max(...[...samples, ...steps([...extra, to])].map(f));
  return {
    instants: n, from, to,
    rpo: quantiles(samples.map(rpo), worst(rpo, landed)),
    rto: restored.length === 0 ? null : quantiles(samples.map(rto), worst(rto, beats)),
  };
}

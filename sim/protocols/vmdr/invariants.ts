/**
 * What every run of the vmdr protocol must show, whatever the topology and
 * the disasters: a recovered VM runs on an alternate host of the plan from a
 * backup of its own primary that reached the copy the failover scans (the
 * mirror's destination; the primary itself in the primary-only baseline),
 * the newest such backup, taken before its disaster; the RPO and RTO
 * account for every struck VM; only designs with mirrors replicate.
 */
import type { JobRow, RunResult } from '../../foundation/result.ts';
import type { RunFinding } from '../../foundation/findings.ts';
import type { ProtocolInvariant } from '../protocol.ts';
import { sharingVolumes } from './failover.ts';
import type { PrimaryHost, ProtectedVm, VmdrDef } from './plan.ts';

export type RecoveryFinding = Extract<RunFinding, { kind: 'vm-recovered' }>;

/** The recovered VMs the run's findings report. */
export function recoveries(r: RunResult): RecoveryFinding[] {
  return r.findings.filter((f): f is RecoveryFinding => f.kind === 'vm-recovered');
}

const done = (r: RunResult, prefix: string): JobRow[] => r.jobs.filter((j) => j.status === 'completed' && j.name.startsWith(prefix));
const backupJob = (r: RunResult, host: string, n: number): JobRow | undefined => r.jobs.find((j) => j.name === `backup ${host} #${n}`);
const backupNumber = (snapshot: string): number => Number(snapshot.slice(snapshot.lastIndexOf('-') + 1));
const hostOf = (def: VmdrDef, vm: string): { p: PrimaryHost; vm: ProtectedVm } | undefined => {
  for (const p of def.primaries) for (const v of p.vms) if (v.name === vm) return { p, vm: v };
  return undefined;
};

/** Whether backup data that existed at `since` reached every one of these volumes' scanned copies: an update of each mirror completed that began at or after it. */
function reached(def: VmdrDef, r: RunResult, p: PrimaryHost, volumes: readonly string[], since: number): boolean {
  if (def.design === 'primary-only') return true;
  return volumes.every((id) => {
    const mirror = p.volumes.find((v) => v.id === id)!.mirror!;
    return done(r, `replicate ${mirror} #`).some((j) => j.start >= since);
  });
}

export const VMDR_INVARIANTS: ProtocolInvariant<VmdrDef>[] = [
  {
    name: 'RPO and RTO account for every struck VM',
    check(def, r) {
      const m = r.metrics;
      const protectedVms = def.primaries.reduce((s, p) => s + p.vms.length, 0);
      if (m.vms_recovered + m.vms_lost > protectedVms) return `${m.vms_recovered} recovered + ${m.vms_lost} lost VMs, of ${protectedVms} protected`;
      if (m.rpo_max < 0 || m.rpo_bytes < 0) return `negative RPO: ${m.rpo_max} s, ${m.rpo_bytes} B`;
      if (m.rto_mean < 0 || m.rto_mean > m.rto_max + 1e-9) return `RTO mean ${m.rto_mean} s outside [0, max ${m.rto_max} s]`;
      return null;
    },
  },
  {
    name: 'a recovered VM runs on an alternate host from a backup of its own primary taken before its disaster',
    check(def, r) {
      for (const f of recoveries(r)) {
        const at = hostOf(def, f.vm);
        if (at === undefined) return `VM ${f.vm} recovered, but the plan protects no such VM`;
        if (!def.alternates.some((a) => a.host === f.host)) return `VM ${f.vm} restored on ${f.host}, not an alternate host of the plan`;
        if (f.metadataHost !== at.p.host || !f.snapshot.startsWith(`vmdr-${at.p.hypervisor}-`)) return `VM ${f.vm} of ${at.p.host} restored from ${f.snapshot}, whose metadata names ${f.metadataHost}`;
        if (backupJob(r, at.p.host, backupNumber(f.snapshot)) === undefined) return `VM ${f.vm} restored from ${f.snapshot}, a backup that never began`;
        if (!(f.rpo >= 0) || !(f.rpoBytes >= 0)) return `VM ${f.vm} restored with RPO ${f.rpo} s (${f.rpoBytes} B): data from after its disaster`;
      }
      return null;
    },
  },
  {
    name: 'a VM is restored from the newest backup that reached the copy the failover scans',
    check(def, r) {
      for (const f of recoveries(r)) {
        const at = hostOf(def, f.vm);
        if (at === undefined) continue;
        const n = backupNumber(f.snapshot);
        const restored = backupJob(r, at.p.host, n);
        if (restored !== undefined && !reached(def, r, at.p, at.vm.disks, restored.start)) return `VM ${f.vm} restored from ${f.snapshot}, which no completed update carried to the secondary`;
        const group = sharingVolumes(at.p.vms).find((g) => g.includes(at.vm))!;
        const volumes = [...new Set(group.flatMap((v) => v.disks))];
        // A backup done before the failover began was there when it scanned.
        const failover = r.jobs.find((j) => j.kind === 'failover')!;
        const newer = done(r, `backup ${at.p.host} #`).find((j) => Number(j.name.split('#')[1]) > n && j.end! <= failover.start && reached(def, r, at.p, volumes, j.end!));
        if (newer !== undefined) return `VM ${f.vm} restored from ${f.snapshot}, but ${newer.name} (done at ${newer.end} s) reached ${volumes.join(', ')} too`;
      }
      return null;
    },
  },
  {
    name: 'only designs with mirrors replicate; restores follow the one failover',
    check(def, r) {
      const updates = r.jobs.filter((j) => j.kind === 'replication').length;
      if (def.design === 'primary-only' && updates > 0) return `primary-only design ran ${updates} mirror updates`;
      const failovers = r.jobs.filter((j) => j.kind === 'failover');
      if (failovers.length > 1) return `${failovers.length} failovers; the plan fails over once`;
      const restore = r.jobs.find((j) => j.kind === 'restore');
      if (restore !== undefined && (failovers.length === 0 || restore.start < failovers[0].start)) return `${restore.name} began at ${restore.start} s without a failover before it`;
      return null;
    },
  },
];

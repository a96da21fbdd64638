/**
 * What a DR run gave each protected VM, computed at the end of the run from
 * the actors' records (`vmdr.recovered`, `vmdr.lost`) and the models' state:
 *
 * - the disaster, for a VM: the first failure of its hypervisor or of an
 *   array holding its disks (the models' failure times);
 * - RPO: from the image of the backup it was restored from (the freeze) to
 *   the disaster, and the bytes its writes put on its disks in that window
 *   (the disks' counters at the end, which stop at the failure, minus the
 *   count the backup metadata carries), plus what it held in memory;
 * - RTO: from the disaster to the VM running on an alternate host (its first
 *   restore); 0 if it ran there before its disaster.
 *
 * A VM that cannot be recovered loses everything it wrote in the run: its
 * RPO is the time from the start of the run, and it has no RTO (it never
 * comes back): the RTO metrics are over the VMs restored, and with none
 * restored there is none (NaN: a report shows no value, a check on it
 * fails), never 0. `bytes_lost` is the data the site lost, what no
 * surviving copy holds (the struck VMs' RPO bytes), not the run's default
 * (the bytes of transfers cut short, such as a mirror update on the wire:
 * flows.csv has those).
 *
 * The metrics give both that one instant (`rpo_instant`, `rto_instant`) and
 * RPO and RTO over the disaster instant (instants.ts): percentiles and the
 * worst case over one replication cycle.
 */
import type { Kernel } from '../../engine/kernel.ts';
import { hypervisorModelOf } from '../../model/hypervisors/family.ts';
import type { VmdrDef } from './plan.ts';
import { vmdrBackedUp, vmdrLost, vmdrRecovered, vmdrReplicated, type Recovered } from './messages.ts';
import { overInstants, type History, type OverInstants, type Quantiles } from './instants.ts';
import type { RunFinding } from '../../foundation/findings.ts';

export type Recovery = Recovered;

/** What the actors recorded, by commands the protocol defines. */
export class Outcomes {
  readonly recovered: Recovery[] = [];
  readonly lost: { vm: string; why: string; at: number }[] = [];
  readonly history: History = { backups: [], replications: [] };

  constructor(kernel: Kernel) {
    kernel.defineCommand(vmdrBackedUp.op, (cmd, wait, k) => {
      const c = vmdrBackedUp.args(cmd);
      this.history.backups.push({ hypervisor: c.hypervisor, backup: c.backup, imageTime: c.imageTime, at: k.now });
      k.resolve(wait, undefined);
    });
    kernel.defineCommand(vmdrReplicated.op, (cmd, wait, k) => {
      const c = vmdrReplicated.args(cmd);
      this.history.replications.push({ mirror: c.mirror, begin: c.begin, end: c.end });
      k.resolve(wait, undefined);
    });
    kernel.defineCommand(vmdrRecovered.op, (cmd, wait, k) => {
      const c = vmdrRecovered.args(cmd);
      this.recovered.push({ vm: c.vm, host: c.host, snapshot: c.snapshot, imageTime: c.imageTime, written: c.written, metadataHost: c.metadataHost, at: c.at });
      k.resolve(wait, undefined);
    });
    kernel.defineCommand(vmdrLost.op, (cmd, wait, k) => {
      const c = vmdrLost.args(cmd);
      this.lost.push({ vm: c.vm, why: c.why, at: k.now });
      k.resolve(wait, undefined);
    });
  }
}

export interface VmOutcome {
  vm: string;
  /** ticks */
  disasterAt: number;
  /** ticks; lost VMs: since time 0 */
  rpo: number;
  rpoBytes: number;
  /** ticks to the first restore, or null if lost */
  rto: number | null;
  recovery: Recovery | null;
  why?: string;
}

/** Per protected VM that a disaster struck, in the plan's order. */
export function vmOutcomes(def: VmdrDef, kernel: Kernel, o: Outcomes): VmOutcome[] {
  const hv = hypervisorModelOf(kernel)!;
  const out: VmOutcome[] = [];
  for (const vm of def.primaries.flatMap((p) => p.vms)) {
    const model = hv.vm(vm.name);
    const failures = [model.hypervisor.failedAt, ...[...model.disks.values()].map((d) => d.volume.system.failedAt)].filter((t): t is number => t !== null);
    if (failures.length === 0) continue;
    const disasterAt = Math.min(...failures);
    const writtenThen = model.written + model.lost;
    const recovery = o.recovered.find((r) => r.vm === vm.name) ?? null;
    if (recovery === null) {
      out.push({ vm: vm.name, disasterAt, rpo: disasterAt, rpoBytes: writtenThen, rto: null, recovery, why: o.lost.find((l) => l.vm === vm.name)?.why ?? 'not restored by the end of the run' });
    } else {
      // A VM the failover had already restored when its own host or array failed (another VM's disaster, or a WAN outage, set it off) was down for no time.
      out.push({ vm: vm.name, disasterAt, rpo: disasterAt - recovery.imageTime, rpoBytes: writtenThen - recovery.written, rto: Math.max(0, recovery.at - disasterAt), recovery });
    }
  }
  return out;
}

/** RPO and RTO over the disaster instant, from the run's records and outcomes. */
export function vmdrOverInstants(def: VmdrDef, rows: VmOutcome[], o: Outcomes): OverInstants | null {
  const hosts = def.primaries.flatMap((host) => host.vms.map((vm) => ({ vm, host })));
  return overInstants(def, o.history, rows.map((r) => {
    const { vm, host } = hosts.find((x) => x.vm.name === r.vm)!;
    return { vm, host, disasterAt: r.disasterAt, recoveredAt: r.recovery?.at ?? null };
  }));
}

const ZERO: Quantiles = { p50: 0, p90: 0, p99: 0, max: 0 };
/** The RTO of VMs none of which came back: not a duration at all. */
const NONE: Quantiles = { p50: NaN, p90: NaN, p99: NaN, max: NaN };
const spread = (name: string, q: Quantiles) => Object.fromEntries((['p50', 'p90', 'p99', 'max'] as const).map((k) => [`${name}_${k}`, q[k]]));

export function vmdrMetrics(rows: VmOutcome[], over: OverInstants | null): Record<string, number> {
  const rtos = rows.flatMap((r) => (r.rto === null ? [] : [r.rto / 1e9]));
  // No disaster: nothing to recover, so 0; struck VMs none of which came back: no RTO.
  const noneBack = rows.length > 0 && rtos.length === 0;
  const lost = rows.reduce((s, r) => s + r.rpoBytes, 0);
  return {
    rpo_instant: Math.max(0, ...rows.map((r) => r.rpo / 1e9)),
    ...spread('rpo', over?.rpo ?? ZERO),
    rpo_bytes: lost,
    bytes_lost: lost,
    rto_instant: noneBack ? NaN : Math.max(0, ...rtos),
    ...spread('rto', over?.rto ?? (noneBack ? NONE : ZERO)),
    rto_mean: noneBack ? NaN : rtos.length === 0 ? 0 : rtos.reduce((a, b) => a + b, 0) / rtos.length,
    vms_recovered: rtos.length,
    vms_lost: rows.length - rtos.length,
  };
}

const s = (t: number) => `${(t / 1e9).toFixed(1)} s`;

export function vmdrFindings(def: VmdrDef, rows: VmOutcome[], o: Outcomes, over: OverInstants | null): RunFinding[] {
  const design = {
    automated: 'automated DR services (US 9,020,895): failover and restore to alternate hosts without an operator',
    manual: `manual recovery: an operator reacts in ${s(def.operator.reaction)} and spends ${s(def.operator.perVm)} more per VM`,
    'primary-only': 'backups kept only on the primary storage: a disaster that takes it loses them',
  }[def.design];
  const out: RunFinding[] = [{ kind: 'design', text: design }];
  if (rows.length === 0) out.push({ kind: 'no-disaster' });
  if (over !== null) out.push({ kind: 'dr-instants', instants: over.instants, from: over.from / 1e9, to: over.to / 1e9, rpo: over.rpo, rto: over.rto });
  for (const r of rows) {
    if (r.recovery === null) {
      out.push({ kind: 'vm-lost', vm: r.vm, why: r.why!, rpoBytes: r.rpoBytes });
      continue;
    }
    const restores = o.recovered.filter((x) => x.vm === r.vm);
    out.push({
      kind: 'vm-recovered', vm: r.vm, rpo: r.rpo / 1e9, rpoBytes: r.rpoBytes, rto: r.rto! / 1e9,
      host: r.recovery.host, snapshot: r.recovery.snapshot, metadataHost: r.recovery.metadataHost,
      againOn: restores.length > 1 ? restores.at(-1)!.host : null,
    });
  }
  return out;
}

/**
 * What a run of remotecopy reports: the metrics (checks may name them) and,
 * in words, how busy the WAN was.
 */
import type { MetricUnit } from '../../foundation/scenario.ts';
import type { Kernel } from '../../engine/kernel.ts';
import type { RunFinding } from '../../foundation/findings.ts';

export const METRICS: Record<string, MetricUnit> = {
  wan_bytes: 'B', // bytes replication sent over the WAN (new chunks and references, or the compressed backups)
  replicated_bytes: 'B', // logical bytes those replications stand for
  replication_time: 's', // summed durations of the replications over the WAN
  replication_wait: 's', // time copies waited for pending replication of their cartridges (FIG. 3 step 4)
  copy_time: 's', // from the copy command to its status at the backup application, summed over weeks
  copy_overrun: 's', // seconds copies ended past their window, summed over weeks (0: every copy inside)
  tape_bytes: 'B', // bytes written to physical tape
  tape_cartridges: '', // physical cartridges written
  lock_time: 's', // time the local library was locked for copies
  write_delay: 's', // time writes waited for the lock, summed over writes
  operator_steps: '', // manual steps a copy needed
  licences: '', // backup application instances
};

/** How much the WAN carried and how long it was busy, per link. */
export function wanFindings(k: Kernel, wan: readonly string[]): RunFinding[] {
  return wan.map((link) => {
    const id = k.net.linkId(link);
    return { kind: 'wan', link, bytes: k.net.linkCarried(id), busySeconds: k.net.linkBusy(id) / 1e9 };
  });
}

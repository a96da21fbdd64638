/** FIG. 3 step 3: the proxy matches the target volumes against the disk information, split by type. */
import type { DiskInfo } from './plan.ts';

export interface TargetVolumes {
  /** disks VSS and VMware's provider snapshot */
  virtual: string[];
  /** raw-mapped disks the FCM snapshots */
  physical: string[];
}

export function matchTargets(disks: readonly DiskInfo[], targets: readonly string[]): TargetVolumes {
  const chosen = disks.filter((d) => targets.includes(d.name));
  return {
    virtual: chosen.filter((d) => d.type === 'virtual').map((d) => d.name),
    physical: chosen.filter((d) => d.type === 'physical').map((d) => d.name),
  };
}

/**
 * What the two snapshot providers do to the array: VMware's snapshot of the
 * virtual volumes (the hypervisor, through the VSS provider) and the FCM's
 * FlashCopy of the raw-mapped LUNs. Each takes its time (a seeded lognormal
 * around the mean when a spread is given), then makes one point-in-time
 * snapshot per volume; an aborted attempt's snapshots are deleted. A
 * snapshot the array refuses (it failed) is reported as the attempt's error.
 */
import { mark, perform, sleep } from '../../engine/commands.ts';
import { storageSnapshot, storageSnapshotDelete } from '../../model/storage/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { snapshotName, type Copy, type Step } from './plan.ts';

export interface VolumeRef { storage: string; volume: string; disks: string[] }

/** What a provider made; with `error`, why it could not make the rest. */
export interface Taken { copies: Copy[]; error?: string }

/** The provider's time for one attempt: the mean, or a lognormal draw with that mean and cv. */
export function providerTime(ctx: ProcessContext, mean: number, cv: number): number {
  if (cv === 0) return mean;
  return Math.round(ctx.rng('snapshot time').lognormalFromMean(mean, cv * mean));
}

export function* takeSnapshots(
  job: string, attempt: number, volumes: readonly VolumeRef[], time: number, frozenAt: number, label: string,
): Step<Taken> {
  yield sleep(time, label, { seconds: time / 1e9 });
  const copies: Copy[] = [];
  for (const v of volumes) {
    const name = snapshotName(job, attempt);
    try {
      const r = yield* perform(storageSnapshot({ system: v.storage, volume: v.volume, name, label: `snapshot ${v.storage}/${v.volume}@${name} (${v.disks.join(', ')})` }));
      copies.push({ disks: v.disks, storage: v.storage, volume: v.volume, snapshot: name, time: r.time, frozenAt });
    } catch (e) {
      return { copies, error: `snapshot of ${v.storage}/${v.volume} failed: ${(e as Error).message}` };
    }
  }
  return { copies };
}

export function* discardSnapshots(copies: readonly Copy[]): Step {
  for (const c of copies) {
    try {
      yield storageSnapshotDelete({ system: c.storage, volume: c.volume, name: c.snapshot, label: `aborted attempt: delete snapshot ${c.storage}/${c.volume}@${c.snapshot}` });
    } catch {
      // A failed array refuses the delete; its snapshots are beyond reach anyway.
    }
  }
  if (copies.length > 0) yield mark('aborted attempt cleaned up', { snapshots: copies.length });
}

/**
 * What migration and reclamation will move, decided before any byte moves:
 * pure functions of what the pools hold, tested on their own.
 */
import type { Held, Part } from './holdings.ts';
import { reclaimable, type Volume } from './volumes.ts';

/** Bytes migration moves out of a disk pool holding `used` of `capacity`: none below the high threshold, else down to the low one (percent). */
export function migrationBytes(used: number, capacity: number, high: number, low: number): number {
  if (used * 100 <= high * capacity) return 0;
  return Math.max(0, used - Math.floor((low * capacity) / 100));
}

export interface Take {
  version: Held;
  part: Part;
  bytes: number;
}

/**
 * Which bytes leave disk pool `pool`: the oldest versions' first (by day,
 * then in the order held), a version split where the total is reached
 * (Spectrum Protect migrates file by file, so a backup may end up part on
 * disk and part on tape).
 */
export function migrationPlan(versions: readonly Held[], pool: string, bytes: number): Take[] {
  const onDisk = versions.flatMap((version) => version.parts.filter((p) => p.pool === pool && p.cartridge === null).map((part) => ({ version, part })));
  const order = onDisk.map((x, i) => ({ ...x, i })).sort((a, b) => a.version.day - b.version.day || a.i - b.i);
  const out: Take[] = [];
  let left = bytes;
  for (const { version, part } of order) {
    if (left <= 0) break;
    const n = Math.min(left, part.bytes);
    out.push({ version, part, bytes: n });
    left -= n;
  }
  return out;
}

/** The pool's full cartridges at least `threshold` % reclaimable, most reclaimable first (in the library's order on a tie). */
export function reclaimCandidates(volumes: readonly Volume[], pool: string, threshold: number): Volume[] {
  if (threshold >= 100) return [];
  return volumes
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => v.pool === pool && v.full && !v.offsite && v.drive === null && reclaimable(v) * 100 >= threshold - 1e-9)
    .sort((a, b) => a.v.valid / a.v.compression / a.v.capacity - b.v.valid / b.v.compression / b.v.capacity || a.i - b.i)
    .map(({ v }) => v);
}

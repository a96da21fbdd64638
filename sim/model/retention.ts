/**
 * Retention: which backup versions a store still keeps on a day.
 *
 * A version is a restore point: a full, or an incremental or differential
 * that restores only together with the version it builds on (an incremental
 * on the version before it, a differential on the last full). A policy keeps
 * the newest `versions` restore points and those younger than `days` days; a
 * version past either limit has expired (Spectrum Protect's VEREXISTS and
 * RETEXTRA: a backup version is kept while it is within both). A version a
 * kept one builds on is kept with it, so a chain leaves the store whole
 * (Veeam, forward incremental: "the full backup is deleted only together
 * with the last increment that depends on it"); that is why a store holds
 * more restore points than its retention says, and what Veeam's restore
 * point formula C·(F·Data + R·D·Data) counts in F and R.
 */
import type { BackupLevel } from '../foundation/scenario.ts';

export interface Version {
  /** the day it was taken (days since the calendar's epoch day) */
  day: number;
  level: BackupLevel;
  /** index, in the same list, of the version it builds on; null for a full (or a synthetic full, built whole on the server) */
  base: number | null;
}

/** Both limits optional; none keeps everything. */
export interface RetentionPolicy {
  /** restore points kept, newest first */
  versions?: number;
  /** days a restore point is kept: taken on day d, it expires on day d + days */
  days?: number;
}

/** The version each of a chain's levels builds on (indices into `levels`, taken in order). */
export function basesOf(levels: readonly BackupLevel[]): (number | null)[] {
  let lastFull: number | null = null;
  return levels.map((level, i) => {
    if (level === 'full' || level === 'synthetic-full') {
      lastFull = i;
      return null;
    }
    // The first version of a chain is always a full (sim/scenario/backup-levels.ts), so a base exists after it.
    return level === 'differential' ? lastFull : i === 0 ? null : i - 1;
  });
}

/** Which versions (taken in day order) are kept on `today`: within the policy, or built on by one that is. */
export function retained(versions: readonly Version[], policy: RetentionPolicy, today: number): boolean[] {
  const n = versions.length;
  const kept = versions.map((v, i) => (policy.versions === undefined || n - 1 - i < policy.versions) && (policy.days === undefined || today < v.day + policy.days) && v.day <= today);
  for (let i = n - 1; i >= 0; i--) {
    const base = versions[i].base;
    if (kept[i] && base !== null) kept[base] = true;
  }
  return kept;
}

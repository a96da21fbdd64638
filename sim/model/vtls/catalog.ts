/**
 * The versions a virtual tape library holds, per dataset, in the order they
 * were written: what retention (sim/model/retention.ts) decides on, what a
 * restore looks up, and which cartridges each lies on.
 */
import type { BackupLevel } from '../../foundation/scenario.ts';
import { retained, type RetentionPolicy, type Version } from '../retention.ts';
import type { DedupWrite } from './dedup.ts';
import type { Placement } from './placement.ts';

export interface StoredVersion extends Version {
  dataset: string;
  /** its place among the dataset's versions (the dedup store's cohorts count the same way) */
  index: number;
  /** logical bytes written */
  bytes: number;
  /** logical bytes a restore of it moves: the dataset as it was then */
  image: number;
  /** what the write did to the store, again on a replica's target */
  write: DedupWrite;
  /** the cartridges it lies on, in order */
  on: Placement[];
  /** ticks: when it was recorded */
  at: number;
  /** the day retention removed it, or null while kept */
  expiredOn: number | null;
  /** written here and not yet replicated */
  pending: boolean;
}

/** A restore that returned its bytes: the version, the day it finished, and whether retention had removed the version by then (for audit). */
export interface Restored {
  version: StoredVersion;
  day: number;
  expiredOn: number | null;
}

export class Catalog {
  private readonly byDataset = new Map<string, StoredVersion[]>();
  /**
   * Per dataset, its versions from the oldest not expired on, as retention
   * reads them (bases counted from there): kept as the versions come and
   * go, so a day's expiry allocates nothing for a dataset it leaves alone.
   */
  private readonly tails = new Map<string, { first: number; versions: Version[] }>();
  /** versions not expired, over all datasets */
  count = 0;
  /** restores that returned their bytes, in order */
  readonly restored: Restored[] = [];

  /** The version a write of `level` builds on among the dataset's versions, or null (a full, or nothing to build on). */
  private baseOf(list: readonly StoredVersion[], level: BackupLevel): number | null {
    if (level === 'full' || level === 'synthetic-full' || list.length === 0) return null;
    if (level === 'incremental') return list.length - 1;
    for (let i = list.length - 1; i >= 0; i--) if (list[i].level === 'full' || list[i].level === 'synthetic-full') return i;
    return null;
  }

  add(v: Omit<StoredVersion, 'base' | 'expiredOn'>): StoredVersion {
    const list = this.byDataset.get(v.dataset) ?? [];
    this.byDataset.set(v.dataset, list);
    if (v.index !== list.length) throw new Error(`version ${v.index} of '${v.dataset}' recorded after ${list.length} versions: the store and the catalog disagree`);
    const s: StoredVersion = { ...v, base: this.baseOf(list, v.level), expiredOn: null };
    list.push(s);
    const tail = this.tails.get(v.dataset) ?? { first: 0, versions: [] };
    this.tails.set(v.dataset, tail);
    tail.versions.push({ day: s.day, level: s.level, base: s.base === null ? null : s.base - tail.first });
    this.count++;
    return s;
  }

  /** The dataset's versions, oldest first. */
  versionsOf(dataset: string): readonly StoredVersion[] {
    return this.byDataset.get(dataset) ?? [];
  }

  datasets(): IterableIterator<string> {
    return this.byDataset.keys();
  }

  /**
   * Applies the policy on `today`; returns the versions it removes, per
   * dataset in the order datasets were first written. Only a dataset's
   * versions from its oldest kept one on are looked at: expiry is for good,
   * and a kept version never builds on an expired one.
   */
  expire(policy: RetentionPolicy, today: number): StoredVersion[] {
    const out: StoredVersion[] = [];
    for (const [dataset, list] of this.byDataset) {
      const tail = this.tails.get(dataset)!;
      const from = tail.first;
      const kept = retained(tail.versions, policy, today);
      let next = from;
      kept.forEach((k, i) => {
        const v = list[from + i];
        if (!k && v.expiredOn === null) {
          v.expiredOn = today;
          out.push(v);
        }
        if (next === from + i && v.expiredOn !== null) next++;
      });
      if (next > from) {
        const gone = next - from;
        tail.versions.splice(0, gone);
        // A version left in the tail that builds on one before it is expired itself, and retention never reads its base.
        for (const t of tail.versions) if (t.base !== null) t.base -= gone;
        tail.first = next;
      }
    }
    this.count -= out.length;
    return out;
  }
}

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

export class Catalog {
  private readonly byDataset = new Map<string, StoredVersion[]>();
  /** per dataset, the index of its oldest version not expired */
  private readonly first = new Map<string, number>();
  /** versions not expired, over all datasets */
  count = 0;

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
      const from = this.first.get(dataset) ?? 0;
      const tail = list.slice(from).map((v) => ({ day: v.day, level: v.level, base: v.base === null ? null : v.base - from }));
      const kept = retained(tail, policy, today);
      let next = from;
      kept.forEach((k, i) => {
        const v = list[from + i];
        if (!k && v.expiredOn === null) {
          v.expiredOn = today;
          out.push(v);
        }
        if (next === from + i && v.expiredOn !== null) next++;
      });
      this.first.set(dataset, next);
    }
    this.count -= out.length;
    return out;
  }
}

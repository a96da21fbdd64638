/**
 * Which of a dataset's versions still reference which stored chunks, so a
 * dedup store knows what expiring a version frees: a cohort model instead of
 * a map of chunks.
 *
 * A version references the dataset's whole image as it was when written (an
 * incremental restores only with its chain, which retention keeps whole, so
 * its base's chunks are kept either way). The chunks a write stores first
 * form a cohort, born at that version. A later write that changes a share of
 * the image replaces that share of every live cohort's chunks, in proportion
 * (changed chunks fall uniformly over the image, as dedup.ts draws them):
 * the replaced part of a cohort born at b, replaced at e, is referenced by
 * versions b..e−1 only. A part no retained version references is garbage:
 * still on disk, counted as stored, until garbage collection (HP D2D
 * "housekeeping") frees it.
 *
 * Expiry is for good (retention.ts keeps no version it once let go, and a
 * new version only builds on the newest), so cohorts born before the oldest
 * retained version are referenced exactly when a cohort born at it would be:
 * they merge into it, and a dataset holds about as many cohorts as it keeps
 * versions.
 */

/** Stored bytes first written at version `born`, referenced by versions born..died−1 (died: Infinity while live; replaced parts are kept the same way, in parallel lists). */
interface Cohort {
  born: number;
  died: number;
  bytes: number;
}

export class DatasetReferences {
  /** live cohorts (referenced by the newest version) */
  private live: Cohort[] = [];
  /** replaced parts, as three parallel lists (a year writes millions: no object each) */
  private deadBorn: number[] = [];
  private deadDied: number[] = [];
  private deadBytes: number[] = [];
  /** versions written, and which of them are expired */
  private readonly expired: boolean[] = [];
  /** index of the oldest version not expired (versions before it are all expired) */
  private first = 0;

  /**
   * Version `expired.length` is written: `replaced` share (0..1) of the
   * image's chunks changed, and `stored` bytes of new chunks were kept.
   */
  write(replaced: number, stored: number): number {
    const e = this.expired.length;
    if (replaced > 0) {
      for (const c of this.live) {
        const gone = c.bytes * replaced;
        if (gone === 0) continue;
        c.bytes -= gone;
        this.deadBorn.push(c.born);
        this.deadDied.push(e);
        this.deadBytes.push(gone);
      }
    }
    this.live.push({ born: e, died: Infinity, bytes: stored });
    this.expired.push(false);
    return e;
  }

  /** Marks versions expired (indices); returns the stored bytes that became garbage. */
  expire(indices: readonly number[]): number {
    for (const i of indices) this.expired[i] = true;
    while (this.first < this.expired.length && this.expired[this.first]) this.first++;
    // kept[k]: versions first..first+k−1 not expired, counted, so "any kept in [b, e−1]" is one subtraction.
    const n = this.expired.length - this.first;
    const kept = new Int32Array(n + 1);
    for (let k = 0; k < n; k++) kept[k + 1] = kept[k] + (this.expired[this.first + k] ? 0 : 1);
    const referenced = (born: number, died: number): boolean => {
      const b = Math.max(born, this.first) - this.first;
      const e = Math.min(died, this.expired.length) - this.first;
      return e > b && kept[e] - kept[b] > 0;
    };
    let garbage = 0;
    this.live = this.merged(this.live.filter((c) => {
      if (referenced(c.born, c.died)) return true;
      garbage += c.bytes;
      return false;
    }));
    // Compacts the replaced parts in place, keeping the referenced ones in order.
    let k = 0;
    for (let i = 0; i < this.deadBorn.length; i++) {
      if (!referenced(this.deadBorn[i], this.deadDied[i])) { garbage += this.deadBytes[i]; continue; }
      this.deadBorn[k] = this.deadBorn[i];
      this.deadDied[k] = this.deadDied[i];
      this.deadBytes[k] = this.deadBytes[i];
      k++;
    }
    this.deadBorn.length = this.deadDied.length = this.deadBytes.length = k;
    return garbage;
  }

  /** Live cohorts born before the oldest retained version are one cohort born at it. */
  private merged(live: Cohort[]): Cohort[] {
    let k = 0;
    while (k < live.length && live[k].born <= this.first) k++;
    if (k <= 1) return live;
    const bytes = live.slice(0, k).reduce((a, c) => a + c.bytes, 0);
    return [{ born: this.first, died: Infinity, bytes }, ...live.slice(k)];
  }

  /** Stored bytes some retained version references. */
  referenced(): number {
    let a = 0;
    for (const c of this.live) a += c.bytes;
    for (const b of this.deadBytes) a += b;
    return a;
  }

  /** True when every version written has expired: nothing of the dataset is left to match against. */
  empty(): boolean {
    return this.first === this.expired.length;
  }
}

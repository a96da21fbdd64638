/**
 * Is a backup set consistent? The application writes one dependent write at
 * a time (a write is issued only once the one before it has completed, the
 * storage sense of "dependent writes"), so each write's predecessors are all
 * the writes before it, and a set is consistent exactly when the writes it
 * holds are a prefix of the stream. A write the set holds after the first
 * write it lacks is torn: restored, it would stand without what it depends on
 * (a checkpoint record on the log volume that names data pages the data
 * volume's copy does not have).
 */

/** One write of the application, as it landed. */
export interface JournalEntry {
  /** order of issue, from 0 */
  seq: number;
  disk: string;
  /** when it reached the disk, ticks */
  at: number;
  /** held in the VM's memory by a flush-and-hold: it reached the disk only at the thaw */
  held: boolean;
}

export interface BackupSetCheck {
  /** writes the set holds */
  contained: number;
  /** the first write of the stream the set lacks, or null if it holds them all */
  firstMissing: number | null;
  /** writes the set holds after firstMissing */
  torn: number;
  /** per disk: writes its copy holds, and the last of them (seq), or -1 */
  perDisk: Record<string, { contained: number; last: number }>;
}

/**
 * Whether a copy made at `time` of the write's disk holds it. A copy is made
 * while its disk is frozen, so no write lands at the copy's own instant; a
 * held write reaches the disk at the thaw, after the copy.
 */
export function holds(w: JournalEntry, copies: ReadonlyMap<string, number>): boolean {
  const t = copies.get(w.disk);
  return t !== undefined && !w.held && w.at < t;
}

/** Checks a backup set (a copy instant per disk) against the journal, which is in order of issue. */
export function checkBackupSet(journal: readonly JournalEntry[], copies: ReadonlyMap<string, number>): BackupSetCheck {
  let contained = 0, torn = 0;
  let firstMissing: number | null = null;
  const perDisk: Record<string, { contained: number; last: number }> = {};
  for (const disk of copies.keys()) perDisk[disk] = { contained: 0, last: -1 };
  for (const w of journal) {
    if (!holds(w, copies)) {
      firstMissing ??= w.seq;
      continue;
    }
    contained++;
    perDisk[w.disk].contained++;
    perDisk[w.disk].last = w.seq;
    if (firstMissing !== null) torn++;
  }
  return { contained, firstMissing, torn, perDisk };
}

/**
 * Point-in-time snapshots of a volume, and the change counters behind them
 * (a snapshot's space, a mirror's next transfer, a frozen VM's queue).
 *
 * Snapshots here are redirect-on-write, as NetApp's WAFL makes them: taking
 * one copies the root of the block map, so it is instant and holds no space;
 * afterwards every write goes to a new block and the snapshot keeps the old
 * one. A snapshot's space is therefore the distinct bytes changed since it
 * was taken ("the copy uses no additional disk space until files are changed
 * ... only as blocks in the active file system are modified and written to
 * new locations on disk does the snapshot begin to consume extra space",
 * Hutchinson et al., OSDI '99). A copy-on-write array holds the same bytes
 * (the first write to a block copies the old block out); it differs in the
 * cost of that first write, which this model does not charge, and in restore:
 * a redirect-on-write volume reverts by taking back the snapshot's block map
 * (instant), which is what `storage.restore` in place does here.
 */

/**
 * Distinct bytes changed since some instant in a volume of `size` bytes.
 *
 * A write names how many distinct bytes it touches, not which ones: the model
 * takes them as spread uniformly over the volume, so of `d` new distinct bytes
 * the fraction changed/size falls on bytes already counted. The unchanged
 * part then shrinks by the factor (1 - d/size) at every write, which makes the
 * count independent of the order of writes and lets a batch of writes (a
 * frozen VM's queue) be applied as one write of its own distinct count.
 */
export class ChangeTracker {
  changed = 0;
  constructor(readonly size: number) {}

  add(distinct: number): void {
    this.changed += (distinct * (this.size - this.changed)) / this.size;
  }
}

export class Snapshot {
  /** bytes changed in the live volume since the snapshot: the space it holds */
  readonly since: ChangeTracker;
  /** what the backup software stored with it (SnapManager's backup metadata); a mirror carries it along */
  metadata: string | undefined = undefined;

  constructor(
    readonly name: string,
    /** the instant whose image it keeps, ticks */
    readonly time: number,
    /** the volume's used bytes at that instant: what a copy of the snapshot moves */
    readonly image: number,
    size: number,
    /**
     * Every other change counter of the volume at that instant (older
     * snapshots', mirrors'): reverting the volume to this snapshot sets them
     * back, since the blocks changed after it are changed no more.
     */
    readonly countersAt: ReadonlyMap<ChangeTracker, number>,
  ) {
    this.since = new ChangeTracker(size);
  }

  get space(): number {
    return this.since.changed;
  }
}

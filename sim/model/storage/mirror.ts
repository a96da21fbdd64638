/**
 * An asynchronous volume mirror, as NetApp SnapMirror runs one: the source
 * volume's image is copied to a destination volume, update by update, over
 * the source array, a route of links and the destination array.
 *
 * An update fixes a point in time on the source (SnapMirror takes a snapshot
 * for it) and moves what changed since the point of the last update, or the
 * whole used size the first time (the baseline). When its last byte lands the
 * destination holds the source as it was at that point, with the source's
 * snapshots of then and their backup metadata (the mirror-all-snapshots policy), so a restore at the
 * destination can use them. Writes during a transfer belong to the next one.
 * A transfer that fails leaves the destination at its previous image, and the
 * next update resends everything changed since that image (SnapMirror's
 * restart checkpoints are not modelled). The destination is read-only until
 * the mirror is broken (failover); a broken mirror is not resynchronised.
 */
import { ChangeTracker, Snapshot } from './snapshot.ts';
import { StorageError, type Volume } from './storage-system.ts';

interface Transfer {
  start: number;
  bytes: number;
  baseline: boolean;
  /** changes on the source since this update's point: the next update's base if this one succeeds */
  counter: ChangeTracker;
  /** the source's used bytes and snapshots at the point */
  image: number;
  snapshots: { name: string; time: number; image: number; metadata: string | undefined }[];
}

export class Mirror {
  /** changes on the source since the destination's image; null before the baseline */
  private base: ChangeTracker | null = null;
  private transfer: Transfer | null = null;
  /** the instant the destination's image shows, ticks; null before the baseline */
  imageTime: number | null = null;
  /** when it was broken, or null */
  brokenAt: number | null = null;
  updates = 0;
  failures = 0;
  /** bytes of every update that succeeded */
  bytesMoved = 0;

  constructor(
    readonly name: string,
    readonly source: Volume,
    readonly destination: Volume,
    /** links between the two arrays */
    readonly route: readonly string[],
    /** ticks between scheduled updates */
    readonly interval: number,
  ) {
    destination.mirroredBy = this;
  }

  /** links an update crosses: the source array, the route, the destination array (once if it is the same array) */
  get path(): string[] {
    const s = this.source.system, d = this.destination.system;
    return s === d ? [s.device, ...this.route] : [s.device, ...this.route, d.device];
  }

  get transferring(): boolean {
    return this.transfer !== null;
  }

  /** bytes the next update would move now */
  get pendingBytes(): number {
    return this.needsBaseline ? this.source.used : this.base!.changed;
  }

  private get needsBaseline(): boolean {
    // A revert of the source to a snapshot older than the last update drops that update's counter.
    return this.base === null || !this.source.trackers.has(this.base);
  }

  /** Starts an update at `now`: what it must move. The caller moves the bytes, then calls commit or abort. */
  begin(now: number): { bytes: number; baseline: boolean } {
    if (this.brokenAt !== null) throw new StorageError(`mirror '${this.name}' was broken at ${this.brokenAt / 1e9} s; resynchronising it is not modelled`);
    if (this.transfer !== null) throw new StorageError(`mirror '${this.name}' is already transferring (an update started at ${this.transfer.start / 1e9} s)`);
    this.source.system.checkUp(`update mirror '${this.name}'`);
    this.destination.system.checkUp(`update mirror '${this.name}'`);
    const baseline = this.needsBaseline;
    const bytes = this.pendingBytes;
    const counter = new ChangeTracker(this.source.size);
    this.source.trackers.add(counter);
    this.transfer = {
      start: now, bytes, baseline, counter, image: this.source.used,
      snapshots: this.source.snapshots.map((s) => ({ name: s.name, time: s.time, image: s.image, metadata: s.metadata })),
    };
    return { bytes, baseline };
  }

  /** The last byte landed: the destination now shows the source as it was at the update's point. */
  commit(): { start: number; bytes: number; baseline: boolean } {
    const t = this.transfer!;
    this.transfer = null;
    if (this.base !== null) this.source.trackers.delete(this.base);
    this.base = t.counter;
    this.imageTime = t.start;
    this.updates++;
    this.bytesMoved += t.bytes;
    const d = this.destination;
    d.used = t.image;
    for (const s of [...d.snapshots]) d.deleteSnapshot(s.name);
    for (const s of t.snapshots) {
      const copy = new Snapshot(s.name, s.time, s.image, d.size, new Map());
      copy.metadata = s.metadata;
      d.snapshots.push(copy);
      d.trackers.add(copy.since);
    }
    return { start: t.start, bytes: t.bytes, baseline: t.baseline };
  }

  /** The transfer failed or was abandoned: the destination keeps its image. */
  abort(): void {
    const t = this.transfer;
    if (t === null) return;
    this.transfer = null;
    this.failures++;
    this.source.trackers.delete(t.counter);
  }

  /** Makes the destination writable (failover); what it shows is the source as of imageTime. */
  break(now: number): void {
    if (this.brokenAt !== null) throw new StorageError(`mirror '${this.name}' is already broken (at ${this.brokenAt / 1e9} s)`);
    if (this.transfer !== null) throw new StorageError(`mirror '${this.name}' is transferring (an update started at ${this.transfer.start / 1e9} s); wait for it to end before breaking it`);
    this.destination.system.checkUp(`break mirror '${this.name}'`);
    this.brokenAt = now;
    this.destination.mirroredBy = null;
  }

  /** the next scheduled update time after `now`: schedules run on multiples of the interval from time 0, as cron does */
  nextScheduled(now: number): number {
    return (Math.floor(now / this.interval) + 1) * this.interval;
  }
}

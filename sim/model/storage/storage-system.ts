/**
 * A storage array: volumes (or LUNs: the model does not tell them apart)
 * with their used bytes, snapshots and change counters, and the array's own
 * throughput, which the family builds as a device link that every bulk move
 * in or out of the array crosses (writes, mirror transfers, restores).
 *
 * The volume does not store blocks; it counts them. Every write says how
 * many bytes it writes and how many distinct bytes it touches, spread
 * uniformly over the volume (see ChangeTracker), and every counter open on
 * the volume (a snapshot's space, a mirror's changes since its last update)
 * grows by the part that was not changed before.
 */
import { BacklabError } from '../../foundation/errors.ts';
import type { Mirror } from './mirror.ts';
import { ChangeTracker, Snapshot } from './snapshot.ts';

/** Why the storage model refused: what a caller may decide by. */
export type StorageErrorCode =
  | 'storage.system-failed' // the array (or the hypervisor) failed: nothing it holds answers
  | 'storage.not-found' // no such system, volume, snapshot, mirror or VM
  | 'storage.refused'; // anything else: a read-only volume, a busy mirror, a bad argument

/** An operation the storage model refuses: a failed array, a read-only volume, an unknown snapshot. */
export class StorageError extends BacklabError {
  override name = 'StorageError';
  declare readonly code: StorageErrorCode;
  constructor(message: string, code: StorageErrorCode = 'storage.refused', data: Record<string, unknown> = {}) {
    super(message, code, data);
  }
}

export class StorageSystem {
  /** when a `device-fails` fault failed it, or null */
  failedAt: number | null = null;
  readonly volumes = new Map<string, Volume>();

  constructor(
    readonly name: string,
    readonly site: string | undefined,
    /** bytes/s: the array's own limit, as a device link named after the array */
    readonly rate: number,
    /** ticks a consistency-group snapshot holds writes for */
    readonly cgFence: number,
  ) {}

  /** the device link every bulk move through the array crosses */
  get device(): string {
    return this.name;
  }

  /** throws unless the array is up */
  checkUp(doing: string): void {
    if (this.failedAt !== null) throw new StorageError(`storage system '${this.name}' failed at ${this.failedAt / 1e9} s: cannot ${doing}`, 'storage.system-failed', { system: this.name });
  }
}

export class Volume {
  used: number;
  /** bytes written since the start (not distinct): what the writers produced */
  written = 0;
  /** the counters every write advances: snapshots' space, mirrors' changes, a fence's held writes */
  readonly trackers = new Set<ChangeTracker>();
  /** oldest first */
  readonly snapshots: Snapshot[] = [];
  /** the mirror whose destination this is, while it is not broken: the volume is then read-only */
  mirroredBy: Mirror | null = null;
  /** writes held by a consistency-group fence, applied when it lifts */
  held: { bytes: number; distinct: ChangeTracker } | null = null;
  /**
   * Writers integrated lazily (a VM's application writers): each brings its
   * writes up to time t. Called before anything looks at or changes the
   * volume, so every write lands in the state the volume was in at its time.
   */
  readonly writers: ((t: number) => void)[] = [];

  constructor(
    readonly system: StorageSystem,
    readonly name: string,
    readonly size: number,
    used: number,
  ) {
    this.used = used;
  }

  /** as job steps and messages name it: system/volume */
  get id(): string {
    return `${this.system.name}/${this.name}`;
  }

  sync(t: number): void {
    for (const w of this.writers) w(t);
  }

  /** why a write would be refused now, or null */
  refusal(): string | null {
    if (this.system.failedAt !== null) return `storage system '${this.system.name}' failed at ${this.system.failedAt / 1e9} s`;
    if (this.mirroredBy !== null) return `volume '${this.id}' is the read-only destination of mirror '${this.mirroredBy.name}'; break the mirror to write to it`;
    return null;
  }

  /** `bytes` written touching `distinct` distinct bytes (at most the volume's size); the caller checked refusal() */
  write(bytes: number, distinct: number): void {
    if (this.held !== null) {
      this.held.bytes += bytes;
      this.held.distinct.add(distinct);
      return;
    }
    this.written += bytes;
    this.used += (distinct * (this.size - this.used)) / this.size;
    for (const t of this.trackers) t.add(distinct);
  }

  /** Holds writes (a consistency-group fence): they are counted only when the fence lifts. */
  hold(): void {
    if (this.held === null) this.held = { bytes: 0, distinct: new ChangeTracker(this.size) };
  }

  /** Lifts the fence; returns the bytes that were held. */
  release(): number {
    const h = this.held;
    if (h === null) return 0;
    this.held = null;
    if (h.bytes > 0) this.write(h.bytes, h.distinct.changed);
    return h.bytes;
  }

  snapshot(name: string, t: number, metadata?: string): Snapshot {
    if (this.findSnapshot(name) !== undefined) throw new StorageError(`volume '${this.id}' already has a snapshot named '${name}'`);
    const s = new Snapshot(name, t, this.used, this.size, new Map([...this.trackers].map((c) => [c, c.changed])));
    s.metadata = metadata;
    this.snapshots.push(s);
    this.trackers.add(s.since);
    return s;
  }

  findSnapshot(name: string): Snapshot | undefined {
    return this.snapshots.find((s) => s.name === name);
  }

  snapshotNamed(name: string): Snapshot {
    const s = this.findSnapshot(name);
    if (s === undefined) {
      const known = this.snapshots.map((x) => x.name);
      throw new StorageError(`volume '${this.id}' has no snapshot named '${name}'${known.length ? `; it has: ${known.join(', ')}` : ': it has none'}`, 'storage.not-found', { volume: this.id, snapshot: name });
    }
    return s;
  }

  deleteSnapshot(name: string): Snapshot {
    const s = this.snapshotNamed(name);
    this.snapshots.splice(this.snapshots.indexOf(s), 1);
    this.trackers.delete(s.since);
    return s;
  }

  /**
   * Reverts the live volume to a snapshot (SnapRestore): it takes back the
   * snapshot's block map, so its used bytes are the snapshot's and every
   * counter open then goes back to its value then. Newer snapshots go, as
   * ONTAP's volume SnapRestore deletes them; counters opened after the
   * snapshot (a mirror's last update) are dropped, so such a mirror starts
   * over with a baseline. Returns the names of the deleted snapshots.
   */
  revert(s: Snapshot): string[] {
    const newer = this.snapshots.slice(this.snapshots.indexOf(s) + 1);
    for (const x of newer) this.deleteSnapshot(x.name);
    for (const c of [...this.trackers]) {
      const then = s.countersAt.get(c);
      if (c === s.since) c.changed = 0;
      else if (then === undefined) this.trackers.delete(c);
      else c.changed = then;
    }
    this.used = s.image;
    return newer.map((x) => x.name);
  }
}

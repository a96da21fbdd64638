/**
 * A virtual tape library (HP VLS / D2D): virtual cartridges kept on disk
 * behind a deduplicating store. A backup application writes a cartridge as
 * it would a tape; the library keeps only the chunks it has not seen, and
 * replicates a cartridge to another library by sending just those chunks
 * plus a reference per chunk, so the remote side can rebuild the cartridge
 * from chunks it already holds.
 *
 * What moves where (the family builds the flows):
 * - a write's logical bytes cross the route from the backup host and the
 *   library's disk, whose rate is the library's ingest rate, quoted in
 *   logical bytes; each backup stream is also capped at the per-stream rate;
 * - a replication's wire bytes (new chunks compressed, plus references)
 *   are read from this library's disk, cross the route, and are written to
 *   the target's disk, into the target's cartridge in the same slot (HP maps
 *   a source library's slots to the target's) unless the step names one;
 * - a copy to physical tape reads the cartridge's logical bytes (the tape
 *   gets the rehydrated cartridge) from the disk over the route to the
 *   attached drive, through the drive's own device link when the tape family
 *   built one under the drive's name.
 *
 * A virtual cartridge sits in one virtual drive at a time, so one operation
 * per cartridge runs at once; another is refused, as a busy tape would be.
 */
import type { RandomStream } from '../../engine/rng.ts';
import type { BackupLevel } from '../../foundation/scenario.ts';
import type { RetentionPolicy } from '../retention.ts';
import { DedupStore, type DedupParams, type DedupWrite } from './dedup.ts';
import { Catalog, type StoredVersion } from './catalog.ts';
import { cartridgesFor, placements } from './placement.ts';

export interface VtlDef {
  name: string;
  /** ingest rate of the disk behind the library, logical bytes/s */
  rate: number;
  /** most one backup stream gets, bytes/s */
  stream: number;
  /** barcodes, in order */
  barcodes: string[];
  /** logical bytes per virtual cartridge */
  capacity: number;
  dedup: DedupParams;
  /** where `vtl.replicate` sends by default */
  replicate?: { to: string; route: string[] };
  /** the physical tape drive attached for copies (a name only: the tape family owns the drive) */
  tape?: string;
  /** stored bytes the disk holds; undefined: no limit */
  diskCapacity?: number;
  /** garbage collection's rate, stored bytes/s */
  housekeeping: number;
  /** which versions vtl.expire keeps; undefined: all */
  retention?: RetentionPolicy;
}

/** What a write is, for the catalog: its dataset, level, and the day it was taken. */
export interface WriteTag {
  dataset: string;
  level: BackupLevel;
  day: number;
}

export interface VirtualCartridge {
  barcode: string;
  /** logical bytes on the cartridge */
  used: number;
  /** bytes its new chunks took on disk */
  stored: number;
  /** written since the cartridge was last replicated: logical bytes, stored new-chunk bytes, chunks to reference */
  pending: { bytes: number; stored: number; chunks: number };
  /** the operation holding it, if any */
  busy: string | null;
  /** the versions on it that retention still keeps, in the order written; when the last expires the cartridge returns to scratch */
  versions: Set<StoredVersion>;
}

/** What a replication sends: the pending part of a cartridge. */
export interface ReplicaDelta {
  bytes: number;
  stored: number;
  chunks: number;
  /** stored + chunks × reference */
  wireBytes: number;
}

export class VirtualTapeLibrary {
  readonly dedup: DedupStore;
  readonly cartridges = new Map<string, VirtualCartridge>();
  readonly catalog = new Catalog();
  /** cartridges a write without one appends to, in the order they were taken from scratch */
  private open: VirtualCartridge[] = [];
  /** cartridges holding something (the rest are scratch) */
  private inUse = 0;
  /** versions written here not yet replicated, oldest first */
  private unreplicated: StoredVersion[] = [];
  /** their logical bytes */
  private owed = 0;
  /** cartridges in barcode order, and the first that may be scratch (every one before it holds something) */
  private readonly list: VirtualCartridge[] = [];
  private scan = 0;
  /** versions a replication under way is sending: another replication started meanwhile sends the rest */
  private readonly sending = new Set<StoredVersion>();
  /** logical and stored bytes received by replications of whole cartridges (not versions) */
  readonly copied = { logical: 0 };
  failed = false;

  constructor(readonly def: VtlDef, rng: RandomStream) {
    this.dedup = new DedupStore(def.dedup, rng);
    for (const b of def.barcodes) {
      const c: VirtualCartridge = { barcode: b, used: 0, stored: 0, pending: { bytes: 0, stored: 0, chunks: 0 }, busy: null, versions: new Set() };
      this.cartridges.set(b, c);
      this.list.push(c);
    }
  }

  get name(): string {
    return this.def.name;
  }

  /** The cartridge, held for `op`; throws with what is wrong. */
  take(barcode: string, op: string): VirtualCartridge {
    if (this.failed) throw new Error(`virtual tape library '${this.name}' has failed`);
    const c = this.cartridges.get(barcode);
    if (c === undefined) throw new Error(`cartridge '${barcode}' is not in virtual tape library '${this.name}' (its cartridges are ${this.def.barcodes[0]} to ${this.def.barcodes.at(-1)})`);
    if (c.busy !== null) throw new Error(`cartridge '${barcode}' is busy with ${c.busy}; a virtual cartridge is in one drive at a time`);
    c.busy = op;
    return c;
  }

  /** Frees the cartridge; one that retention emptied while it was busy is scratch now. */
  release(c: VirtualCartridge): void {
    c.busy = null;
    if (c.versions.size === 0 && c.used > 0 && this.catalog.count > 0 && this.def.retention !== undefined) this.scratch(c);
  }

  /**
   * Cartridges for a write that names none, held for `op`: the filling
   * ones free and with room, then scratch ones, enough to hold it
   * (placement.ts).
   */
  takeAny(bytes: number, op: string): VirtualCartridge[] {
    if (this.failed) throw new Error(`virtual tape library '${this.name}' has failed`);
    const held = this.room(bytes);
    if (held === undefined) {
      const used = this.def.barcodes.length - this.scratchCount();
      throw new Error(`virtual tape library '${this.name}' has no scratch cartridge left for a write of ${bytes} bytes: ${used} of ${this.def.barcodes.length} hold retained versions or are in use; add cartridges, expire more often or keep fewer versions`);
    }
    for (const c of held) c.busy = op;
    return held;
  }

  /** Cartridges with room for `bytes`, the scratch ones among them begun (filling from now on); undefined if there is not that room. */
  private room(bytes: number): VirtualCartridge[] | undefined {
    this.open = this.open.filter((c) => c.used < this.def.capacity);
    const held = cartridgesFor(this.open, this.scratchFrom(), this.def.capacity, bytes);
    for (const c of held ?? []) if (!this.open.includes(c)) this.open.push(c);
    return held;
  }

  /** Puts a version's bytes on the cartridges in order and lists it on each. */
  private put(v: StoredVersion): void {
    const share = (b: number) => (v.bytes > 0 ? b / v.bytes : 1);
    for (const p of v.on) {
      const c = this.cartridges.get(p.barcode)!;
      this.occupy(c);
      c.used += p.bytes;
      c.stored += v.write.storedBytes * share(p.bytes);
      c.versions.add(v);
      if (v.pending) {
        c.pending.bytes += p.bytes;
        c.pending.stored += v.write.storedBytes * share(p.bytes);
        c.pending.chunks += v.write.chunks * share(p.bytes);
      }
    }
  }

  /** Scratch cartridges in barcode order, moving `scan` past those that hold something. */
  private *scratchFrom(): Generator<VirtualCartridge> {
    let leading = true;
    for (let i = this.scan; i < this.list.length; i++) {
      const c = this.list[i];
      if (c.used === 0 && c.versions.size === 0) {
        leading = false;
        yield c;
      } else if (leading) this.scan = i + 1;
    }
  }

  scratchCount(): number {
    return this.def.barcodes.length - this.inUse;
  }

  /** A cartridge about to hold something: if it was scratch, it is in use from now on. */
  private occupy(c: VirtualCartridge): void {
    if (c.used === 0 && c.versions.size === 0) this.inUse++;
  }

  /** Plans a write of `bytes` onto the cartridges held for it (draws its new chunks); throws if it does not fit. */
  planWrite(held: readonly VirtualCartridge[], bytes: number, dataset: string, change?: number): DedupWrite {
    const c = held[0];
    if (held.length === 1 && c.used + bytes > this.def.capacity) {
      throw new Error(`cartridge '${c.barcode}' holds ${c.used} of ${this.def.capacity} bytes; a write of ${bytes} bytes does not fit`);
    }
    const w = this.dedup.plan(dataset, bytes, change);
    const room = this.def.diskCapacity;
    if (room !== undefined && this.dedup.stored + w.storedBytes > room) {
      throw new Error(`the disk of virtual tape library '${this.name}' is full: it holds ${this.dedup.stored} of ${room} bytes (${this.dedup.garbage} of them garbage awaiting vtl.gc), and the write's new chunks take ${w.storedBytes}`);
    }
    return w;
  }

  /** Records the write, or the `delivered` part of it, as a version of its dataset on the cartridges held for it. */
  commitWrite(held: readonly VirtualCartridge[], tag: WriteTag, w: DedupWrite, delivered: number, at: number): DedupWrite {
    const image = Math.max(this.dedup.image(tag.dataset), delivered);
    const { done, index } = this.dedup.commit(tag.dataset, w, delivered);
    const on = placements(held, this.def.capacity, done.bytes);
    const v = this.catalog.add({ ...tag, index, bytes: done.bytes, image, write: done, on, at, pending: true });
    this.put(v);
    this.owe(v);
    return done;
  }

  /**
   * Records a version that adds no chunks: a synthetic full built on the
   * library from its chain (only references are written) or a replica's
   * version on its target. Lands on cartridges chosen as for a write.
   */
  record(tag: WriteTag, w: DedupWrite, image: number, at: number, pending: boolean): StoredVersion {
    const held = this.room(w.bytes);
    if (held === undefined) throw new Error(`virtual tape library '${this.name}' has no scratch cartridge left for a version of '${tag.dataset}'`);
    const { done, index } = this.dedup.commit(tag.dataset, w);
    const v = this.catalog.add({ ...tag, index, bytes: done.bytes, image, write: done, on: placements(held, this.def.capacity, done.bytes), at, pending });
    this.put(v);
    if (pending) this.owe(v);
    return v;
  }

  /**
   * Applies retention on `today`: expired versions' chunks become garbage
   * where nothing kept references them, their pending replication is
   * dropped, and a cartridge left with no version returns to scratch.
   * Returns the versions removed.
   */
  expire(today: number): StoredVersion[] {
    const policy = this.def.retention;
    if (policy === undefined) return [];
    const gone = this.catalog.expire(policy, today);
    const byDataset = new Map<string, StoredVersion[]>();
    for (const v of gone) {
      const same = byDataset.get(v.dataset);
      if (same === undefined) byDataset.set(v.dataset, [v]);
      else same.push(v);
      if (v.pending) this.unpend(v);
      for (const p of v.on) {
        const c = this.cartridges.get(p.barcode)!;
        c.versions.delete(v);
        if (c.versions.size === 0 && c.busy === null) this.scratch(c);
      }
    }
    for (const [dataset, vs] of byDataset) this.dedup.expire(dataset, vs.map((v) => v.index), vs.reduce((a, v) => a + v.bytes, 0));
    if (gone.length > 0) this.unreplicated = this.unreplicated.filter((v) => v.pending);
    return gone;
  }

  /** A version written here that the target does not have yet. */
  private owe(v: StoredVersion): void {
    this.unreplicated.push(v);
    this.owed += v.write.bytes;
  }

  private unpend(v: StoredVersion): void {
    v.pending = false;
    this.owed -= v.write.bytes;
    for (const p of v.on) {
      const c = this.cartridges.get(p.barcode)!;
      const share = v.bytes > 0 ? p.bytes / v.bytes : 1;
      c.pending.bytes -= p.bytes;
      c.pending.stored -= v.write.storedBytes * share;
      c.pending.chunks -= v.write.chunks * share;
    }
  }

  /** A cartridge with nothing retained on it is blank again. */
  private scratch(c: VirtualCartridge): void {
    this.inUse--;
    this.scan = Math.min(this.scan, this.list.indexOf(c));
    c.used = 0;
    c.stored = 0;
    c.pending = { bytes: 0, stored: 0, chunks: 0 };
    this.open = this.open.filter((o) => o !== c);
  }

  /**
   * Versions not yet replicated nor being sent, oldest first, and what
   * sending them all would put on the wire; with `send`, they are being sent
   * from now on (until replicatedVersions or unsent).
   */
  pendingVersions(send = false): { versions: StoredVersion[]; delta: ReplicaDelta } {
    const versions = this.unreplicated.filter((v) => !this.sending.has(v));
    if (send) for (const v of versions) this.sending.add(v);
    let bytes = 0, stored = 0, chunks = 0;
    for (const v of versions) { bytes += v.write.bytes; stored += v.write.storedBytes; chunks += v.write.chunks; }
    return { versions, delta: { bytes, stored, chunks, wireBytes: stored + chunks * this.def.dedup.reference } };
  }

  /** Versions sent to `target`: those retention has not removed meanwhile land there as versions of their own. */
  replicatedVersions(versions: readonly StoredVersion[], target: VirtualTapeLibrary, at: number): void {
    this.unsent(versions);
    try {
      for (const v of versions) {
        if (!v.pending) continue;
        // Recorded on the target first: a version the target has no room for stays pending here.
        target.record({ dataset: v.dataset, level: v.level, day: v.day }, v.write, v.image, at, target.def.replicate !== undefined);
        this.unpend(v);
      }
    } finally {
      this.unreplicated = this.unreplicated.filter((v) => v.pending);
    }
  }

  /** A replication that failed or was abandoned leaves its versions pending for the next. */
  unsent(versions: readonly StoredVersion[]): void {
    for (const v of versions) this.sending.delete(v);
  }

  /** Seconds since the oldest write not yet replicated was recorded; 0 when the copy is current. */
  lag(now: number): number {
    const v = this.unreplicated[0];
    return v === undefined ? 0 : (now - v.at) / 1e9;
  }

  /** Logical bytes of the versions not yet replicated. */
  pendingBytes(): number {
    return this.unreplicated.length === 0 ? 0 : this.owed;
  }

  /**
   * What replicating the cartridge now would send: its new chunks plus a
   * reference per chunk, or, without dedup, all its pending logical bytes
   * compressed (HP VLS guide Table 5's "without deduplication" column is the
   * backup at its compression ratio).
   */
  delta(c: VirtualCartridge, dedup = true): ReplicaDelta {
    const { bytes, stored, chunks } = c.pending;
    const wireBytes = dedup ? stored + chunks * this.def.dedup.reference : bytes / this.def.dedup.compression;
    return { bytes, stored, chunks, wireBytes };
  }

  /**
   * The cartridge a replication of `c` lands in on `target` when the step
   * names none: the same slot, as HP maps a source library's slots to the
   * target's.
   */
  mappedSlot(c: VirtualCartridge, target: VirtualTapeLibrary): string {
    const i = this.def.barcodes.indexOf(c.barcode);
    const b = target.def.barcodes[i];
    if (b === undefined) throw new Error(`cartridge '${c.barcode}' is in slot ${i + 1} of '${this.name}', but '${target.name}' has only ${target.def.barcodes.length} cartridges; name the target cartridge with 'into'`);
    return b;
  }

  /** Room for a replication's logical bytes on a target cartridge; throws if there is none. */
  checkRoom(tc: VirtualCartridge, d: ReplicaDelta): void {
    if (tc.used + d.bytes > this.def.capacity) throw new Error(`cartridge '${tc.barcode}' of '${this.name}' holds ${tc.used} of ${this.def.capacity} bytes; the replica's ${d.bytes} bytes do not fit`);
  }

  /**
   * The target cartridge `tc` (of `target`) holds the delta now, and owes it
   * to any library it replicates to in turn; `c` has nothing pending from it.
   */
  replicated(c: VirtualCartridge, d: ReplicaDelta, target: VirtualTapeLibrary, tc: VirtualCartridge): void {
    target.occupy(tc);
    c.pending.bytes -= d.bytes;
    c.pending.stored -= d.stored;
    c.pending.chunks -= d.chunks;
    tc.used += d.bytes;
    tc.stored += d.stored;
    tc.pending.bytes += d.bytes;
    tc.pending.stored += d.stored;
    tc.pending.chunks += d.chunks;
    target.dedup.logical += d.bytes;
    target.dedup.stored += d.stored;
    target.copied.logical += d.bytes;
    for (const v of c.versions) if (v.pending) { v.pending = false; this.owed -= v.write.bytes; }
    this.unreplicated = this.unreplicated.filter((v) => v.pending);
  }
}

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
import { DedupStore, type DedupParams, type DedupWrite } from './dedup.ts';

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
  failed = false;

  constructor(readonly def: VtlDef, rng: RandomStream) {
    this.dedup = new DedupStore(def.dedup, rng);
    for (const b of def.barcodes) this.cartridges.set(b, { barcode: b, used: 0, stored: 0, pending: { bytes: 0, stored: 0, chunks: 0 }, busy: null });
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

  release(c: VirtualCartridge): void {
    c.busy = null;
  }

  /** Plans a write of `bytes` onto the cartridge (draws its new chunks); throws if it does not fit. */
  planWrite(c: VirtualCartridge, bytes: number, dataset: string, change?: number): DedupWrite {
    if (c.used + bytes > this.def.capacity) {
      throw new Error(`cartridge '${c.barcode}' holds ${c.used} of ${this.def.capacity} bytes; a write of ${bytes} bytes does not fit`);
    }
    return this.dedup.plan(dataset, bytes, change);
  }

  /** Records the write, or the `delivered` part of it. */
  commitWrite(c: VirtualCartridge, dataset: string, w: DedupWrite, delivered: number): DedupWrite {
    const done = this.dedup.commit(dataset, w, delivered);
    c.used += done.bytes;
    c.stored += done.storedBytes;
    c.pending.bytes += done.bytes;
    c.pending.stored += done.storedBytes;
    c.pending.chunks += done.chunks;
    return done;
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
  }
}

/**
 * The pools of one run: what each disk pool holds, each cartridge, the
 * catalog of versions; taking a cartridge for a write, releasing what
 * expiry removed, the figures the ledger reads and the invariants audit
 * checks. No time in here: ops.ts moves the bytes and calls these when a
 * move has ended.
 */
import type { Ledger } from '../../engine/ledger.ts';
import { Catalog, type Held, type Part } from './holdings.ts';
import { PoolError } from './pool-error.ts';
import type { DiskPoolDef, PoolsDef, SeqPoolDef } from './resolve.ts';
import { isScratch, nativeValid, nativeWritten, room, scratch, Shelf, type SlotUse, type Volume } from './volumes.ts';

export interface DiskPool {
  def: DiskPoolDef;
  /** bytes held */
  used: number;
  /** bytes of writes under way */
  reserved: number;
}

export class PoolSet {
  readonly disks = new Map<string, DiskPool>();
  readonly seqs = new Map<string, SeqPoolDef>();
  readonly volumes = new Map<string, Volume>();
  readonly shelves = new Map<string, Shelf>();
  readonly catalog = new Catalog();
  /** versions expiry removed, the day it did and when (ticks; for audit) */
  readonly gone: { version: Held; on: number; at: number }[] = [];
  /** versions restored, the day and when (ticks; for audit) */
  readonly restores: { home: string; client: string; day: number; on: number; at: number }[] = [];
  /** cartridges checked in whose library has not been told yet (tape-io.ts tells it before the mount) */
  readonly newcomers = new Set<Volume>();

  constructor(def: PoolsDef, private readonly ledger: Ledger) {
    for (const d of def.disks) this.disks.set(d.name, { def: d, used: 0, reserved: 0 });
    for (const s of def.seqs) this.seqs.set(s.name, s);
    const copies = def.volumes.map((v) => ({ ...v }));
    for (const v of copies) this.volumes.set(v.label, v);
    for (const l of def.libraries) this.shelves.set(l.name, new Shelf(l.name, copies.filter((v) => v.library === l.name), l.slots, l.fixed, def.labels));
  }

  seq(name: string): SeqPoolDef {
    const s = this.seqs.get(name);
    if (s === undefined) throw new PoolError(`'${name}' is not a tape or copy pool`, 'pool.refused', name);
    return s;
  }

  disk(name: string): DiskPool {
    const d = this.disks.get(name);
    if (d === undefined) throw new PoolError(`'${name}' is not a disk pool`, 'pool.refused', name);
    return d;
  }

  /** The pool's cartridges, in the library's order. */
  held(pool: string): Volume[] {
    return [...this.volumes.values()].filter((v) => v.pool === pool);
  }

  /**
   * A cartridge for `drive` to append to: one of the pool's filling
   * cartridges no other drive has, else a scratch one (up to maxScratch),
   * else a new one the operator checks into a free slot; claimed for the
   * drive until it is unmounted.
   */
  take(pool: SeqPoolDef, drive: string): Volume {
    const filling = this.held(pool.name).find((v) => !v.full && !v.offsite && v.drive === null && room(v) > 0);
    if (filling !== undefined) { filling.drive = drive; return filling; }
    const holds = this.held(pool.name).length;
    if (holds >= pool.maxScratch) throw new PoolError(`${pool.kind} pool '${pool.name}' is out of scratch: it holds ${holds} cartridges, its maxScratch`, 'pool.max-scratch', pool.name);
    const shelf = this.shelves.get(pool.library)!;
    let v = shelf.scratchOf(pool.generations);
    if (v === undefined) {
      v = shelf.checkIn(pool.generations[0]);
      if (v === undefined) throw new PoolError(`${pool.kind} pool '${pool.name}' is out of scratch: library '${pool.library}' has no empty ${pool.generations.join(' or ')} cartridge and no free slot to check one in (${slotsSay(shelf.use())})`, 'pool.no-slot', pool.name);
      this.volumes.set(v.label, v);
      this.newcomers.add(v);
    }
    v.pool = pool.name;
    v.compression = pool.compression;
    v.drive = drive;
    return v;
  }

  /** `bytes` written on `v`: they take room whether or not they end up valid (a write that breaks off leaves them as garbage). */
  wrote(v: Volume, bytes: number): void {
    v.written += bytes;
    if (room(v) === 0) v.full = true;
  }

  /** `bytes` of `version` on `v` are valid: a primary part, or a copy in a copy pool. */
  holds(v: Volume, version: Held, bytes: number, copy: boolean): void {
    v.valid += bytes;
    (copy ? version.copies : version.parts).push({ pool: v.pool!, cartridge: v.label, bytes });
  }

  /** A version's bytes on disk pool `pool`. */
  storeOnDisk(pool: DiskPool, version: Held, bytes: number): void {
    pool.used += bytes;
    version.parts.push({ pool: pool.def.name, cartridge: null, bytes });
  }

  /** A part's bytes are no longer where it was (moved, or expired): the disk space returns, or the cartridge's bytes stop being valid. */
  release(part: Part, bytes = part.bytes): void {
    if (part.cartridge === null) {
      this.disk(part.pool).used -= bytes;
    } else {
      const v = this.volumes.get(part.cartridge)!;
      v.valid -= bytes;
      // Spectrum Protect: a scratch volume left with no data returns to scratch (REUSEDELAY 0); from the vault, once a slot is free.
      if (v.valid === 0 && v.drive === null) {
        scratch(v);
        this.shelves.get(v.library)!.comeBack();
      }
    }
    part.bytes -= bytes;
  }

  /** Expiry in the pool `home` today: every version past its retention leaves, its parts and copies released. */
  expire(home: string, today: number, at: number): Held[] {
    const policy = this.disks.get(home)?.def.retention ?? this.seq(home).retention;
    const gone = this.catalog.expire(home, policy, today);
    for (const v of gone) {
      for (const p of [...v.parts, ...v.copies]) this.release(p);
      this.gone.push({ version: v, on: today, at });
    }
    return gone;
  }

  /** Every pool's and library's figures into the ledger (only changed ones are kept). */
  publish(): void {
    const l = this.ledger;
    // One pass over the versions: each pool's logical bytes and the versions with bytes in it.
    const bytesIn = new Map<string, number>();
    const versionsIn = new Map<string, number>();
    for (const v of this.catalog.all()) {
      const seen = new Set<string>();
      for (const p of [...v.parts, ...v.copies]) {
        bytesIn.set(p.pool, (bytesIn.get(p.pool) ?? 0) + p.bytes);
        if (p.bytes > 0 && !seen.has(p.pool)) { seen.add(p.pool); versionsIn.set(p.pool, (versionsIn.get(p.pool) ?? 0) + 1); }
      }
    }
    const logical = (name: string) => bytesIn.get(name) ?? 0;
    const versions = (name: string) => versionsIn.get(name) ?? 0;
    for (const [name, d] of this.disks) {
      l.set(name, 'capacity', d.def.capacity);
      l.set(name, 'stored', d.used);
      l.set(name, 'logical', logical(name));
      l.set(name, 'versions', versions(name));
    }
    for (const [name, s] of this.seqs) {
      const held = this.held(name);
      const written = held.reduce((n, v) => n + nativeWritten(v), 0);
      const valid = held.reduce((n, v) => n + nativeValid(v), 0);
      const room = Math.min(s.maxScratch - held.length, this.shelves.get(s.library)?.scratchCount() ?? 0);
      l.set(name, 'stored', written);
      l.set(name, 'garbage', written - valid);
      l.set(name, 'logical', logical(name));
      l.set(name, 'capacity', held.reduce((n, v) => n + v.capacity, 0) + Math.max(0, room) * (held[0]?.capacity ?? 0));
      l.set(name, 'versions', versions(name));
      l.set(name, 'cartridges-used', held.length);
    }
    for (const [lib, shelf] of this.shelves) {
      l.set(lib, 'cartridges-scratch', shelf.scratchCount());
      l.set(lib, 'cartridges-used', shelf.volumes.filter((v) => !isScratch(v)).length);
      l.set(lib, 'slots-free', shelf.slotsFree());
    }
  }

  /** What must hold at any quiet moment, as sentences naming what broke it. */
  audit(): string[] {
    const out: string[] = [];
    const versions = this.catalog.all();
    for (const v of this.volumes.values()) {
      if (nativeWritten(v) > v.capacity * (1 + 1e-12)) out.push(`cartridge ${v.label} holds ${nativeWritten(v)} native bytes, more than its capacity ${v.capacity}`);
      if (v.valid > v.written) out.push(`cartridge ${v.label} has ${v.valid} valid bytes of ${v.written} written`);
      const parts = versions.reduce((n, x) => n + [...x.parts, ...x.copies].reduce((m, p) => m + (p.cartridge === v.label ? p.bytes : 0), 0), 0);
      if (parts !== v.valid) out.push(`cartridge ${v.label} counts ${v.valid} valid bytes but the versions on it hold ${parts}`);
      if (v.pool === null && v.written > 0) out.push(`scratch cartridge ${v.label} has ${v.written} bytes written`);
    }
    for (const [name, d] of this.disks) {
      const parts = versions.reduce((n, x) => n + x.parts.reduce((m, p) => m + (p.pool === name && p.cartridge === null ? p.bytes : 0), 0), 0);
      if (parts !== d.used) out.push(`disk pool ${name} counts ${d.used} bytes stored but its versions hold ${parts}`);
      if (d.used > d.def.capacity) out.push(`disk pool ${name} holds ${d.used} bytes, more than its capacity ${d.def.capacity}`);
    }
    for (const v of versions) {
      const onPrimary = v.parts.reduce((n, p) => n + p.bytes, 0);
      if (onPrimary > v.logical) out.push(`${v.client}'s version of day ${v.day} in ${v.home} has ${onPrimary} bytes stored, more than its ${v.logical} logical`);
    }
    for (const { version: v, on } of this.gone) {
      if ([...v.parts, ...v.copies].some((p) => p.bytes !== 0)) out.push(`${v.client}'s version of day ${v.day} in ${v.home} expired on day ${on} and still has bytes counted as stored`);
    }
    for (const r of this.restores) {
      const g = this.gone.find(({ version: v, at }) => v.home === r.home && v.client === r.client && v.day === r.day && at <= r.at);
      if (g !== undefined) out.push(`${r.client}'s version of day ${r.day} was restored on day ${r.on}, after retention removed it on day ${g.on}`);
    }
    for (const shelf of this.shelves.values()) {
      const sorted = shelf.volumes.filter((v) => v.offsite || v.pool !== null || isScratch(v)).length;
      if (sorted !== shelf.volumes.length) out.push(`library ${shelf.library}: ${sorted} of its ${shelf.volumes.length} cartridges are scratch, used or offsite`);
      if (shelf.inLibrary() > shelf.slots) out.push(`library ${shelf.library} holds ${shelf.inLibrary()} cartridges in its ${shelf.slots} slots`);
    }
    return out;
  }
}

/** What fills a library's slots, for a refusal. */
export function slotsSay(u: SlotUse): string {
  const away = u.offsite + u.waiting;
  return `its ${u.slots} slots hold ${u.private} private and ${u.scratch} scratch cartridges; ${away} offsite away${u.waiting > 0 ? `, ${u.waiting} of them empty and waiting in the vault for a slot` : ''}`;
}

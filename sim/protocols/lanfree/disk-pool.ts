/**
 * The disk storage pool's bookkeeping on the backup server (pure, no time):
 * space reserved by the sessions writing into it, data stored per node, and
 * the migration rule of a random-access pool in IBM Spectrum Protect:
 * migration starts when the occupancy reaches HIGHMIG, each process moves the
 * data of one node at a time, the node with the most data in the pool first,
 * and processes stop once the occupancy is at or below LOWMIG
 * (https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=pool-primary-random-access).
 * A session the pool has no room for goes to the next pool (tape), as the
 * server stores data the pool cannot hold in the next storage pool.
 */
import type { Path } from '../../foundation/path.ts';
import { modelOf } from '../../model/models.ts';
import type { ProtocolResolveContext } from '../protocol.ts';
import type { LanFreeSection } from './section.ts';

export interface DiskPoolDef {
  /** storage system and volume the pool is on */
  system: string;
  volume: string;
  /** the array's device link, which every write into and read out of the pool crosses */
  device: string;
  capacity: number;
  highMig: number;
  lowMig: number;
  migProcess: number;
}

export class DiskPool {
  private reserved = 0;
  private readonly stored = new Map<string, number>();
  private readonly moving = new Set<string>();

  constructor(readonly def: DiskPoolDef) {}

  /** Bytes stored (committed) in the pool. */
  get occupied(): number {
    let n = 0;
    for (const v of this.stored.values()) n += v;
    return n;
  }

  /** Room for a session of `bytes`: reserved if there is, false if it must go to the next pool. */
  reserve(bytes: number): boolean {
    if (this.def.capacity - this.reserved - this.occupied < bytes) return false;
    this.reserved += bytes;
    return true;
  }

  /** A session ended: its reservation becomes the data it wrote. */
  commit(node: string, reserved: number, written: number): void {
    this.reserved -= reserved;
    this.stored.set(node, (this.stored.get(node) ?? 0) + written);
  }

  /** Migration starts at HIGHMIG. */
  get high(): boolean {
    return this.occupied * 100 >= this.def.highMig * this.def.capacity;
  }

  /** Migration goes on above LOWMIG. */
  get aboveLow(): boolean {
    return this.occupied * 100 > this.def.lowMig * this.def.capacity;
  }

  /** The next node to migrate (most data first, then by name) and its bytes; null if none is left to move. */
  next(): { node: string; bytes: number } | null {
    let best: { node: string; bytes: number } | null = null;
    for (const [node, bytes] of [...this.stored].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (bytes > 0 && !this.moving.has(node) && (best === null || bytes > best.bytes)) best = { node, bytes };
    }
    if (best !== null) this.moving.add(best.node);
    return best;
  }

  /** A migration process moved `bytes` of `node` to tape: their space is free. */
  migrated(node: string, bytes: number): void {
    this.stored.set(node, (this.stored.get(node) ?? 0) - bytes);
    this.moving.delete(node);
  }
}

/** `protocol.diskPool` checked against topology.storage, or null when the scenario gives none. */
export function resolveDiskPool(raw: LanFreeSection['diskPool'], ctx: ProtocolResolveContext, at: Path, restores: number): DiskPoolDef | null {
  if (raw === undefined) return null;
  const [system, volume, ...rest] = raw.volume.split('/');
  const systems = modelOf(ctx.scenario, 'storage').systems;
  const s = systems.find((x) => x.name === system);
  if (rest.length > 0 || volume === undefined || s === undefined) ctx.fail([...at, 'volume'], `a volume of topology.storage as SYSTEM/VOLUME; storage systems are: ${systems.map((x) => x.name).join(', ') || '(none: add topology.storage)'}`);
  const v = s.volumes.find((x) => x.name === volume);
  if (v === undefined) ctx.fail([...at, 'volume'], `storage system '${system}' has no volume '${volume}'; it has: ${s.volumes.map((x) => x.name).join(', ')}`);
  if (raw.lowMig > raw.highMig) ctx.fail([...at, 'lowMig'], `lowMig (${raw.lowMig}) at most highMig (${raw.highMig})`);
  if (restores > 0) ctx.fail(at, 'no restores with a disk pool: restores of data still in the pool are not modelled (give restore or diskPool, not both)');
  return { system: s.name, volume: v.name, device: s.name, capacity: v.size - v.used, highMig: raw.highMig, lowMig: raw.lowMig, migProcess: raw.migProcess };
}

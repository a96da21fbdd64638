/** The pools family's job-step commands, declared once: parameters, arguments and answers. */
import { command } from '../../engine/commands.ts';
import { stepCommand } from '../../engine/step-command.ts';

const pool = { kind: 'name', ref: 'pool', required: true, description: 'the pool' } as const;

export interface PoolBackedUp { bytes: number; storedBytes: number; pool: string; cartridges: string[] }
export const poolBackup = stepCommand('pool.backup', {
  description: 'A client\'s backup into a primary pool: the bytes cross the route into the disk pool\'s device link (a disk pool that cannot hold them sends them to its next pool), or onto a tape pool\'s drive, cartridge after cartridge. The pool then holds a version of the client\'s backup at the level given. Result { bytes, storedBytes, pool, cartridges }.',
  params: {
    pool,
    client: { kind: 'string', required: true, description: 'whose backup: versions and retention are per client' },
    bytes: { kind: 'size', required: true, description: 'logical bytes (usually `data`: the scheduled job\'s backup)' },
    level: { kind: 'string', required: true, description: 'full, incremental, differential or synthetic-full; `data`: the level of the scheduled job\'s occurrence' },
    route: { kind: 'names', ref: 'link', description: 'links from the client to the pool' },
  },
}).returns<PoolBackedUp>();

export interface PoolExpired { versions: number; bytes: number; scratched: string[] }
export const poolExpire = stepCommand('pool.expire', {
  description: 'Expiration: applies the pool\'s retention today; versions past it are gone from wherever they are now (disk space returns, tape bytes become reclaimable, copies go too); a cartridge left with nothing valid returns to scratch. Result { versions, bytes (logical) removed, scratched }.',
  params: { pool },
}).returns<PoolExpired>();

export interface PoolMoved { bytes: number; cartridges: string[] }
export const poolMigrate = stepCommand('pool.migrate', {
  description: 'Migration: when the disk pool is fuller than its high threshold, the oldest versions\' bytes move to its next pool (disk to a tape drive, with mounts) until it is down to its low threshold. Result { bytes, cartridges }.',
  params: { pool },
}).returns<PoolMoved>();

export interface PoolReclaimed { reclaimed: string[]; bytes: number; cartridges: string[] }
export const poolReclaim = stepCommand('pool.reclaim', {
  description: 'Reclamation: each full cartridge of the tape pool at least its reclaim threshold reclaimable has its valid bytes copied, drive to drive, onto a filling cartridge, and returns to scratch. Result { reclaimed, bytes, cartridges (written) }.',
  params: { pool },
}).returns<PoolReclaimed>();

export const poolCopy = stepCommand('pool.copy', {
  description: 'Backup of a storage pool: versions of the copy pool\'s primary not yet copied cross the route onto the copy pool\'s drive; an offsite copy pool\'s cartridges then leave the library. Result { bytes, cartridges }.',
  params: { pool },
}).returns<PoolMoved>();

export interface PoolRestored { bytes: number; pool: string }
export const poolRestore = stepCommand('pool.restore', {
  description: 'Restores a client\'s version taken on a day: its bytes cross from the pool (disk, or each cartridge mounted in turn) over the route. A version retention removed is refused. Result { bytes, pool }.',
  params: {
    pool,
    client: { kind: 'string', required: true, description: 'whose backup' },
    day: { kind: 'integer', required: true, description: 'the day the version was taken (days since the run began)' },
    route: { kind: 'names', ref: 'link', description: 'links from the pool to where the data goes' },
  },
}).returns<PoolRestored>();

/** The pools' own step: wait until `count` of the pool's drives are free, and have them. */
export const poolDrives = command<{ pool: string; count: number }, string[]>('pool.drives');

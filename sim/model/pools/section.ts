/**
 * `topology.pools`, declared once: the schema, the README rows and the
 * resolved values all come from here. The design is Spectrum Protect's
 * (TSM) storage hierarchy: primary pools (disk, tape) a backup lands in,
 * migration from a disk pool to its next pool, copy pools that hold a copy
 * of a primary pool. resolve.ts keeps what a schema cannot say: names that
 * must exist (libraries, drives, pools) and thresholds that must agree.
 */
import { maybe } from '../../foundation/declare-forms.ts';
import { flag, integer, list, named, number, object, rate, size, text, type Resolved } from '../../foundation/declare.ts';

/** IBM Storage Protect 8.2.2, DEFINE STGPOOL: the defaults below (random access: HIGHMIG, LOWMIG; sequential access: RECLAIM, MAXSCRATCH; copy pools: RECLAIM=100). */
const DISK_STGPOOL = 'IBM Storage Protect 8.2.2 DEFINE STGPOOL, random access (https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=pool-primary-random-access)';
const TAPE_STGPOOL = 'IBM Storage Protect 8.2.2 DEFINE STGPOOL, sequential access (https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=pool-primary-sequential-access)';
const COPY_STGPOOL = 'IBM Storage Protect 8.2.2 DEFINE STGPOOL, copy pool (https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=pool-copy)';

const RETENTION = object({
  versions: integer({
    description: 'Restore points kept per client, newest first (a chain a kept point builds on is kept whole: sim/model/retention.ts).', minimum: 1, unit: 'versions',
    source: 'a policy choice; Spectrum Protect\'s backup copy group VEREXISTS defaults to 2 (DEFINE COPYGROUP)',
  }),
  days: integer({
    description: 'Days a restore point is kept: taken on day d, it expires on day d + days.', minimum: 1, unit: 'days',
    source: 'a policy choice; Spectrum Protect\'s backup copy group RETEXTRA defaults to 30 days (DEFINE COPYGROUP)',
  }),
}, { description: 'Which backup versions the pool keeps (pool.expire applies it); neither limit: every version is kept.' });

const MIGRATE = object({
  high: number({ description: 'Migration starts when the pool is fuller than this.', default: 90, minimum: 0, maximum: 100, unit: '% of capacity', source: `${DISK_STGPOOL}: HIGHMIG defaults to 90` }),
  low: number({ description: 'Migration stops when the pool is down to this.', default: 70, minimum: 0, maximum: 100, unit: '% of capacity', source: `${DISK_STGPOOL}: LOWMIG defaults to 70` }),
}, { description: 'Migration thresholds (HIGHMIG, LOWMIG): pool.migrate moves the oldest versions to the next pool.' });

const DISK = object({
  description: text({ description: 'What the pool is, for the reader.' }),
  capacity: size({ description: 'Bytes the pool\'s volumes hold.', required: true, positive: true, source: 'a configuration choice' }),
  rate: rate({ description: 'What the pool\'s disks write and read, all streams together: a device link named after the pool.', required: true, positive: true, source: 'a configuration choice (the disk array behind the pool)' }),
  migrate: MIGRATE,
  next: text({ description: 'The tape pool migration moves data to, and a backup that does not fit goes to.', source: `topology (${DISK_STGPOOL}: NEXTSTGPOOL)` }),
  retention: RETENTION,
}, { description: 'A random-access disk pool.' });

const TAPE = object({
  description: text({ description: 'What the pool is, for the reader.' }),
  library: text({ description: 'The tape library whose empty cartridges the pool takes as scratch.', required: true, source: 'topology' }),
  drives: list(text({ description: 'A drive, as library/drive.', required: true, source: 'topology' }), { description: 'Drives the pool may use, all of one generation (reclamation mounts two at once).', minItems: 1, required: true }),
  maxScratch: integer({ description: 'Most cartridges the pool holds at once (MAXSCRATCH); a write that needs one more fails.', required: true, minimum: 0, unit: 'cartridges', source: `a configuration choice (${TAPE_STGPOOL}: MAXSCRATCH has no default)` }),
  reclaim: number({
    description: 'A full cartridge is reclaimed when at least this share of it is reclaimable (expired): its valid data moves to another cartridge and it returns to scratch. 100 turns reclamation off.',
    default: 60, minimum: 1, maximum: 100, unit: '% reclaimable', source: `${TAPE_STGPOOL}: RECLAIM defaults to 60`,
  }),
  retention: RETENTION,
}, { description: 'A sequential-access pool on a tape library\'s cartridges.' });

const COPY = object({
  description: text({ description: 'What the pool is, for the reader.' }),
  of: text({ description: 'The primary pool (disk or tape) this pool holds a copy of.', required: true, source: 'topology (BACKUP STGPOOL primary copypool)' }),
  library: text({ description: 'The library the copies are written in (local, or at a remote site).', required: true, source: 'topology' }),
  drives: list(text({ description: 'A drive, as library/drive.', required: true, source: 'topology' }), { description: 'Drives the copy pool may use, all of one generation.', minItems: 1, required: true }),
  route: maybe(list(text({ description: 'A link.', required: true, source: 'topology' }), { description: 'Links from the primary pool to the copy pool\'s drives (a WAN to a remote site).', minItems: 1 })),
  maxScratch: integer({ description: 'Most cartridges the pool holds at once (MAXSCRATCH).', required: true, minimum: 0, unit: 'cartridges', source: `a configuration choice (${COPY_STGPOOL}: MAXSCRATCH has no default)` }),
  offsite: flag({ description: 'Cartridges leave the library after each pool.copy (disaster recovery: a courier takes them to a vault), freeing their slots; a later copy starts a new cartridge. They come back as scratch when all they hold has expired.', default: false, source: 'a configuration choice (Spectrum Protect DRM: MOVE DRMEDIA)' }),
}, { description: `A copy pool (BACKUP STGPOOL): a copy of a primary pool's backup versions on cartridges of its own; never reclaimed (${COPY_STGPOOL}: RECLAIM defaults to 100, reclamation off).` });

export const POOLS = object({
  disk: named(DISK, { description: 'Disk pools by name.' }),
  tape: named(TAPE, { description: 'Tape pools by name.' }),
  copy: named(COPY, { description: 'Copy pools by name.' }),
}, { description: 'Storage pools (Spectrum Protect\'s storage hierarchy): backups land in a primary pool, disk pools migrate to tape pools, copy pools hold a copy; pool names are unique across the three kinds.' });

export type PoolsEntry = Resolved<typeof POOLS>;
export type DiskEntry = PoolsEntry['disk'][number];
export type TapeEntry = PoolsEntry['tape'][number];
export type CopyEntry = PoolsEntry['copy'][number];
export type RetentionEntry = Resolved<typeof RETENTION>;

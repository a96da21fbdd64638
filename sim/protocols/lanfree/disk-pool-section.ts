/**
 * `protocol.diskPool`, declared once: a random-access (DISK device class)
 * storage pool on the backup server, the copy group destination of the
 * sessions whose data reaches the backup server, with the tape pool as its
 * next pool. Defaults from DEFINE STGPOOL (random access):
 * https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=pool-primary-random-access
 */
import { maybe } from '../../foundation/declare-forms.ts';
import { integer, object, text } from '../../foundation/declare.ts';

const STGPOOL = 'IBM Spectrum Protect DEFINE STGPOOL (random access)';
const URL = 'https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=pool-primary-random-access';

export const DISK_POOL = maybe(object({
  volume: text({ description: 'The volume the pool\'s DISK volumes are on, SYSTEM/VOLUME of topology.storage: its size is the pool\'s capacity; its array\'s rate (a device link) is shared by the clients\' writes and the migration\'s reads.', required: true, unit: 'storage system/volume' }),
  highMig: integer({ description: 'Occupancy (% of the capacity) at which migration to the tape pool starts.', minimum: 0, maximum: 100, default: 90, unit: '%', source: `${STGPOOL} HIGHMIG, default 90: ${URL}` }),
  lowMig: integer({ description: 'Occupancy (%) at which migration stops: a migration process finishes the node it moves, then stops once the pool is at or below it.', minimum: 0, maximum: 100, default: 70, unit: '%', source: `${STGPOOL} LOWMIG, default 70: ${URL}` }),
  migProcess: integer({ description: 'Migration processes at once, each with a drive (a mount point) of its own, moving one node\'s data at a time, the node with the most data in the pool first.', minimum: 1, default: 1, unit: 'processes', source: `${STGPOOL} MIGPROCESS, default 1: ${URL}` }),
}, { description: 'LAN design: a disk storage pool that absorbs the client sessions (none of them takes a drive) and migrates to tape by thresholds, each migration process streaming its drive. A storage agent cannot write to a DISK pool, so the LAN-free designs write to tape. Restores of data still in the pool are not modelled.' }));

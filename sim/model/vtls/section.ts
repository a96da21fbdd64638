/**
 * `topology.vtls`, declared once: the schema, the README rows and the
 * resolved values all come from here. family.ts keeps what a schema cannot
 * say: names that must exist or must not clash, and the ranges of the
 * ratios it explains in its own words.
 */
import { maybe } from '../../foundation/declare-forms.ts';
import { integer, list, named, number, object, rate, size, text, type Resolved } from '../../foundation/declare.ts';

/** HP D2D sizing guidance: "A single backup stream to a D2D device may run, for example, at 30 MB/sec but running three streams simultaneously to a D2D will run at say 80 MB/sec". */
const HP_STREAMS = 'HP D2D best-practice guide (sizing): one stream "for example, at 30 MB/sec", three streams "at say 80 MB/sec" (videogame.manualsonline.com/manuals/mfg/hewlettpackard_1/d2d.html?p=86); an example, not a model\'s specification';

/** What one backup stream gets when the scenario does not say, unless the whole disk is slower (HP_STREAMS). */
export const ONE_STREAM = '30 MB/s';

const DISK = object({
  rate: rate({ description: 'Ingest rate, logical bytes: the most all backup streams together get.', default: '80 MB/s', positive: true, unit: 'bytes/s, logical', source: HP_STREAMS }),
  stream: rate({ description: 'The most one backup stream gets.', defaultText: `${ONE_STREAM}, or disk.rate if lower`, positive: true, source: HP_STREAMS }),
  capacity: size({ description: 'Bytes the disk holds after dedup and compression; a write whose new chunks do not fit fails. Default: no limit.', positive: true, unit: 'bytes, stored', source: 'a configuration choice (a D2D model\'s usable capacity)' }),
  housekeeping: rate({
    description: 'How fast garbage collection (vtl.gc, HP D2D "housekeeping") works through garbage, stored bytes per second, sharing the disk with backups.', default: '50 MB/s', positive: true, unit: 'bytes/s, stored',
    source: 'UNSOURCED: HP documents that housekeeping runs after expiry and competes with backups for the disk, but gives no rate; taken as a little over half the 80 MB/s ingest',
  }),
}, { description: 'The disk behind the library: a device link named after the library.' });

const CARTRIDGES = object({
  count: integer({ description: 'How many virtual cartridges.', required: true, minimum: 1, maximum: 100000, unit: 'cartridges', source: 'a configuration choice, no product figure' }),
  capacity: size({
    description: 'Logical bytes per cartridge.', default: '1.5 TB', positive: true, unit: 'bytes, logical',
    source: 'a virtual LTO-5 cartridge, native 1.5 TB (IBM TS4500 supported drives: domain-figures §10); HP VLS/D2D emulate a tape library "including its drive-type" (HP VLS/D2D solutions guide AG306-96028 p.71). The choice of LTO-5 is UNSOURCED: any emulated type may be configured',
  }),
  prefix: text({ description: 'Barcode prefix.', pattern: '^[A-Za-z0-9_][A-Za-z0-9_.:-]*$', defaultText: 'the library\'s name and a dash (`<library>-`)', source: 'naming only' }),
}, { description: 'Virtual cartridges, named PREFIX001, PREFIX002, ...' });

export const DEDUP = object({
  chunk: size({ description: 'Average chunk.', default: '4 KB', source: 'HP D2D manual: chunks average up to 4 KB (domain-figures §7)' }),
  change: number({
    description: 'Share of a stored dataset\'s chunks that changed since its last write, 0 to 1.', default: 0.01, unit: 'share of chunks per write',
    source: 'HP VLS/D2D solutions guide AG306-96028 Table 5 and HP D2D guide: 1 % daily change (domain-figures §7, §10)',
    spread: { low: 0.005, high: 0.02, source: 'HP VLS guide Table 5: daily change 0.5-2 % (domain-figures §10)' },
  }),
  compression: number({
    description: 'Compression of new chunks, x:1.', default: 1.6, unit: 'x:1',
    source: 'HP D2D guide: "expect 1.6:1 compression even on the first backup" (domain-figures §7); the slope of HP VLS Table 5 agrees (6.26 GB more per 1 % of 1 TB changed = 1.60:1)',
  }),
  reference: size({
    description: 'Bytes sent per chunk when replicating, so the target can rebuild the cartridge (hash, place and length).', default: '40 B', unit: 'bytes per chunk',
    source: 'derived: a least-squares line through HP VLS guide Table 5 (13.1 / 16.3 / 22.5 GB sent for 1 TB at 0.5 / 1 / 2 % change) crosses 0 % at 10.0 GB; 1 TB is 250 million 4 KB chunks, so 40 B per chunk (about a 20 B SHA-1 plus place and length)',
  }),
}, { description: 'The seeded model of new and repeated chunks.' });

const REPLICATE = object({
  to: text({ description: 'Another virtual tape library.', required: true, source: 'topology' }),
  route: list(text({ description: 'A link.', required: true, source: 'topology' }), { description: 'Links from this library to that one, in order.', minItems: 1, required: true }),
}, { description: 'Where vtl.replicate sends this library\'s cartridges unless the step says otherwise.' });

const RETENTION = object({
  versions: integer({ description: 'Restore points kept per dataset, newest first.', minimum: 1, unit: 'versions', source: 'a policy choice' }),
  days: integer({ description: 'Days a restore point is kept: taken on day d, it expires on day d + days.', minimum: 1, unit: 'days', source: 'a policy choice' }),
}, { description: 'Which versions vtl.expire keeps (sim/model/retention.ts: within both limits, and every version a kept one builds on). Absent: every version is kept.' });

export const VTLS = named(object({
  description: text({ description: 'What the library is, for the reader.' }),
  disk: DISK,
  cartridges: CARTRIDGES,
  dedup: DEDUP,
  replicate: maybe(REPLICATE),
  retention: maybe(RETENTION),
  tape: text({
    description: 'The physical tape drive attached for copies (vtl.copy): a drive of the tape family, as library/drive.',
    source: 'topology (a drive of the tape family, `library/drive`; only its name is kept, and vtl.copy ends its route with the drive\'s device link of that name)',
  }),
}), { description: 'Virtual tape libraries (HP VLS/D2D): virtual cartridges on a deduplicating disk store, replicated to another library by sending only new chunks.' });

export type VtlEntry = Resolved<typeof VTLS>[number];

/**
 * What a scenario says under `protocol: { name: remotecopy, ... }`: the
 * schema fragment, the defaults and where each comes from.
 */
import type { ParamDoc } from '../../model/family.ts';
import { duration, size } from '../../model/schema-parts.ts';

const HP_TABLE5 = 'HP StorageWorks VLS/D2D solutions guide AG306-96028, Table 5 "Estimated time to replicate data for a 1 TB backup environment" (domain-figures §7)';
const HP_D2D_CYCLE = 'HP D2D user guide sizing example: a 1 TB file server, 1 % daily change, keeping 5 daily incrementals and 25 weekly fulls, read as a weekly full and 5 weekday incrementals (domain-figures §7)';

export const DEFAULTS = {
  /** HP Table 5 sizes a 1 TB backup environment */
  full: 1e12,
  /** HP Table 5: 50 GB sent for an incremental against 500 GB for a full (both at 2:1): an incremental is a tenth of a full */
  incrementalShare: 0.1,
  /** HP D2D example: a weekly full and 5 daily incrementals */
  days: 6,
  weeks: 1,
  cells: 1,
  /** UNSOURCED: a tape block size; it only sets N in the trace's "copy N blocks" */
  blockSize: 256 * 1024,
  /** UNSOURCED: a SOAP request or event between the copy managers; small against any WAN, it pays the route's latency */
  controlMessage: 1000,
  /** UNSOURCED: how long the local auto-migration layer waits for a remote job's status before sending the job again (the WAN may have lost either message) */
  remoteRetry: 600e9,
  /** UNSOURCED: how long the local layer hears nothing from the remote one before it fails the copy */
  remoteGiveUp: 86_400e9,
} as const;

const links = (description: string) => ({ type: 'array', items: { type: 'string' }, description });

export const SCHEMA = {
  properties: {
    design: { type: 'string', enum: ['smart-copy', 'second-instance'], description: 'smart-copy (US 8,612,705: one backup application, the remote tape shown as a local "ghost" library) or second-instance (the baseline: a second, separately licensed backup application at the remote site). Default smart-copy.' },
    replication: { type: 'string', enum: ['dedup', 'full'], description: 'dedup: only new chunks and references cross the WAN; full: every backup crosses it compressed (the baseline). Default dedup.' },
    local: { type: 'string', description: 'The local virtual library (topology.vtls) the backup application writes to; it replicates to its replicate.to over replicate.route (the WAN).' },
    cells: { type: 'integer', minimum: 1, maximum: 64, description: 'Storage cells of the local library: each logs its completed writes in a batch and replicates them cartridge by cartridge, in parallel with the other cells. Cartridge slot i belongs to cell i mod cells. Default 1.' },
    backup: {
      type: 'object',
      additionalProperties: false,
      description: 'The backup application\'s weekly cycle: a full, then daily incrementals, one virtual cartridge each.',
      properties: {
        route: links('Links from the backup server to the local library. Default: none (the library\'s own ingest limits).'),
        dataset: { type: 'string', description: 'What is backed up (the dedup store matches a dataset with its earlier writes). Default: fileserver.' },
        full: size('A full backup. Default 1 TB (HP VLS guide Table 5).'),
        incremental: size('A daily incremental. Default a tenth of the full (HP Table 5: 50 GB incremental against 500 GB full).'),
        days: { type: 'integer', minimum: 1, maximum: 7, description: 'Backups a week: day 1 is the full, the rest incrementals. Default 6 (HP D2D example: a weekly full and 5 incrementals).' },
        weeks: { type: 'integer', minimum: 1, maximum: 52, description: 'Weeks to run. Default 1.' },
        change: { type: 'number', minimum: 0, maximum: 1, description: 'Share of the dataset\'s chunks that change a day (seeded per write). Default: the local library\'s dedup.change.' },
        changeSpread: { type: 'number', minimum: 0, maximum: 10, description: 'How much the day\'s change varies: each day\'s change is the mean change times a lognormal draw of mean 1 and this standard deviation (seeded). Default 0 (every day the same).' },
        start: duration('When the first day\'s backup starts; a day is 24 h. Default 0 s.'),
        seeded: { type: 'boolean', description: 'The remote library already holds the dataset (seeded on site before it was shipped), so the first full sends only changes. Default true.' },
      },
    },
    copy: {
      type: 'object',
      additionalProperties: false,
      required: ['to'],
      description: 'The weekly copy of the week\'s virtual cartridges to physical tape (Smart Copy), stacked onto larger cartridges.',
      properties: {
        to: { type: 'string', description: 'The physical cartridge the copy starts on (a cartridge of topology.libraries, e.g. XYZ001L5); when it fills, the library\'s next empty one of its generation.' },
        api: { type: 'string', enum: ['ndmp', 'smi-s'], description: 'The Smart Copy API the backup application uses: NDMP tape copy or SMI-S copy services. Both carry the same request. Default ndmp.' },
        route: links('Links from the library holding the drive to the drive (e.g. a SAS or FC path); the drive\'s own device link ends it. Default: none.'),
        lock: { type: 'boolean', description: 'Lock the local library from the copy command until its status: writes and their acknowledgements wait (FIG. 3). Default false.' },
        window: duration('The copy must end within this long after the week\'s last backup is scheduled to start (both designs know the schedule); copy_overrun counts the seconds past it. Default: no window.'),
        of: { type: 'string', enum: ['all', 'fulls'], description: 'Which of the week\'s virtual cartridges the copy takes: all (the full and the incrementals) or fulls (only the week\'s full, as sites that vault weekly fulls do). Default all.' },
        at: duration('When the copy is issued, after the week\'s start. Default: smart-copy when the week\'s last backup is acknowledged; second-instance 24 h after that backup was scheduled (the remote operator cannot see it end).'),
        blockSize: size('Tape block size in the copy commands ("copy N blocks"). Default 256 KiB.'),
      },
    },
  },
  required: ['local', 'copy'],
};

export const PARAMS: ParamDoc[] = [
  { name: 'protocol.design', default: 'smart-copy', unit: '', source: 'US 8,612,705 (smart-copy); its background section describes the second-instance alternative and its second licence' },
  { name: 'protocol.replication', default: 'dedup', unit: '', source: `US 8,612,705 ("only the new data ... along with references"); full: ${HP_TABLE5}, "without deduplication" column = the backup at its compression ratio` },
  { name: 'protocol.local', default: '(required)', unit: 'vtl name', source: 'topology' },
  { name: 'protocol.cells', default: '1', unit: 'storage cells', source: 'UNSOURCED: the patent logs writes "in a batch for each of the storage cells" without a count; a configuration choice' },
  { name: 'protocol.backup.route', default: 'none', unit: 'links', source: 'topology' },
  { name: 'protocol.backup.dataset', default: 'fileserver', unit: '', source: 'naming only' },
  { name: 'protocol.backup.weeks', default: '1', unit: 'weeks', source: 'scenario input' },
  { name: 'protocol.backup.full', default: '1 TB', unit: 'B', source: HP_TABLE5 },
  { name: 'protocol.backup.incremental', default: 'full / 10', unit: 'B', source: `${HP_TABLE5}: 50 GB incremental against 500 GB full` },
  { name: 'protocol.backup.days', default: '6', unit: 'backups a week', source: HP_D2D_CYCLE },
  { name: 'protocol.backup.change', default: 'the local library\'s dedup.change (0.01)', unit: 'share of chunks a day', source: `${HP_D2D_CYCLE}; an incremental carries the day's changed chunks, so its change share is change × full / incremental` },
  { name: 'protocol.backup.changeSpread', default: '0', unit: 'coefficient of variation', source: 'UNSOURCED: no published day-to-day spread of backup change rates was found (HP quotes 0.5-2 % as a range of sites, not of days); 0 keeps every day at the mean' },
  { name: 'protocol.backup.start', default: '0 s', unit: 's', source: 'time origin' },
  { name: 'protocol.backup.seeded', default: 'true', unit: '', source: `model choice: ${HP_TABLE5} counts only changes for a full, which holds when the target already has the earlier backups` },
  { name: 'protocol.copy.to', default: '(required)', unit: 'cartridge label', source: 'topology: a cartridge of a library attached to the local or remote VLS' },
  { name: 'protocol.copy.route', default: 'none', unit: 'links', source: 'topology' },
  { name: 'protocol.copy.api', default: 'ndmp', unit: '', source: 'US 8,612,705: NDMP tape copy or SMI-S copy services; "both ... basically perform the same operations"' },
  { name: 'protocol.copy.lock', default: 'false', unit: '', source: 'US 8,612,705: the VLS "may be locked" until the copy completes' },
  { name: 'protocol.copy.of', default: 'all', unit: '', source: 'scenario input: which backups go to tape' },
  { name: 'protocol.copy.window', default: 'none', unit: 's', source: 'scenario input: the time the site allows for off-site tapes' },
  { name: 'protocol.copy.at', default: 'smart-copy: when the last backup ends; second-instance: 24 h after it was scheduled', unit: 's', source: 'model choice: the second instance runs on a schedule because it cannot see the local backups end' },
  { name: 'protocol.copy.blockSize', default: '256 KiB', unit: 'B', source: 'UNSOURCED: only the count N in "copy N blocks" depends on it, not any time' },
  { name: 'control messages', default: '1 kB', unit: 'B', source: 'UNSOURCED: size of a job request or status between the copy managers; it pays the WAN route\'s latency plus its size over the narrowest link' },
  { name: 'remote job retry', default: '10 min', unit: 's', source: 'UNSOURCED: the patent says nothing of lost messages; the local auto-migration layer sends a remote job again when no status has come back for this long, and the remote copy manager runs each job once' },
  { name: 'remote job give-up', default: '24 h', unit: 's', source: 'UNSOURCED: with no answer at all from the remote copy manager for this long (the WAN down), the copy fails with that reason' },
  { name: 'operator steps', default: 'smart-copy 0; second-instance 1 + cartridges + 1 a week', unit: 'steps', source: 'model choice from the patent\'s background: the second instance must be told of the replicated cartridges (one import each) besides checking replication and running its copy job' },
];

/**
 * What a scenario says under `protocol: { name: remotecopy, ... }`, declared
 * once: the schema, the defaults and where each comes from.
 */
import { textList } from '../../foundation/declare-forms.ts';
import { duration, flag, integer, number, object, oneOf, size, text, type Resolved } from '../../foundation/declare.ts';

const HP_TABLE5 = 'HP StorageWorks VLS/D2D solutions guide AG306-96028, Table 5 "Estimated time to replicate data for a 1 TB backup environment" (domain-figures §7)';
const HP_D2D_CYCLE = 'HP D2D user guide sizing example: a 1 TB file server, 1 % daily change, keeping 5 daily incrementals and 25 weekly fulls, read as a weekly full and 5 weekday incrementals (domain-figures §7)';

/** HP Table 5: 50 GB sent for an incremental against 500 GB for a full (both at 2:1): an incremental is a tenth of a full. */
export const INCREMENTAL_SHARE = 0.1;

export const REMOTECOPY = object({
  design: oneOf(['smart-copy', 'second-instance'], { description: 'smart-copy (US 8,612,705: one backup application, the remote tape shown as a local "ghost" library) or second-instance (the baseline: a second, separately licensed backup application at the remote site).', default: 'smart-copy', source: 'US 8,612,705 (smart-copy); its background section describes the second-instance alternative and its second licence' }),
  replication: oneOf(['dedup', 'full'], { description: 'dedup: only new chunks and references cross the WAN; full: every backup crosses it compressed (the baseline).', default: 'dedup', source: `US 8,612,705 ("only the new data ... along with references"); full: ${HP_TABLE5}, "without deduplication" column = the backup at its compression ratio` }),
  local: text({ description: 'The local virtual library (topology.vtls) the backup application writes to; it replicates to its replicate.to over replicate.route (the WAN).', required: true, unit: 'vtl name', source: 'topology' }),
  cells: integer({ description: 'Storage cells of the local library: each logs its completed writes in a batch and replicates them cartridge by cartridge, in parallel with the other cells. Cartridge slot i belongs to cell i mod cells.', minimum: 1, maximum: 64, default: 1, unit: 'storage cells', source: 'UNSOURCED: the patent logs writes "in a batch for each of the storage cells" without a count; a configuration choice' }),
  controlMessage: size({ description: 'Bytes of a job request or status between the copy managers (a SOAP request or event).', default: '1 kB', positive: true, source: 'UNSOURCED: size of a job request or status between the copy managers; it pays the WAN route\'s latency plus its size over the narrowest link' }),
  remoteRetry: duration({ description: 'How long the local auto-migration layer waits for a remote job\'s status before sending the job again (the WAN may have lost either message).', default: '10 min', positive: true, source: 'UNSOURCED: the patent says nothing of lost messages; the local auto-migration layer sends a remote job again when no status has come back for this long, and the remote copy manager runs each job once' }),
  remoteGiveUp: duration({ description: 'How long the local layer hears nothing from the remote one before it fails the copy.', default: '24 h', positive: true, source: 'UNSOURCED: with no answer at all from the remote copy manager for this long (the WAN down), the copy fails with that reason' }),
  backup: object({
    route: textList({ description: 'Links from the backup server to the local library; none: the library\'s own ingest limits.', default: [], unit: 'links', source: 'topology' }),
    dataset: text({ description: 'What is backed up (the dedup store matches a dataset with its earlier writes).', default: 'fileserver', source: 'naming only' }),
    full: size({ description: 'A full backup.', default: '1 TB', positive: true, source: HP_TABLE5 }),
    incremental: size({ description: 'A daily incremental.', defaultText: `full / ${1 / INCREMENTAL_SHARE}`, positive: true, source: `${HP_TABLE5}: 50 GB incremental against 500 GB full` }),
    days: integer({ description: 'Backups a week: day 1 is the full, the rest incrementals.', minimum: 1, maximum: 7, default: 6, unit: 'backups a week', source: HP_D2D_CYCLE }),
    weeks: integer({ description: 'Weeks to run.', minimum: 1, maximum: 52, default: 1, unit: 'weeks', source: 'scenario input' }),
    change: number({ description: 'Share of the dataset\'s chunks that change a day (seeded per write).', minimum: 0, maximum: 1, defaultText: 'the local library\'s dedup.change', unit: 'share of chunks a day', source: `${HP_D2D_CYCLE}; an incremental carries the day's changed chunks, so its change share is change × full / incremental` }),
    changeSpread: number({ description: 'How much the day\'s change varies: each day\'s change is the mean change times a lognormal draw of mean 1 and this standard deviation (seeded); 0: every day the same.', minimum: 0, maximum: 10, default: 0, unit: 'coefficient of variation', source: 'UNSOURCED: no published day-to-day spread of backup change rates was found (HP quotes 0.5-2 % as a range of sites, not of days); 0 keeps every day at the mean' }),
    start: duration({ description: 'When the first day\'s backup starts; a day is 24 h.', default: '0 s', source: 'time origin' }),
    seeded: flag({ description: 'The remote library already holds the dataset (seeded on site before it was shipped), so the first full sends only changes.', default: true, source: `model choice: ${HP_TABLE5} counts only changes for a full, which holds when the target already has the earlier backups` }),
  }, { description: 'The backup application\'s weekly cycle: a full, then daily incrementals, one virtual cartridge each.' }),
  copy: object({
    to: text({ description: 'The physical cartridge the copy starts on (a cartridge of topology.libraries, e.g. XYZ001L5); when it fills, the library\'s next empty one of its generation.', required: true, unit: 'cartridge label', source: 'topology: a cartridge of a library attached to the local or remote VLS' }),
    api: oneOf(['ndmp', 'smi-s'], { description: 'The Smart Copy API the backup application uses: NDMP tape copy or SMI-S copy services. Both carry the same request.', default: 'ndmp', source: 'US 8,612,705: NDMP tape copy or SMI-S copy services; "both ... basically perform the same operations"' }),
    route: textList({ description: 'Links from the library holding the drive to the drive (e.g. a SAS or FC path); the drive\'s own device link ends it.', default: [], unit: 'links', source: 'topology' }),
    lock: flag({ description: 'Lock the local library from the copy command until its status: writes and their acknowledgements wait (FIG. 3).', default: false, source: 'US 8,612,705: the VLS "may be locked" until the copy completes' }),
    window: duration({ description: 'The copy must end within this long after the week\'s last backup is scheduled to start (both designs know the schedule); copy_overrun counts the seconds past it. None: no window.', source: 'scenario input: the time the site allows for off-site tapes' }),
    of: oneOf(['all', 'fulls'], { description: 'Which of the week\'s virtual cartridges the copy takes: all (the full and the incrementals) or fulls (only the week\'s full, as sites that vault weekly fulls do).', default: 'all', source: 'scenario input: which backups go to tape' }),
    at: duration({ description: 'When the copy is issued, after the week\'s start.', defaultText: 'smart-copy: when the week\'s last backup is acknowledged; second-instance: 24 h after that backup was scheduled (the remote operator cannot see it end)', source: 'model choice: the second instance runs on a schedule because it cannot see the local backups end' }),
    blockSize: size({ description: 'Tape block size in the copy commands ("copy N blocks").', default: '256 KiB', source: 'UNSOURCED: only the count N in "copy N blocks" depends on it, not any time' }),
  }, { description: 'The weekly copy of the week\'s virtual cartridges to physical tape (Smart Copy), stacked onto larger cartridges.' }),
});

export type RemoteCopySection = Resolved<typeof REMOTECOPY>;

/** The protocol's section, declared once: its schema, its defaults with their sources, and its README rows. */
import { textList } from '../../foundation/declare-forms.ts';
import { duration, number, object, oneOf, integer, size, text, type Resolved } from '../../foundation/declare.ts';

export const CONSISTENTSNAP = object({
  design: oneOf(['patented', 'separate'], { description: 'patented: one freeze of virtual and physical volumes (US 9,262,448); separate: VSS for the virtual volumes, then the FCM for the physical ones.', default: 'patented', unit: 'patented or separate', source: 'patented: one freeze of the virtual and physical volumes (US 9,262,448); separate: VSS for the virtual volumes, then the FCM for the physical ones (the patent\'s background)' }),
  client: text({ description: 'The host the backup client runs on.', required: true, unit: 'host name', source: 'scenario: where the backup client runs' }),
  vcenter: text({ description: 'The host of the virtual center server.', required: true, unit: 'host name', source: 'scenario: the virtual center server' }),
  vm: text({ description: 'The VM whose volumes are backed up.', required: true, unit: 'VM name', source: 'scenario' }),
  volumes: textList({ description: 'The target volumes, by the VM\'s disk names.', minItems: 1, defaultText: 'every disk of the VM', unit: 'disk names', source: 'scenario: the target volumes' }),
  route: textList({ description: 'Links the client\'s messages cross to the virtual center and the VM; none: no delay.', default: [], unit: 'link names', source: 'scenario: the links the client\'s messages cross to the virtual center and the VM' }),
  start: duration({ description: 'When the backup starts.', default: '0 s', source: 'time origin' }),
  prepare: duration({ description: 'VSS preparation of a snapshot set before the freeze.', default: '2 s', source: 'UNSOURCED: VSS writer-metadata gathering and PrepareForSnapshot before the freeze; no typical duration is published (writers differ from under a second to minutes)' }),
  install: duration({ description: 'Injecting and installing one package in the guest.', default: '30 s', source: 'UNSOURCED: copying and silently installing one package in the guest (FCM; proxy and VPS); not published' }),
  snapshot: object({
    virtual: duration({ description: 'VMware\'s snapshot of the virtual volumes.', default: '1 s', source: 'VMware snapshot stun "usually less than a second" (InterSystems, VM backups and Caché freeze/thaw scripts)' }),
    physical: duration({ description: 'The FCM\'s FlashCopy of the physical volumes.', default: '1 s', source: 'FlashCopy pauses applications "only an instant" (IBM DS6000 Storage Manager); CommitSnapshots "should take less than one second" (Microsoft IVssProviderCreateSnapshotSet)' }),
    cv: number({ description: 'Spread of those times per attempt (lognormal, seeded).', minimum: 0, default: 0, unit: 'ratio', source: 'UNSOURCED: spread of a provider\'s time per attempt (lognormal); 0 takes the mean every time' }),
  }, { description: 'How long each provider takes to make its snapshot.' }),
  retry: object({
    attempts: integer({ description: 'Attempts in all.', minimum: 1, default: 3, unit: 'count', source: 'UNSOURCED: backup products retry a failed job a few times (Veeam\'s job default is 3 retries, not confirmed in our sources)' }),
    after: duration({ description: 'Wait before the next attempt.', default: '10 min', source: 'UNSOURCED: wait before a retry (Veeam\'s job default is 10 min, not confirmed in our sources)' }),
    timeout: duration({ description: 'Wait for an answer from the virtual center or the VM before taking the message for lost: the attempt aborts (before the first attempt, the job fails).', default: '10 min', source: 'UNSOURCED: the backup client\'s wait for an answer before it takes the message for lost (a link or host down): the attempt aborts, or the job fails before the first attempt' }),
  }, { description: 'What happens to an aborted attempt.' }),
  application: object({
    log: text({ description: 'The VM disk of the transaction log.', required: true, unit: 'disk name', source: 'scenario: the disk of the transaction log (E: in the patent\'s example)' }),
    data: text({ description: 'The VM disk of the database.', required: true, unit: 'disk name', source: 'scenario: the disk of the database (D:)' }),
    tps: number({ description: 'Transactions per second.', exclusiveMinimum: 0, required: true, unit: 'transactions/s', source: 'scenario: the load' }),
    arrivals: oneOf(['poisson', 'steady'], { description: 'Poisson (seeded) or evenly spaced.', default: 'poisson', unit: 'poisson or steady', source: 'model: independent transactions (seeded exponential gaps); steady spaces them evenly' }),
    logRecord: size({ description: 'Bytes per log record.', default: '4 KiB', source: 'SQL Server log writes are 512 B to 60 KB (SQL Server I/O basics); 4 KiB within that range' }),
    page: size({ description: 'Bytes per data page.', default: '8 KiB', source: 'SQL Server page size 8 KB (Microsoft, Pages and extents architecture guide)' }),
  }, { description: 'The database in the VM: a stream of dependent writes, a log record then its data page per transaction.' }),
});

export type ConsistentSnapSection = Resolved<typeof CONSISTENTSNAP>;

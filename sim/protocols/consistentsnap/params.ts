/** The protocol's parameters: defaults with their sources, and the schema of its `protocol:` section. */
import type { ParamDoc } from '../../model/family.ts';
import { duration, size } from '../../model/schema-parts.ts';

/** UNSOURCED: VSS writer-metadata gathering and PrepareForSnapshot; no typical duration is published. */
export const PREPARE = 2e9;
/** UNSOURCED: copying a package into the guest (VMware guest operations) and a silent install. */
export const INSTALL = 30e9;
/** VMware's snapshot of the virtual disks: a "stun" of usually less than a second (InterSystems, VM backups and Caché freeze/thaw). */
export const VIRTUAL_SNAPSHOT = 1e9;
/** FlashCopy: applications "paused for only an instant", long enough to copy the internal maps (IBM DS6000 Storage Manager, FlashCopy); a VSS provider's CommitSnapshots "should take less than one second" (Microsoft). */
export const PHYSICAL_SNAPSHOT = 1e9;
export const RETRY_ATTEMPTS = 3;
export const RETRY_AFTER = 600e9;
/** UNSOURCED: how long the backup client waits for an answer before it takes the message for lost (a link or host down). */
export const ANSWER_TIMEOUT = 600e9;
/** SQL Server writes data pages of 8 KiB (Microsoft, Pages and extents architecture guide). */
export const PAGE = 8192;
/** SQL Server's log writes are 512 bytes to 60 KB (SQL Server I/O basics); 4 KiB is one within that range. */
export const LOG_RECORD = 4096;

export const PARAMS: ParamDoc[] = [
  { name: 'protocol.design', default: 'patented', unit: 'patented or separate', source: 'patented: one freeze of the virtual and physical volumes (US 9,262,448); separate: VSS for the virtual volumes, then the FCM for the physical ones (the patent\'s background)' },
  { name: 'protocol.client', default: '(required)', unit: 'host name', source: 'scenario: where the backup client runs' },
  { name: 'protocol.vcenter', default: '(required)', unit: 'host name', source: 'scenario: the virtual center server' },
  { name: 'protocol.vm', default: '(required)', unit: 'VM name', source: 'scenario' },
  { name: 'protocol.volumes', default: 'every disk of the VM', unit: 'disk names', source: 'scenario: the target volumes' },
  { name: 'protocol.route', default: '[] (no delay)', unit: 'link names', source: 'scenario: the links the client\'s messages cross to the virtual center and the VM' },
  { name: 'protocol.start', default: '0 s', unit: 'duration', source: 'scenario' },
  { name: 'protocol.prepare', default: '2 s', unit: 'duration', source: 'UNSOURCED: VSS writer-metadata gathering and PrepareForSnapshot before the freeze; no typical duration is published (writers differ from under a second to minutes)' },
  { name: 'protocol.install', default: '30 s', unit: 'duration', source: 'UNSOURCED: copying and silently installing one package in the guest (FCM; proxy and VPS); not published' },
  { name: 'protocol.snapshot.virtual', default: '1 s', unit: 'duration', source: 'VMware snapshot stun "usually less than a second" (InterSystems, VM backups and Caché freeze/thaw scripts)' },
  { name: 'protocol.snapshot.physical', default: '1 s', unit: 'duration', source: 'FlashCopy pauses applications "only an instant" (IBM DS6000 Storage Manager); CommitSnapshots "should take less than one second" (Microsoft IVssProviderCreateSnapshotSet)' },
  { name: 'protocol.snapshot.cv', default: '0', unit: 'ratio', source: 'UNSOURCED: spread of a provider\'s time per attempt (lognormal); 0 takes the mean every time' },
  { name: 'protocol.retry.attempts', default: '3', unit: 'count', source: 'UNSOURCED: backup products retry a failed job a few times (Veeam\'s job default is 3 retries, not confirmed in our sources)' },
  { name: 'protocol.retry.timeout', default: '10 min', unit: 'duration', source: 'UNSOURCED: the backup client\'s wait for an answer before it takes the message for lost (a link or host down): the attempt aborts, or the job fails before the first attempt' },
  { name: 'protocol.retry.after', default: '10 min', unit: 'duration', source: 'UNSOURCED: wait before a retry (Veeam\'s job default is 10 min, not confirmed in our sources)' },
  { name: 'protocol.application.log', default: '(required)', unit: 'disk name', source: 'scenario: the disk of the transaction log (E: in the patent\'s example)' },
  { name: 'protocol.application.data', default: '(required)', unit: 'disk name', source: 'scenario: the disk of the database (D:)' },
  { name: 'protocol.application.tps', default: '(required)', unit: 'transactions/s', source: 'scenario: the load' },
  { name: 'protocol.application.arrivals', default: 'poisson', unit: 'poisson or steady', source: 'model: independent transactions (seeded exponential gaps); steady spaces them evenly' },
  { name: 'protocol.application.logRecord', default: '4 KiB', unit: 'bytes', source: 'SQL Server log writes are 512 B to 60 KB (SQL Server I/O basics); 4 KiB within that range' },
  { name: 'protocol.application.page', default: '8 KiB', unit: 'bytes', source: 'SQL Server page size 8 KB (Microsoft, Pages and extents architecture guide)' },
  { name: 'hypervisors.*.vms.*.vss.flushHold, .freeze', default: '10 s, 60 s', unit: 'duration', source: 'flush-and-hold 10 s, writer freeze 60 s (20 s for Exchange): the VM\'s own parameters (domain-figures §8)' },
];

export const SCHEMA = {
  properties: {
    design: { enum: ['patented', 'separate'], description: 'patented: one freeze of virtual and physical volumes (US 9,262,448); separate: VSS for the virtual volumes, then the FCM for the physical ones. Default patented.' },
    client: { type: 'string', description: 'The host the backup client runs on.' },
    vcenter: { type: 'string', description: 'The host of the virtual center server.' },
    vm: { type: 'string', description: 'The VM whose volumes are backed up.' },
    volumes: { type: 'array', items: { type: 'string' }, minItems: 1, description: 'The target volumes, by the VM\'s disk names. Default: all its disks.' },
    route: { type: 'array', items: { type: 'string' }, description: 'Links the client\'s messages cross to the virtual center and the VM.' },
    start: duration('When the backup starts. Default 0 s.'),
    prepare: duration('VSS preparation of a snapshot set before the freeze. Default 2 s.'),
    install: duration('Injecting and installing one package in the guest. Default 30 s.'),
    snapshot: {
      type: 'object',
      additionalProperties: false,
      description: 'How long each provider takes to make its snapshot.',
      properties: {
        virtual: duration('VMware\'s snapshot of the virtual volumes. Default 1 s.'),
        physical: duration('The FCM\'s FlashCopy of the physical volumes. Default 1 s.'),
        cv: { type: 'number', minimum: 0, description: 'Spread of those times per attempt (lognormal, seeded). Default 0.' },
      },
    },
    retry: {
      type: 'object',
      additionalProperties: false,
      description: 'What happens to an aborted attempt.',
      properties: {
        attempts: { type: 'integer', minimum: 1, description: 'Attempts in all. Default 3.' },
        after: duration('Wait before the next attempt. Default 10 min.'),
        timeout: duration('Wait for an answer from the virtual center or the VM before taking the message for lost: the attempt aborts (before the first attempt, the job fails). Default 10 min.'),
      },
    },
    application: {
      type: 'object',
      additionalProperties: false,
      required: ['log', 'data', 'tps'],
      description: 'The database in the VM: a stream of dependent writes, a log record then its data page per transaction.',
      properties: {
        log: { type: 'string', description: 'The VM disk of the transaction log.' },
        data: { type: 'string', description: 'The VM disk of the database.' },
        tps: { type: 'number', exclusiveMinimum: 0, description: 'Transactions per second.' },
        arrivals: { enum: ['poisson', 'steady'], description: 'Poisson (seeded) or evenly spaced. Default poisson.' },
        logRecord: size('Bytes per log record. Default 4 KiB.'),
        page: size('Bytes per data page. Default 8 KiB.'),
      },
    },
  },
  required: ['client', 'vcenter', 'vm', 'application'],
};

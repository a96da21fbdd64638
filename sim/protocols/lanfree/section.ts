/**
 * The lanfree protocol's section, declared once: its schema, its README rows
 * and its resolved values (units parsed, defaults filled in) come from here.
 * What a schema cannot say (which names exist, which routes join them) is
 * design.ts's.
 */
import { either, map, maybe, textList } from '../../foundation/declare-forms.ts';
import { duration, integer, object, oneOf, size, text, type Resolved } from '../../foundation/declare.ts';
import { DISK_POOL } from './disk-pool-section.ts';

const sessions = (what: 'backup' | 'restore') => maybe(object({
  clients: either([
    { when: Array.isArray, field: textList({ description: 'Client partitions by name.', minItems: 1 }) },
    { when: (w: unknown) => typeof w === 'number', field: integer({ description: 'A count N: the first N partitions taking the servers in turn, LAN-free servers left out (for sweeps over the number of partitions).', minimum: 1 }) },
  ], { description: `The partitions that ${what}: their names, or a count.`, required: true, unit: 'partition names or a count' }),
  data: either([
    { when: (w: unknown) => typeof w === 'string', field: size({ description: `Bytes each client ${what}s.` }) },
    { when: (w: unknown) => typeof w === 'object', field: map(size({ description: 'Bytes of this client.' }), { description: 'Bytes per client, by partition name.', names: true }) },
  ], { description: `Bytes each client ${what}s: one size for all, or one per partition.`, required: true, unit: 'bytes' }),
  start: what === 'backup'
    ? duration({ description: 'When the backups start.', default: '0 s', source: 'time origin' })
    : duration({ description: 'When the restores start.', defaultText: 'when the backup server has recorded the last backup', source: 'model choice: a restore needs its backup in the catalog' }),
}, { description: `The ${what}s to run.` }));

export const LANFREE = object({
  design: oneOf(['lan', 'npiv', 'dedicated', 'shared'], { description: 'lan: data over the VIOS and the physical LAN to the backup server, which writes to tape; npiv: a storage agent in every client partition writing through a virtual FC adapter (NPIV port) mapped through its server\'s VIOS to the SAN; dedicated: a storage agent and a physical FC HBA in every client partition (PowerVM refuses to migrate such a partition); shared: clients send over the virtual LAN to LAN-free server partitions that own the FC HBAs (the patent).', required: true }),
  backupServer: text({ description: 'The backup server: a host on the physical LAN with cores (CPU) and an FC HBA port (its own tape path).', required: true, unit: 'host name' }),
  library: text({ description: 'The tape library (topology.libraries).', required: true, unit: 'library name' }),
  drivePorts: map(text({ description: 'The FC target port the drive is cabled to.', required: true, unit: 'port name' }), { description: 'Each drive (LIBRARY/DRIVE) and the FC target port it is cabled to.', required: true }),
  lanfreeServers: textList({ description: 'Shared design: the LAN-free server partitions behind the backup vLAN address (FIG. 5); each needs cores and an FC HBA port.', default: [], unit: 'partition names' }),
  maxNumMp: integer({ description: 'Mount points (tape drives) one client node may hold at once (REGISTER NODE MAXNUMMP); a session of a node at its limit waits for one of its own mount points.', minimum: 1, default: 1, unit: 'mount points per node', source: 'IBM Spectrum Protect REGISTER NODE MAXNUMMP, default 1: https://ibm.com/docs/en/SSEQVQ_8.1.25/srv.reference/r_cmd_node_register.html' }),
  mountLimit: integer({ description: 'Mount points of the library\'s device class at once (DEFINE DEVCLASS MOUNTLIMIT); each session or migration process holds one drive of its own.', minimum: 1, defaultText: 'DRIVES: the number of drives in the library', unit: 'mount points', source: 'IBM Spectrum Protect DEFINE DEVCLASS MOUNTLIMIT, default DRIVES: https://www.ibm.com/docs/SSSQZW_7.1.0/com.ibm.itsm.srv.ref.doc/r_cmd_devclass_generictape_define.html' }),
  sessionsPerNode: integer({ description: 'Data (consumer) sessions each backup client opens, its data split evenly among them; each needs its own mount point when it writes to tape.', minimum: 1, default: 1, unit: 'sessions per node', source: 'IBM Spectrum Protect client option RESOURCEUTILIZATION, default 2: one session to query the server and one to send file data: https://www.ibm.com/docs/en/storage-protect/8.2.2?topic=resourceutilization-regulating-backup-archive-sessions' }),
  startOrder: oneOf(['spread', 'name'], { description: 'The order in which the clients reach the backup server, whatever the order they are written in: spread, first the first client (by name) of every physical server, then the second of each, and so on (servers by name); name, by node name.', default: 'spread', source: 'model choice: SET RANDOMIZE scatters the clients\' start times over the schedule\'s window "to balance network and server load" (https://www.ibm.com/docs/en/SSEQVQ_8.1.9/srv.reference/r_cmd_randomize_set.html); spread is a deterministic order with that purpose' }),
  diskPool: DISK_POOL,
  transaction: size({ description: 'Bytes the client sends per transaction (FIG. 3 steps 2-9 loop once per transaction); a transaction lost with its SAN path is sent again over the LAN.', default: '2 GiB', positive: true, whole: true, source: 'IBM Spectrum Protect client option TXNBYTELIMIT, default 2097152 KB' }),
  controlMessage: size({ description: 'Bytes of one exchange of protocol information (FIG. 4).', default: '4 KiB', source: 'UNSOURCED: size of one protocol exchange (session start, drive assignment, result); it pays latency and serialisation only, so any value of kilobytes gives the same makespan' }),
  commTimeout: duration({ description: 'How long a client waits for an answer before asking again (a message may be lost to a link down or a partition paused by LPM); also how often a client waiting for a drive asks again.', default: '60 s', positive: true, source: 'IBM Spectrum Protect server option COMMTIMEOUT, default 60 seconds' }),
  retries: integer({ description: 'Unanswered requests in a row before a client gives up its session.', minimum: 1, default: 5, unit: 'requests', source: 'UNSOURCED: how many unanswered requests in a row a client tolerates before failing its session' }),
  backup: sessions('backup'),
  restore: sessions('restore'),
});

export type LanFreeSection = Resolved<typeof LANFREE>;
export type Sessions = NonNullable<LanFreeSection['backup']>;

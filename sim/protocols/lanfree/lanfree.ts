/**
 * US 9,288,267: LAN-free backup through a shared LAN-free server partition,
 * side by side with the designs it improves on (the LAN through the backup
 * server, and one FC HBA per client partition). See README.md for the map
 * from the patent's figures to this code.
 */
import type { Protocol } from '../protocol.ts';
import { duration, size } from '../../model/schema-parts.ts';
import { backupServer } from './backup-server.ts';
import { client } from './client.ts';
import { storageAgent } from './agent.ts';
import { DEFAULT_COMM_TIMEOUT, DEFAULT_CONTROL_MESSAGE, DEFAULT_RECONFIGURATION, DEFAULT_RETRIES, DEFAULT_TRANSACTION, resolveLanFree, type LanFreeDef } from './design.ts';
import { bottleneck, lanfreeMetrics, snapshot, type PhaseMark } from './measures.ts';
import { agentActor, backupServerActor, clientActor } from './names.ts';
import { LANFREE_INVARIANTS } from './invariants.ts';

const sessions = (what: string) => ({
  type: 'object',
  additionalProperties: false,
  required: ['clients', 'data'],
  description: `The ${what}s to run.`,
  properties: {
    clients: {
      oneOf: [
        { type: 'array', items: { type: 'string' }, minItems: 1, description: 'Client partitions by name.' },
        { type: 'integer', minimum: 1, description: 'A count N: the first N partitions taking the servers in turn, LAN-free servers left out (for sweeps over the number of partitions).' },
      ],
    },
    data: {
      oneOf: [
        size(`Bytes each client ${what}s.`),
        { type: 'object', propertyNames: { $ref: '#/definitions/name' }, additionalProperties: size(), description: 'Bytes per client, by partition name.' },
      ],
    },
    start: duration(what === 'backup' ? 'When the backups start. Default 0 s.' : 'When the restores start. Default: when the backup server has recorded the last backup.'),
  },
});

const UNSOURCED_RECONF = 'UNSOURCED: no published timing of moving a dedicated FC HBA\'s tape paths with a partition; minutes of manual work per step (IBM LPM requires virtual adapters, so a partition with a physical HBA must give it up and be re-zoned)';

export const lanfreeProtocol: Protocol<LanFreeDef> = {
  name: 'lanfree',
  title: 'LAN-free backup through a shared LAN-free server partition vs LAN backup and one FC HBA per partition (US 9,288,267)',
  schema: {
    required: ['design', 'backupServer', 'library', 'drivePorts'],
    properties: {
      design: { type: 'string', enum: ['lan', 'dedicated', 'shared'], description: 'lan: data over the VIOS and the physical LAN to the backup server, which writes to tape; dedicated: a storage agent and an FC HBA in every client partition; shared: clients send over the virtual LAN to LAN-free server partitions that own the FC HBAs (the patent).' },
      backupServer: { type: 'string', description: 'The backup server: a host on the physical LAN with cores (CPU) and an FC HBA port (its own tape path).' },
      library: { type: 'string', description: 'The tape library (topology.libraries).' },
      drivePorts: { type: 'object', propertyNames: { type: 'string' }, additionalProperties: { type: 'string' }, description: 'Each drive (LIBRARY/DRIVE) and the FC target port it is cabled to.' },
      lanfreeServers: { type: 'array', items: { type: 'string' }, description: 'Shared design: the LAN-free server partitions behind the backup vLAN address (FIG. 5); each needs cores and an FC HBA port.' },
      multiplex: { type: 'integer', minimum: 1, description: 'Sessions one drive may serve at once, their transactions interleaved on tape. Default 1: a session waits for a free drive.' },
      transaction: size('Bytes the client sends per transaction (FIG. 3 steps 2-9 loop once per transaction); a transaction lost with its SAN path is sent again over the LAN. Default 2 GiB (TXNBYTELIMIT).'),
      controlMessage: size('Bytes of one exchange of protocol information (FIG. 4). Default 4 KiB.'),
      commTimeout: duration('How long a client waits for an answer before asking again (a message may be lost to a link down or a partition paused by LPM); also how often a client waiting for a drive asks again. Default 60 s (COMMTIMEOUT).'),
      retries: { type: 'integer', minimum: 1, description: 'Unanswered requests in a row before a client gives up its session. Default 5.' },
      backup: sessions('backup'),
      restore: sessions('restore'),
      reconfiguration: {
        type: 'object',
        additionalProperties: false,
        description: 'Dedicated design: the steps that move a partition\'s HBA and tape paths after Live Partition Mobility.',
        properties: {
          remove: duration('Remove the tape devices and the physical HBA. Default 2 min.'),
          assign: duration('Assign an HBA of the target server. Default 2 min.'),
          zone: duration('Zone the new WWPN with the drives. Default 5 min.'),
          discover: duration('Discover the tape devices and redefine the drive paths. Default 3 min.'),
        },
      },
    },
  },
  params: [
    { name: 'protocol.transaction', default: `${DEFAULT_TRANSACTION / 1024 ** 3} GiB`, unit: 'bytes', source: 'IBM Spectrum Protect client option TXNBYTELIMIT, default 2097152 KB' },
    { name: 'protocol.controlMessage', default: `${DEFAULT_CONTROL_MESSAGE / 1024} KiB`, unit: 'bytes', source: 'UNSOURCED: size of one protocol exchange (session start, drive assignment, result); it pays latency and serialisation only, so any value of kilobytes gives the same makespan' },
    { name: 'protocol.commTimeout', default: `${DEFAULT_COMM_TIMEOUT / 1e9} s`, unit: 's', source: 'IBM Spectrum Protect server option COMMTIMEOUT, default 60 seconds' },
    { name: 'protocol.retries', default: `${DEFAULT_RETRIES}`, unit: 'requests', source: 'UNSOURCED: how many unanswered requests in a row a client tolerates before failing its session' },
    { name: 'protocol.multiplex', default: '1', unit: 'sessions per drive', source: 'configuration (Spectrum Protect gives each session its own mount point; multiplexing is a choice)' },
    ...DEFAULT_RECONFIGURATION.map((r, i) => ({ name: `protocol.reconfiguration.${['remove', 'assign', 'zone', 'discover'][i]}`, default: `${r.seconds} s`, unit: 's', source: `${UNSOURCED_RECONF}: ${r.step}` })),
    { name: 'storage agent CPU', default: 'one memory copy per byte on the LAN-free server\'s cores', unit: 'CPU s', source: 'model: the data crosses the partition\'s `.cpu` link once (TCP receive buffer to FC buffer; the HBA moves it by DMA); domain-figures §5 "model as min(client vLAN, SA CPU, FC, drive)"' },
  ],
  metrics: {
    backup_makespan: 's',
    backup_throughput: 'B/s',
    restore_makespan: 's',
    restore_throughput: 'B/s',
    lan_bytes: 'B',
    protocol_bytes: 'B',
    hbas_used: '',
    cpu_vios: 's',
    cpu_lanfree_servers: 's',
    cpu_backup_server: 's',
    cpu_clients: 's',
    drive_wait: 's',
    tape_reconfigurations: '',
    reconfiguration_time: 's',
    lan_fallbacks: '',
  },
  resolve: resolveLanFree,
  invariants: LANFREE_INVARIANTS,
  actors: { backupServer, storageAgent, client },
  build(def, ctx) {
    const k = ctx.kernel;
    const phases: PhaseMark[] = [];
    k.defineCommand('lanfree.phase', (cmd, wait) => {
      phases.push(snapshot(k, cmd.phase as string));
      k.resolve(wait, undefined);
    });
    k.spawn(backupServerActor(def.backupServer), backupServer, def);
    if (def.design === 'shared') for (const l of def.lanfreeServers) k.spawn(agentActor(l), storageAgent, def, l);
    for (const s of def.backups) k.spawn(clientActor(s.client, 'backup'), client, def, s, 'backup' as const);
    for (const s of def.restores) k.spawn(clientActor(s.client, 'restore'), client, def, s, 'restore' as const);
    return {
      metrics: (jobs) => lanfreeMetrics(def, ctx.scenario, k, jobs),
      findings() {
        const backup = phases.find((p) => p.phase === 'backup');
        const restore = phases.find((p) => p.phase === 'restore');
        return [
          { kind: 'design', text: describeDesign(def) },
          ...(backup ? [bottleneck(k, ctx.devices, null, backup)] : []),
          ...(restore ? [bottleneck(k, ctx.devices, backup ?? null, restore)] : []),
        ];
      },
    };
  },
};

function describeDesign(def: LanFreeDef): string {
  const hbas = (hosts: string[]) => hosts.reduce((a, h) => a + def.hbas[h].length, 0);
  switch (def.design) {
    case 'lan': return `VIOS + LAN to ${def.backupServer} (${hbas([def.backupServer])} HBA)`;
    case 'dedicated': return `an HBA per client (${hbas(Object.keys(def.hbas).filter((h) => h !== def.backupServer))} HBAs)`;
    case 'shared': return `vLAN to ${def.lanfreeServers.join(', ')} (${hbas(def.lanfreeServers)} HBAs)`;
  }
}

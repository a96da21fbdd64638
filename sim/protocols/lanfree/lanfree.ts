/**
 * US 9,288,267: LAN-free backup through a shared LAN-free server partition,
 * side by side with the designs it improves on (the LAN through the backup
 * server, one FC HBA per client partition, and one virtual FC adapter per
 * client partition through the VIOS, NPIV). See README.md for the map
 * from the patent's figures to this code.
 */
import type { Protocol } from '../protocol.ts';
import { backupServer } from './backup-server.ts';
import { client } from './client.ts';
import { storageAgent } from './agent.ts';
import { chargeCpus } from './charge.ts';
import { resolveLanFree, type LanFreeDef } from './design.ts';
import { LANFREE } from './section.ts';
import { lanfreeMetrics } from './measures.ts';
import { agentActor, backupServerActor, clientActor } from './names.ts';
import { lanfreePhase } from './messages.ts';
import { LANFREE_INVARIANTS } from './invariants.ts';
import { migrationActor, migrationProcess } from './migration.ts';
import { sessionName } from './schedule.ts';

export const lanfreeProtocol: Protocol<LanFreeDef> = {
  name: 'lanfree',
  title: 'LAN-free backup through a shared LAN-free server partition vs LAN backup and one FC HBA per partition (US 9,288,267)',
  declares: LANFREE,
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
    pool_bytes: 'B',
    migrated_bytes: 'B',
    lan_fallbacks: '',
  },
  resolve: resolveLanFree,
  invariants: LANFREE_INVARIANTS,
  actors: { chargeCpus, backupServer, storageAgent, client, migrationProcess },
  build(def, ctx) {
    const k = ctx.kernel;
    // The phase's end stays a command of its own, so the trace and the visualizer's log show it; the
    // phase's measures are the run's (its jobs' span: sim/scenario/limit-timeline.ts), not taken here.
    k.defineCommand(lanfreePhase.op, (_cmd, wait) => k.resolve(wait, undefined));
    k.spawn('cost law', chargeCpus, def);
    k.spawn(backupServerActor(def.backupServer), backupServer, def);
    if (def.design === 'shared') for (const l of def.lanfreeServers) k.spawn(agentActor(l), storageAgent, def, l);
    for (let i = 1; i <= (def.diskPool?.migProcess ?? 0); i++) k.spawn(migrationActor(i), migrationProcess, def, migrationActor(i));
    // In the start order of the scenario's policy (schedule.ts), not the order the clients are written in.
    for (const s of def.backups) k.spawn(clientActor(sessionName(s), 'backup'), client, def, s, 'backup' as const);
    for (const s of def.restores) k.spawn(clientActor(sessionName(s), 'restore'), client, def, s, 'restore' as const);
    return {
      metrics: (jobs) => lanfreeMetrics(def, ctx.scenario, k, jobs),
      findings() {
        return [{ kind: 'design', text: describeDesign(def) }];
      },
    };
  },
};

function describeDesign(def: LanFreeDef): string {
  const hbas = (hosts: string[]) => hosts.reduce((a, h) => a + def.hbas[h].length, 0);
  switch (def.design) {
    case 'lan': return `VIOS + LAN to ${def.backupServer} (${hbas([def.backupServer])} HBA)`;
    case 'dedicated': return `an HBA per client (${hbas(Object.keys(def.hbas).filter((h) => h !== def.backupServer))} HBAs)`;
    case 'npiv': return `a virtual FC adapter per client through the VIOS (${hbas(Object.keys(def.hbas).filter((h) => h !== def.backupServer))} virtual WWPNs)`;
    case 'shared': return `vLAN to ${def.lanfreeServers.join(', ')} (${hbas(def.lanfreeServers)} HBAs)`;
  }
}

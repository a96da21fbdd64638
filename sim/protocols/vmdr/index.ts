/**
 * vmdr: disaster recovery of virtual machines across primary and secondary
 * sites (NetApp, US 9,020,895), with its two baselines (manual recovery,
 * backups kept only on the primary). See README.md for the figures' steps.
 */
import type { Protocol } from '../protocol.ts';
import { alternateAgent, primaryAgent } from './data-protection.ts';
import { drServices } from './dr-services.ts';
import { Outcomes, vmOutcomes, vmdrFindings, vmdrMetrics } from './measures.ts';
import { responder } from './heartbeat.ts';
import { VMDR_INVARIANTS } from './invariants.ts';
import { MONITOR, OPERATOR, SERVICES, agentOf, heartbeatOf, replicatorOf } from './messages.ts';
import { monitor } from './monitor.ts';
import { operator } from './operator.ts';
import { resolvePlan, VMDR, type VmdrDef } from './plan.ts';
import { replicator } from './replication.ts';

export const vmdr: Protocol<VmdrDef> = {
  name: 'vmdr',
  title: 'disaster recovery of VMs across primary and secondary sites: application-consistent snapshots, SnapMirror replication, failover and restore to an alternate host (US 9,020,895); baselines: manual recovery, primary-only backups',
  declares: VMDR,
  metrics: {
    rpo_max: 's', rpo_bytes: 'B', rto_max: 's', rto_mean: 's', vms_recovered: '', vms_lost: '',
    backups: '', replications: '', replication_failures: '', replicated_bytes: 'B',
  },
  resolve: resolvePlan,
  invariants: VMDR_INVARIANTS,
  actors: { drServices, monitor, operator, primaryAgent, alternateAgent, responder, replicator },
  build(def, ctx) {
    const k = ctx.kernel;
    const outcomes = new Outcomes(k);
    k.spawn(SERVICES, drServices, def);
    k.spawn(MONITOR, monitor, [...def.primaries.map((h) => ({ ...h, role: 'primary' as const })), ...def.alternates.map((h) => ({ ...h, role: 'alternate' as const }))], def.heartbeat, def.missed);
    if (def.design === 'manual') k.spawn(OPERATOR, operator, def);
    for (const p of def.primaries) k.spawn(agentOf(p.hypervisor), primaryAgent, p);
    for (const a of def.alternates) k.spawn(agentOf(a.hypervisor), alternateAgent, a);
    for (const p of def.primaries) k.spawn(heartbeatOf(p.host), responder, p, p.volumes);
    for (const a of def.alternates) k.spawn(heartbeatOf(a.host), responder, a, []);
    for (const m of def.mirrors) k.spawn(replicatorOf(m), replicator, m, def.replication);
    return {
      metrics: () => vmdrMetrics(vmOutcomes(def, k, outcomes)),
      findings: () => vmdrFindings(def, vmOutcomes(def, k, outcomes), outcomes),
    };
  },
};

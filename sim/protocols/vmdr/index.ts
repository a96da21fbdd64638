/**
 * vmdr: disaster recovery of virtual machines across primary and secondary
 * sites (NetApp, US 9,020,895), with its two baselines (manual recovery,
 * backups kept only on the primary). See README.md for the figures' steps.
 */
import type { Protocol } from '../protocol.ts';
import { primaryAgent } from './data-protection.ts';
import { alternateAgent, restoreSlot } from './alternate-agent.ts';
import { drServices } from './dr-services.ts';
import { Outcomes, vmOutcomes, vmdrFindings, vmdrMetrics, vmdrOverInstants } from './measures.ts';
import { responder } from './heartbeat.ts';
import { VMDR_INVARIANTS } from './invariants.ts';
import { MONITOR, OPERATOR, SERVICES, agentOf, heartbeatOf, replicatorOf, slotOf } from './messages.ts';
import { monitor } from './monitor.ts';
import { operator } from './operator.ts';
import { resolvePlan, VMDR, type VmdrDef } from './plan.ts';
import { replicator } from './replication.ts';

export const vmdr: Protocol<VmdrDef> = {
  name: 'vmdr',
  title: 'disaster recovery of VMs across primary and secondary sites: application-consistent snapshots, SnapMirror replication, failover and restore to an alternate host (US 9,020,895); baselines: manual recovery, primary-only backups',
  declares: VMDR,
  metrics: {
    // bytes_lost: the data the site lost (measures.ts), not the run's bytes of transfers cut short.
    rpo_instant: 's', rpo_p50: 's', rpo_p90: 's', rpo_p99: 's', rpo_max: 's', rpo_bytes: 'B', bytes_lost: 'B',
    rto_instant: 's', rto_p50: 's', rto_p90: 's', rto_p99: 's', rto_max: 's', rto_mean: 's', vms_recovered: '', vms_lost: '',
    backups: '', replications: '', replication_failures: '', replicated_bytes: 'B',
  },
  resolve: resolvePlan,
  invariants: VMDR_INVARIANTS,
  actors: { drServices, monitor, operator, primaryAgent, alternateAgent, restoreSlot, responder, replicator },
  build(def, ctx) {
    const k = ctx.kernel;
    const outcomes = new Outcomes(k);
    k.spawn(SERVICES, drServices, def);
    k.spawn(MONITOR, monitor, [...def.primaries.map((h) => ({ ...h, role: 'primary' as const })), ...def.alternates.map((h) => ({ ...h, role: 'alternate' as const }))], def.heartbeat, def.missed);
    if (def.design === 'manual') k.spawn(OPERATOR, operator, def);
    for (const p of def.primaries) k.spawn(agentOf(p.hypervisor), primaryAgent, p);
    // A host never runs more restores at once than there are VMs to restore.
    const slots = Math.min(def.perHost ?? Infinity, def.primaries.reduce((n, p) => n + p.vms.length, 0));
    for (const a of def.alternates) {
      k.spawn(agentOf(a.hypervisor), alternateAgent, a, slots);
      for (let i = 0; i < slots; i++) k.spawn(slotOf(a.hypervisor, i), restoreSlot, a, agentOf(a.hypervisor));
    }
    for (const p of def.primaries) k.spawn(heartbeatOf(p.host), responder, p, p.volumes);
    for (const a of def.alternates) k.spawn(heartbeatOf(a.host), responder, a, []);
    for (const m of def.mirrors) k.spawn(replicatorOf(m), replicator, m, def.replication);
    return {
      metrics: () => {
        const rows = vmOutcomes(def, k, outcomes);
        return vmdrMetrics(rows, vmdrOverInstants(def, rows, outcomes));
      },
      findings: () => {
        const rows = vmOutcomes(def, k, outcomes);
        return vmdrFindings(def, rows, outcomes, vmdrOverInstants(def, rows, outcomes));
      },
    };
  },
};

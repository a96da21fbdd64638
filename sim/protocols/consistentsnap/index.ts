/**
 * consistentsnap: consistent backup across virtual and physical volumes
 * (US 9,262,448), and the baseline it improves on. See README.md for the
 * figures and the actors that perform their steps.
 */
import type { Path } from '../../foundation/path.ts';
import type { RunFinding } from '../../foundation/findings.ts';

import { resolveField } from '../../foundation/declare.ts';
import type { Protocol, ProtocolResolveContext } from '../protocol.ts';
import { separateBackupClient } from './baseline.ts';
import { backupClient } from './client.ts';
import { sqlDatabase } from './database.ts';
import { hypervisorSnapshot } from './esx.ts';
import { flashCopyManager } from './fcm.ts';
import { CONSISTENTSNAP_INVARIANTS } from './invariants.ts';
import { CONSISTENTSNAP } from './params.ts';
import { findingCommand, type DiskInfo, type Plan } from './plan.ts';
import { backupProxy } from './proxy.ts';
import { virtualCenter } from './vcenter.ts';
import { vssProviderSplitter } from './vps.ts';
import { vssFramework } from './vss.ts';
import { modelOf } from '../../model/models.ts';

function resolve(written: Record<string, unknown>, ctx: ProtocolResolveContext, path: Path): Plan {
  const at = (...p: (string | number)[]): Path => [...path, ...p];
  const section = resolveField(CONSISTENTSNAP, written, path, ctx);
  const host = (field: 'client' | 'vcenter') => {
    const name = section[field];
    if (!ctx.names.has('host', name)) ctx.fail(at(field), `no host named '${name}'; hosts are: ${ctx.names.list('host').join(', ') || '(none: define them under topology.hosts)'}`);
    return name;
  };
  const client = host('client');
  const vcenter = host('vcenter');
  const vmName = section.vm;
  const hypervisors = modelOf(ctx.scenario, 'hypervisors');
  const hv = hypervisors.find((h) => h.vms.some((v) => v.name === vmName));
  if (hv === undefined) ctx.fail(at('vm'), `no VM named '${vmName}'; VMs are: ${hypervisors.flatMap((h) => h.vms.map((v) => v.name)).join(', ') || '(none: define them under topology.hypervisors)'}`);
  const vm = hv.vms.find((v) => v.name === vmName)!;
  const disks: DiskInfo[] = vm.disks.map((d, number) => ({ number, name: d.name, type: d.kind === 'rdm' ? 'physical' : 'virtual', storage: d.storage, volume: d.volume }));
  const diskNames = disks.map((d) => d.name);
  const isDisk = (p: Path, name: string) => {
    if (!diskNames.includes(name)) ctx.fail(p, `VM '${vmName}' has no disk named '${name}'; its disks are: ${diskNames.join(', ') || '(none)'}`);
  };
  const targets = section.volumes ?? diskNames;
  targets.forEach((t, i) => isDisk(at('volumes', i), t));
  if (new Set(targets).size !== targets.length) ctx.fail(at('volumes'), 'each target volume once');
  if (targets.length === 0) ctx.fail(at('vm'), `VM '${vmName}' has no disks to back up`);
  const route = section.route;
  route.forEach((l, i) => {
    if (!ctx.names.has('link', l)) ctx.fail(at('route', i), `no link named '${l}'; links are: ${ctx.names.list('link').join(', ') || '(none)'}`);
  });
  const a = section.application;
  isDisk(at('application', 'log'), a.log);
  isDisk(at('application', 'data'), a.data);
  const bytes = (field: 'logRecord' | 'page') => {
    if (!(a[field] >= 1)) ctx.fail(at('application', field), 'a write is at least one byte');
    return a[field];
  };
  return {
    design: section.design,
    job: `backup ${vmName}`,
    roles: {
      client: `${client}/backup-client`,
      vcenter: `${vcenter}/vcenter`,
      proxy: `${vmName}/proxy`,
      vps: `${vmName}/vps`,
      vss: `${vmName}/vss`,
      fcm: `${vmName}/fcm`,
      esx: `${hv.name}/vm-snapshot`,
      app: `${vmName}/sql-server`,
    },
    vm: vmName,
    // The documented default, no links: messages arrive at once (a send over an empty route is an error).
    route: route.length > 0 ? route : undefined,
    start: section.start,
    prepare: section.prepare,
    install: section.install,
    snapshot: section.snapshot,
    retry: section.retry,
    limits: { ...vm.vss },
    disks,
    targets,
    app: { log: a.log, data: a.data, tps: a.tps, arrivals: a.arrivals, logRecord: bytes('logRecord'), page: bytes('page') },
  };
}

export const consistentsnap: Protocol<Plan> = {
  name: 'consistentsnap',
  title: 'consistent backup across virtual (VSS) and physical (RDM, FlashCopy) volumes, US 9,262,448, and the separate-mechanisms baseline',
  declares: CONSISTENTSNAP,
  metrics: {
    torn_writes: '',
    write_stall: 's',
    queued_writes: '',
    hold_window: 's',
    held_bytes: 'B',
    snapshot_attempts: '',
    aborted_attempts: '',
    image_skew: 's',
  },
  resolve,
  invariants: CONSISTENTSNAP_INVARIANTS,
  actors: { virtualCenter, vssFramework, flashCopyManager, hypervisorSnapshot, sqlDatabase, backupProxy, vssProviderSplitter, backupClient, separateBackupClient },
  build(plan, { kernel }) {
    const findings = new Map<string, RunFinding>([['design', { kind: 'design', text: plan.design === 'patented' ? 'one freeze of the virtual and physical volumes (US 9,262,448)' : 'VSS for the virtual volumes, then the FCM for the physical ones' }]]);
    kernel.defineCommand(findingCommand.op, (cmd, wait, k) => {
      const { finding } = findingCommand.args(cmd);
      findings.set(finding.kind, finding);
      k.resolve(wait, undefined);
    });
    const r = plan.roles;
    kernel.spawn(r.vcenter, virtualCenter, plan);
    kernel.spawn(r.vss, vssFramework, plan);
    kernel.spawn(r.fcm, flashCopyManager, plan);
    kernel.spawn(r.esx, hypervisorSnapshot, plan);
    kernel.spawn(r.app, sqlDatabase, plan);
    if (plan.design === 'patented') {
      kernel.spawn(r.proxy, backupProxy, plan);
      kernel.spawn(r.vps, vssProviderSplitter, plan);
      kernel.spawn(r.client, backupClient, plan);
    } else {
      kernel.spawn(r.client, separateBackupClient, plan);
    }
    return { findings: () => [...findings.values()] };
  },
};

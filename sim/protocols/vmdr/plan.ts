/**
 * The DR plan as a scenario writes it (`protocol: { name: vmdr, ... }`) and
 * as the actors get it: which hosts are primary and which are the alternate
 * hosts, the backup and replication intervals, the time limits of the
 * failover, and which design runs (the patent's automated DR services, a
 * manual recovery by an operator, or backups kept only on the primary).
 *
 * The protected VMs are every VM of a hypervisor whose host is not an
 * alternate. Each of their volumes must be the source of a mirror (except in
 * the primary-only baseline): the mirror's destination is where the backup
 * survives a disaster.
 */
import { either, textList } from '../../foundation/declare-forms.ts';
import type { Path } from '../../foundation/path.ts';
import { MIRROR_INTERVAL_DEFAULT } from '../../model/storage/section.ts';
import { duration, integer, object, oneOf, resolveField, size, text, type Resolved } from '../../foundation/declare.ts';

import type { ProtocolResolveContext } from '../protocol.ts';
import { routeLatency } from './routes.ts';
import { lanRoute } from '../common/lan-route.ts';
import { modelOf } from '../../model/models.ts';

export type Design = Resolved<typeof VMDR>['design'];

/** A hypervisor the plan names, with the route the DR services reach it by. */
export interface PlanHost {
  hypervisor: string;
  host: string;
  /** links from the DR services host to this host */
  route: string[];
}

/** A volume of a protected VM and where its backup survives. */
export interface ProtectedVolume {
  /** system/volume on the primary */
  id: string;
  system: string;
  volume: string;
  /** the mirror that copies it, or null in the primary-only baseline */
  mirror: string | null;
  /** system and volume holding the copy the failover scans: the mirror's destination (primary-only: the volume itself) */
  copy: { system: string; volume: string };
}

export interface ProtectedVm {
  name: string;
  hypervisor: string;
  host: string;
  /** system/volume of each disk, in the VM's disk order */
  disks: string[];
}

export interface PrimaryHost extends PlanHost {
  /** ticks a heartbeat takes from the DR services to this host */
  latency: number;
  vms: ProtectedVm[];
  /** the volumes its VMs' disks lie on, each once, in order of first use */
  volumes: ProtectedVolume[];
}

export interface VmdrDef {
  design: Design;
  /** the host DR services run on */
  services: string;
  primaries: PrimaryHost[];
  /** the plan's alternate hosts, in its order */
  alternates: PlanHost[];
  /** mirrors the replication software updates, in order */
  mirrors: string[];
  /** ticks between application-consistent backups */
  backup: number;
  /** backups kept on the primary (the oldest are deleted; mirrors follow), or null: all */
  retain: number | null;
  /** ticks between scheduled mirror updates, or after each backup */
  replication: number | 'after-backup';
  prepare: number;
  commit: number;
  heartbeat: number;
  missed: number;
  remount: number;
  restore: number;
  /** bytes a restored VM reads from its disks to boot */
  read: number;
  /** restores an alternate host runs at once, or null: all it is given */
  perHost: number | null;
  operator: { reaction: number; perVm: number };
  /** disaster instants the RPO and RTO are evaluated at, over one cycle */
  instants: number;
}

const SRM_ORDER = 'VMware Site Recovery Manager 8.7 Administration, "Recovery Order" (docs.vmware.com GUID-A1ADBBCC); SRM 4.1 Administration p. 49';
const SRM_TIMEOUTS = 'SRM 8.7 Administration, "Change Recovery Settings" (docs.vmware.com GUID-D8ADB346)';
const WS2008_HEARTBEAT = 'logon.cz "Heartbeat settings in cluster", from Microsoft\'s multi-site cluster guide; Microsoft clustering blog "Tuning Failover Cluster Network Thresholds", 2012';

export const VMDR = object({
  design: oneOf(['automated', 'manual', 'primary-only'], { description: 'automated: the DR services fail over and restore (US 9,020,895); manual: an operator does the same steps by hand; primary-only: backups stay on the primary storage.', default: 'automated', unit: 'automated, manual or primary-only', source: 'the issue: the patent\'s design and its two baselines' }),
  services: text({ description: 'The host the DR services run on (usually at the secondary site).', required: true, unit: 'host name' }),
  alternates: textList({ description: 'The DR plan\'s alternate hosts (each runs a hypervisor), in order of preference.', required: true, minItems: 1, unit: 'host names' }),
  plan: object({
    backup: duration({ description: 'Time between application-consistent backups (from time 0).', positive: true, defaultText: 'the interval of the first mirror that copies a protected volume (topology.storage.*.mirrors.*.interval)', source: 'SnapMirror-based Azure NetApp Files replication schedules 10 min / hourly / daily (domain-figures §9); the backups keep up with the replication' }),
    replication: either([
      { when: (w: unknown) => w !== 'after-backup', field: duration({ description: 'Time between mirror updates.', positive: true }) },
      { when: (w: unknown) => w === 'after-backup', field: oneOf(['after-backup'], { description: 'Update the mirrors after each backup.' }) },
    ], { keyword: 'anyOf', description: 'Time between mirror updates, or after-backup (SnapManager\'s "update SnapMirror after backup").', default: 'after-backup', unit: 'duration or after-backup', source: 'SnapManager for Hyper-V policy option "update SnapMirror after backup" (NetAppDocs SMHV, domain-figures §9)' }),
    retain: integer({ description: 'Backups kept on the primary; older ones are deleted and the mirrors drop them at their next update.', minimum: 1, defaultText: 'all', unit: 'backups', source: 'configuration: SnapManager retention policies keep a count (or days) of backups; no default is assumed' }),
  }, { description: 'Intervals of the DR plan.' }),
  quiesce: object({
    prepare: duration({ description: 'Writers prepare (complete transactions, roll logs, flush caches) before the freeze.', default: '0 s', source: 'UNSOURCED: no published VSS prepare duration (Veeam\'s 900 s is a timeout, domain-figures §8); 0 leaves it out unless a scenario gives one' }),
    commit: duration({ description: 'The provider creates the snapshot while writes are held.', default: '1 s', source: 'Microsoft IVssProviderCreateSnapshotSet::CommitSnapshots "should take less than one second" (domain-figures §8): the bound is taken as the hold' }),
  }, { description: 'The VSS backup of FIG. 1.' }),
  detection: object({
    heartbeat: duration({ description: 'Time between heartbeats.', default: '1 s', positive: true, source: `Windows Server 2008 R2 failover cluster default: a heartbeat every 1000 ms (${WS2008_HEARTBEAT})` }),
    missed: integer({ description: 'Heartbeats missed in a row before a host is declared lost.', minimum: 1, default: 5, unit: 'heartbeats', source: 'Windows Server 2008 R2 failover cluster default: a node that misses 5 heartbeats in a row is failed over (same sources; 2016 raised it to 10/20)' }),
  }, { description: 'How the DR services notice a disaster: heartbeats to every host of the plan.' }),
  failover: object({
    remount: duration({ description: 'Take the secondary storage offline, back online, and scan it (SRM\'s "prepare storage" and host rescan steps).', default: '30 s', source: 'UNSOURCED: no published time for taking LUNs offline and online and rescanning disks (SRM documents the steps, not their time); tens of seconds assumed' }),
    restore: duration({ description: 'A restored VM\'s guest boot once powered on, until it answers (VMware Tools heartbeat, Hyper-V integration services), after its boot reads.', default: '60 s', source: `UNSOURCED: no published guest boot time; SRM waits at most recovery.powerOnTimeout for the heartbeat (${SRM_TIMEOUTS}), SnapManager restore times are not published (domain-figures §9)` }),
    read: size({ description: 'Bytes a restored VM reads from its disks on the secondary storage while it boots: a flow through the arrays, shared with the other restores.', default: '1 GB', source: 'UNSOURCED: a server guest reads its OS and applications at boot; 1 GB assumed, sweep it' }),
    perHost: integer({ description: 'Restores an alternate host runs at once; the rest wait their turn. Different hosts always restore in parallel.', minimum: 1, defaultText: 'all at once', unit: 'restores', source: `Site Recovery Manager powers on the VMs of a priority group "as many in parallel as vCenter Server supports" (${SRM_ORDER}); SRM 4.1 recovered them "serially per ESX host" (perHost: 1)` }),
  }, { description: 'Times of the failover steps (FIG. 3A, 3B).' }),
  operator: object({
    reaction: duration({ description: 'From the alert to the operator starting the failover.', default: '30 min', source: 'UNSOURCED: operator reaction to an alert varies with staffing; sweep it' }),
    perVm: duration({ description: 'Extra handling per VM restored by hand.', default: '15 min', source: 'UNSOURCED: hand work per VM (find the backup, edit the host name, register, start); sweep it' }),
  }, { description: 'The manual baseline\'s operator.' }),
  measure: object({
    instants: integer({ description: 'Disaster instants, evenly spaced over the replication cycle before the scenario\'s disaster, at which RPO and RTO are evaluated for their percentiles (the worst case is exact).', minimum: 1, default: 1000, unit: 'instants', source: 'measurement resolution: percentiles are within one cycle / instants of the exact ones' }),
  }, { description: 'How RPO and RTO are measured over the disaster instant.' }),
});

export function resolvePlan(written: Record<string, unknown>, ctx: ProtocolResolveContext, path: Path): VmdrDef {
  const at = (...p: (string | number)[]): Path => [...path, ...p];
  const section = resolveField(VMDR, written, path, ctx);
  const scn = ctx.scenario;
  const { design, services } = section;
  if (!scn.hosts.has(services)) ctx.fail(at('services'), `no host named '${services}'; hosts are: ${[...scn.hosts.keys()].join(', ') || '(none: define them under topology.hosts)'}`);
  if (scn.until === null) ctx.fail(['until'], 'a DR run needs `until`: its heartbeats never stop by themselves');
  const hypervisors = modelOf(scn, 'hypervisors');
  const storage = modelOf(scn, 'storage');
  const route = (host: string, p: Path): string[] => {
    const r = lanRoute(scn.links, services, host);
    if (r === null) ctx.fail(p, `no path of links between the DR services host '${services}' and host '${host}': the DR services orchestrate over the network`);
    return r;
  };

  const alternateHosts = section.alternates;
  const alternates = alternateHosts.map((host, i): PlanHost => {
    const p = at('alternates', i);
    if (alternateHosts.indexOf(host) !== i) ctx.fail(p, `'${host}' is listed twice`);
    const hs = hypervisors.filter((h) => h.host === host);
    if (hs.length !== 1) ctx.fail(p, hs.length === 0 ? `no hypervisor runs on host '${host}'; hypervisors run on: ${hypervisors.map((h) => h.host).join(', ') || '(none: define topology.hypervisors)'}` : `${hs.length} hypervisors run on host '${host}'; the plan names hosts with one`);
    return { hypervisor: hs[0].name, host, route: route(host, p) };
  });

  const mirrorOf = new Map(storage.mirrors.map((m) => [`${m.system}/${m.volume}`, m]));
  const backedUpBy = new Map<string, string>();
  const primaries = hypervisors.filter((h) => !alternateHosts.includes(h.host)).map((h): PrimaryHost => {
    const volumes: ProtectedVolume[] = [];
    const vms = h.vms.map((vm): ProtectedVm => {
      if (vm.disks.length === 0) ctx.fail(at('alternates'), `VM '${vm.name}' on primary hypervisor '${h.name}' has no disks to back up`);
      const disks = vm.disks.map((d) => {
        const id = `${d.storage}/${d.volume}`;
        const other = backedUpBy.get(id);
        if (other !== undefined && other !== h.name) ctx.fail(at('alternates'), `volume '${id}' holds VMs of hypervisors '${other}' and '${h.name}'; each host's data protection software backs up its own volumes, so give each host its own`);
        backedUpBy.set(id, h.name);
        if (!volumes.some((v) => v.id === id)) {
          const m = mirrorOf.get(id);
          if (m === undefined && design !== 'primary-only') ctx.fail(at('design'), `VM '${vm.name}' has disk '${d.name}' on volume '${id}', which no mirror copies to another array; add a mirror under topology.storage.${d.storage}.mirrors, or use design: primary-only`);
          const copy = design === 'primary-only' || m === undefined ? { system: d.storage, volume: d.volume } : { ...m.to };
          volumes.push({ id, system: d.storage, volume: d.volume, mirror: design === 'primary-only' || m === undefined ? null : m.name, copy });
        }
        return id;
      });
      return { name: vm.name, hypervisor: h.name, host: h.host, disks };
    });
    const r = route(h.host, at('services'));
    return { hypervisor: h.name, host: h.host, route: r, latency: routeLatency(scn.links, r), vms, volumes };
  });
  if (primaries.every((p) => p.vms.length === 0)) ctx.fail(at('alternates'), 'no VM to protect: every hypervisor with VMs runs on an alternate host');

  const mirrors = primaries.flatMap((p) => p.volumes.flatMap((v) => (v.mirror === null ? [] : [v.mirror])));
  const { plan, quiesce, detection, failover, operator, measure } = section;
  const firstMirror = storage.mirrors.find((m) => mirrors.includes(m.name));
  const backup = plan.backup ?? firstMirror?.interval ?? MIRROR_INTERVAL_DEFAULT;
  const { replication } = plan;
  const { heartbeat, missed } = detection;
  const far = [...primaries, ...alternates].reduce((m, h) => Math.max(m, 2 * routeLatency(scn.links, h.route)), 0);
  if (far >= heartbeat) ctx.fail(at('detection', 'heartbeat'), `a heartbeat's round trip takes ${far / 1e9} s on the longest route; the interval must be longer, or every heartbeat is missed`);
  const { prepare, commit } = quiesce;
  if (prepare + commit >= backup) ctx.fail(at('quiesce'), 'a backup (prepare + commit) must end before the next one is due');
  return {
    design, services, primaries, alternates, mirrors, backup, retain: plan.retain ?? null, replication, prepare, commit,
    heartbeat, missed, remount: failover.remount, restore: failover.restore, read: failover.read, perHost: failover.perHost ?? null, operator,
    instants: measure.instants,
  };
}

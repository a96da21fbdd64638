/**
 * Failover (FIG. 3A steps 4-5) and the restore to an alternate host
 * (FIG. 3B), as one actor performs them: the DR services in the patent's
 * design, the operator in the manual baseline (who adds a handling time per
 * VM). Every step is a command or a message; the actor's state is plain data.
 */
import { any, mark, perform, receive, send, sleep } from '../../engine/commands.ts';
import { mirrorBreak, storageSnapshotList, type SnapshotListing } from '../../model/storage/commands.ts';
import { jobBegin, jobEnd } from '../common/report.ts';
import { agentOf, decodeMetadata, replicatorOf, snapshotName, type BackupMetadata, type Body, type Msg, type Step, vmdrLost, vmdrRecovered } from './messages.ts';
import type { PlanHost, PrimaryHost, ProtectedVm, VmdrDef } from './plan.ts';
import { figureStep, figureArgs } from '../../foundation/story.ts';
import { vfig } from './figure.ts';

/** The backup a failover restores a host's VMs from. */
export interface Choice {
  snapshot: string;
  metadata: BackupMetadata;
}

export interface DrState {
  /** alternate hosts known lost */
  unavailable: Set<string>;
  /** VM -> the alternate host it runs on now */
  placements: Map<string, string>;
  /** copies (system/volume) already reverted to the chosen snapshot */
  reverted: Set<string>;
  /** VM -> the backup its restores use */
  chosen: Map<string, Choice>;
  /** VM -> restores begun, to name the jobs */
  attempts: Map<string, number>;
}

export const newState = (): DrState => ({ unavailable: new Set(), placements: new Map(), reverted: new Set(), chosen: new Map(), attempts: new Map() });

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const copyId = (c: { system: string; volume: string }): string => `${c.system}/${c.volume}`;

/** FIG. 3A steps 4 and 5: break the mirrors, cycle and scan the secondary storage, restore every VM that has backup data. */
export function* failover(def: VmdrDef, state: DrState, perVm: number): Step {
  yield jobBegin('failover', 'failover', ...figureArgs(vfig('3A', '4'), 'fail over from the primary site to the secondary site'));
  for (const p of def.primaries) {
    yield send(agentOf(p.hypervisor), { type: 'stop' } satisfies Body, { route: p.route, ...figureStep(vfig('3A', '4'), `stop the backups on ${p.host}: operations move to the secondary site`) });
  }
  if (def.mirrors.length === 0) yield mark(...figureArgs(vfig('3A', '4'), 'no mirror to break: the backups were kept only on the primary storage'));
  for (const m of def.mirrors) {
    yield send(replicatorOf(m), { type: 'quiesce' } satisfies Body, { ...figureStep(vfig('3A', '4'), `stop the replication software's updates of mirror ${m}`) });
    yield receive({ from: replicatorOf(m), type: 'quiesced' });
    try {
      yield mirrorBreak({ mirror: m, ...figureStep(vfig('3A', '4'), `break mirror ${m}: the secondary copy becomes writable`) });
    } catch (e) {
      yield mark(`mirror ${m} cannot be broken: ${why(e)}`);
    }
  }
  const arrays = [...new Set(def.primaries.flatMap((p) => p.volumes.map((v) => v.copy.system)))];
  yield sleep(def.remount, ...figureArgs(vfig('3A', '4'), `take the storage holding the backups (${arrays.join(', ')}) offline and bring it back online`));
  const order: { vm: ProtectedVm; host: PrimaryHost }[] = [];
  for (const p of def.primaries) {
    const listings = yield* scan(p);
    for (const group of sharingVolumes(p.vms)) {
      const found = newestCommon(p, group, listings);
      for (const vm of group) {
        if (typeof found === 'string') yield lost(vm.name, found);
        else state.chosen.set(vm.name, found);
      }
    }
    for (const vm of p.vms) if (state.chosen.has(vm.name)) order.push({ vm, host: p });
  }
  yield* restoreAll(def, state, order, perVm);
  yield jobEnd('failover', 0);
}

/** FIG. 3A step 4: scan the copy of each of a primary host's volumes for backup data: its snapshots, or why it cannot be read. */
function* scan(p: PrimaryHost): Step<Map<string, SnapshotListing | string>> {
  const out = new Map<string, SnapshotListing | string>();
  for (const v of p.volumes) {
    try {
      out.set(v.id, yield* perform(storageSnapshotList({ system: v.copy.system, volume: v.copy.volume, ...figureStep(vfig('3A', '4'), `scan ${copyId(v.copy)} for backup data`) })));
    } catch (e) {
      out.set(v.id, `the backups of ${p.host} on ${copyId(v.copy)} are gone: ${why(e)}`);
    }
  }
  return out;
}

/**
 * The VMs in groups that share no volume with another group: a group is
 * restored from one backup, since reverting a volume reverts every VM on it.
 */
export function sharingVolumes(vms: readonly ProtectedVm[]): ProtectedVm[][] {
  const groups: ProtectedVm[][] = [];
  for (const vm of vms) {
    const touching = groups.filter((g) => g.some((x) => x.disks.some((d) => vm.disks.includes(d))));
    const merged = [...touching.flat(), vm];
    for (const g of touching) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  }
  // In the host's VM order, whatever the merges did.
  return groups.map((g) => vms.filter((v) => g.includes(v))).sort((a, b) => vms.indexOf(a[0]) - vms.indexOf(b[0]));
}

/** The newest backup of the host present on every volume of the group, or why there is none. */
function newestCommon(p: PrimaryHost, group: ProtectedVm[], listings: Map<string, SnapshotListing | string>): Choice | string {
  const volumes = [...new Set(group.flatMap((vm) => vm.disks))];
  const found: SnapshotListing[] = [];
  for (const id of volumes) {
    const l = listings.get(id)!;
    if (typeof l === 'string') return l;
    found.push(l);
  }
  const backupsOn = (l: SnapshotListing): number[] => l.snapshots.flatMap((s) => {
    const m = decodeMetadata(s.metadata);
    return m !== null && s.name === snapshotName(p.hypervisor, m.backup) ? [m.backup] : [];
  });
  const common = found.map(backupsOn).reduce((a, b) => a.filter((n) => b.includes(n)));
  if (common.length === 0) return `no backup of ${p.host} is on ${found.length > 1 ? 'all of ' : ''}${found.map((l) => l.volume).join(', ')}`;
  const snapshot = snapshotName(p.hypervisor, Math.max(...common));
  return { snapshot, metadata: decodeMetadata(found[0].snapshots.find((s) => s.name === snapshot)!.metadata)! };
}

/** FIG. 3B step 1: an available alternate host of the plan, the one with the fewest restored VMs (ties: plan order). */
export function chooseAlternate(def: VmdrDef, state: DrState): PlanHost | undefined {
  const load = (h: PlanHost) => [...state.placements.values()].filter((x) => x === h.host).length;
  let best: PlanHost | undefined;
  for (const h of def.alternates) {
    if (state.unavailable.has(h.host)) continue;
    if (best === undefined || load(h) < load(best)) best = h;
  }
  return best;
}

/** A restore sent to an alternate host and not yet answered. */
interface Pending { vm: ProtectedVm; host: PrimaryHost; alt: PlanHost; job: string }

/**
 * FIG. 3A step 5: FIG. 3B steps 1-2 for every VM, each on the next available
 * host until one succeeds or none is left. The restores are sent at once (the
 * operator of the manual baseline handles them one after another) and run in
 * parallel on their hosts; the answers come back in any order.
 */
export function* restoreAll(def: VmdrDef, state: DrState, vms: readonly { vm: ProtectedVm; host: PrimaryHost }[], perVm: number): Step {
  const pending = new Map<string, Pending>();
  for (const { vm, host } of vms) yield* dispatch(def, state, vm, host, perVm, pending, true);
  while (pending.size > 0) {
    const r = yield* perform(any([receive<Msg<'restored'>>({ type: 'restored' }), receive<Msg<'down'>>({ type: 'down' })]));
    const b = r.value.body;
    if (b.type === 'down') {
      if (b.role !== 'alternate') continue;
      state.unavailable.add(b.host);
      for (const p of [...pending.values()].filter((x) => x.alt.host === b.host)) yield* retry(def, state, p, b.why, pending);
      continue;
    }
    const p = pending.get(b.vm);
    // An answer from a host given up on, after the VM was sent elsewhere, is stale.
    if (p === undefined || b.as !== `${b.vm}@${p.alt.host}`) continue;
    if (!b.ok) {
      state.unavailable.add(p.alt.host);
      yield* retry(def, state, p, b.why ?? 'no answer', pending);
      continue;
    }
    pending.delete(b.vm);
    const choice = state.chosen.get(b.vm)!;
    for (const c of copiesOf(p.vm, p.host)) state.reverted.add(c);
    const mine = choice.metadata.vms.find((x) => x.vm === b.vm)!;
    yield vmdrRecovered({ vm: b.vm, host: p.alt.host, snapshot: choice.snapshot, imageTime: choice.metadata.time, written: mine.written, metadataHost: choice.metadata.host, at: b.at!, label: `VM ${b.vm} runs on ${p.alt.host}`, data: { vm: b.vm, host: p.alt.host, metadataHost: choice.metadata.host, snapshot: choice.snapshot, imageTime: choice.metadata.time, written: mine.written } });
    yield jobEnd(p.job, 0, undefined, b.results);
  }
}

const copiesOf = (vm: ProtectedVm, host: PrimaryHost): string[] => vm.disks.map((d) => copyId(host.volumes.find((v) => v.id === d)!.copy));

function* retry(def: VmdrDef, state: DrState, p: Pending, reason: string, pending: Map<string, Pending>): Step {
  pending.delete(p.vm.name);
  state.placements.delete(p.vm.name);
  yield mark(`restore of ${p.vm.name} on ${p.alt.host} failed (${reason}); trying the next host of the plan`);
  yield* dispatch(def, state, p.vm, p.host, 0, pending, false, p.job);
}

/** FIG. 3B steps 1-2 for one VM: choose its host and send the restore (a new job, or the job of a failed attempt). */
function* dispatch(def: VmdrDef, state: DrState, vm: ProtectedVm, host: PrimaryHost, perVm: number, pending: Map<string, Pending>, fresh: boolean, job = ''): Step {
  const choice = state.chosen.get(vm.name)!;
  if (fresh) {
    const attempt = (state.attempts.get(vm.name) ?? 0) + 1;
    state.attempts.set(vm.name, attempt);
    job = `restore ${vm.name}${attempt > 1 ? ` #${attempt}` : ''}`;
    yield jobBegin(job, 'restore', ...figureArgs(vfig('3A', '5'), `restore VM ${vm.name}, which has backup data, on an alternate host`));
    if (perVm > 0) yield sleep(perVm, `operator: handle VM ${vm.name} by hand (find its backup, edit the host name, register it)`);
  }
  const alt = chooseAlternate(def, state);
  if (alt === undefined) {
    yield lost(vm.name, 'no alternate host of the DR plan is available');
    yield jobEnd(job, 0, 'no alternate host is available');
    return;
  }
  yield mark(...figureArgs(vfig('3B', '1'), `the DR plan names host ${alt.host} for VM ${vm.name}`));
  const copies = copiesOf(vm, host);
  // A copy another restore is reverting now, or has reverted, is not reverted again.
  const reverting = new Set([...pending.values()].flatMap((p) => copiesOf(p.vm, p.host)));
  const revert = [...new Set(copies)].filter((c) => !state.reverted.has(c) && !reverting.has(c)).map((c) => ({ system: c.split('/')[0], volume: c.split('/')[1] }));
  state.placements.set(vm.name, alt.host);
  pending.set(vm.name, { vm, host, alt, job });
  yield send(agentOf(alt.hypervisor), {
    type: 'restore', job, vm: vm.name, as: `${vm.name}@${alt.host}`, snapshot: choice.snapshot, work: def.restore, read: def.read, revert, volumes: copies, metadataHost: choice.metadata.host,
  } satisfies Body, { route: alt.route, ...figureStep(vfig('3B', '2'), `restore VM ${vm.name} with host name ${alt.host} instead of ${choice.metadata.host} from its backup metadata`) });
}

/** VMs whose alternate host was lost after their restore: restore them again on other hosts (FIG. 3B). */
export function* recoverDisplaced(def: VmdrDef, state: DrState, perVm: number): Step {
  const displaced: { vm: ProtectedVm; host: PrimaryHost }[] = [];
  for (const [vmName, host] of [...state.placements]) {
    if (!state.unavailable.has(host)) continue;
    state.placements.delete(vmName);
    const p = def.primaries.find((x) => x.vms.some((v) => v.name === vmName))!;
    displaced.push({ vm: p.vms.find((v) => v.name === vmName)!, host: p });
  }
  yield* restoreAll(def, state, displaced, perVm);
}

const lost = (vm: string, reason: string) => vmdrLost({ vm, why: reason, label: `VM ${vm} cannot be recovered: ${reason}` });

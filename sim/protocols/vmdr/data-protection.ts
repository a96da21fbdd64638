/**
 * The data protection software (SnapManager for Hyper-V in the patent) on
 * each host of the plan.
 *
 * On a primary host it backs up its VMs at the plan's interval (FIG. 1,
 * FIG. 3A steps 1-2): request, prepare and quiesce (writes queue in memory),
 * the provider's commit, a snapshot of every volume holding them with the
 * backup metadata (VM ids, host name, time), thaw; then it tells the DR
 * services, which have the snapshot replicated.
 *
 * On an alternate host it performs the restores it is asked for
 * (alternate-agent.ts).
 */
import { mark, perform, receive, send, sleep } from '../../engine/commands.ts';
import { storageSnapshot, storageSnapshotDelete } from '../../model/storage/commands.ts';
import { vmFreeze, vmThaw } from '../../model/hypervisors/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { SERVICES, encodeMetadata, snapshotName, vmdrBackedUp, type Body, type BackupMetadata, type Msg, type Step } from './messages.ts';
import type { PrimaryHost } from './plan.ts';
import { figureStep, figureArgs } from '../../foundation/story.ts';
import { vfig } from './figure.ts';

/** The next instant after `now` on a schedule of `interval` from time 0 (cron-like, as SnapMirror's schedules). */
export const nextDue = (now: number, interval: number): number => (Math.floor(now / interval) + 1) * interval;

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A primary host's agent: backups on the plan's schedule, until the failover stops it or its hypervisor is gone. */
export function* primaryAgent(ctx: ProcessContext, h: PrimaryHost): Step {
  const back = [...h.route].reverse();
  const plan = (yield* perform(receive<Msg<'plan'>>({ type: 'plan' }))).body;
  for (let n = 1; ; n++) {
    if ((yield receive({ type: 'stop' }, nextDue(ctx.now, plan.backup) - ctx.now)) !== null) return;
    const outcome = yield* backUp(ctx, h, plan, n);
    if (outcome === 'hypervisor lost') return;
    if (outcome === 'done') {
      if (plan.retain !== null && n > plan.retain) yield* expire(h, n - plan.retain);
      yield tally('backups');
      yield send(SERVICES, { type: 'backup', hypervisor: h.hypervisor, backup: n, volumes: h.volumes.map((v) => v.id) } satisfies Body, { route: back, ...figureStep(vfig('3A', '2'), `tell the DR services that backup ${n} of ${h.host} is stored`) });
    }
  }
}

/** The retention policy: the backup that fell out of the plan's count is deleted on every volume. */
function* expire(h: PrimaryHost, n: number): Step {
  for (const v of h.volumes) {
    try {
      yield storageSnapshotDelete({ system: v.system, volume: v.volume, name: snapshotName(h.hypervisor, n), label: `retention: delete backup ${n} of ${h.host} from ${v.id}` });
    } catch {
      // The array failed since the backup: nothing left to delete.
    }
  }
}

/** FIG. 3A steps 1-2 as FIG. 1 performs them: one application-consistent backup of every VM of the host. */
function* backUp(ctx: ProcessContext, h: PrimaryHost, plan: { prepare: number; commit: number }, n: number): Step<'done' | 'failed' | 'hypervisor lost'> {
  const job = `backup ${h.host} #${n}`;
  yield jobBegin(job, 'backup', ...figureArgs(vfig('3A', '1'), `back up the VMs of ${h.host} (backup ${n})`));
  yield mark(...figureArgs(vfig('1', '1'), `the data protection software on ${h.host} asks VSS for an application-consistent backup`));
  if (plan.prepare > 0) yield sleep(plan.prepare, ...figureArgs(vfig('1', '2'), 'VSS writers prepare (complete transactions, roll logs, flush caches)'));
  const frozen: string[] = [];
  const vms: BackupMetadata['vms'] = [];
  let error: string | undefined;
  let result: 'done' | 'failed' | 'hypervisor lost' = 'done';
  let imageTime = ctx.now;
  try {
    for (const vm of h.vms) {
      const r = yield* perform(vmFreeze({ vm: vm.name, ...figureStep(vfig('1', '2'), `quiesce VM ${vm.name}: its writes queue in memory`) }));
      frozen.push(vm.name);
      vms.push({ vm: vm.name, written: r.written });
    }
  } catch (e) {
    error = why(e);
    result = 'hypervisor lost';
  }
  if (error === undefined) {
    imageTime = ctx.now;
    const metadata = encodeMetadata({ backup: n, host: h.host, time: imageTime, vms });
    try {
      yield sleep(plan.commit, ...figureArgs(vfig('1', '3'), 'the provider creates the application-consistent snapshot'));
      for (const v of h.volumes) {
        yield storageSnapshot({ system: v.system, volume: v.volume, name: snapshotName(h.hypervisor, n), metadata, ...figureStep(vfig('3A', '2'), `store snapshot ${snapshotName(h.hypervisor, n)} of ${v.id} with its backup metadata (host ${h.host})`, ' (FIG. 1 step 4)') });
      }
    } catch (e) {
      error = why(e);
      result = 'failed';
    }
  }
  for (const vm of frozen) {
    try {
      yield vmThaw({ vm, ...figureStep(vfig('1', '4'), `thaw VM ${vm}: the queued writes reach its disks`, ' done') });
    } catch (e) {
      error ??= why(e);
    }
  }
  if (result === 'done') yield vmdrBackedUp({ hypervisor: h.hypervisor, backup: n, imageTime });
  yield jobEnd(job, 0, error);
  return result;
}

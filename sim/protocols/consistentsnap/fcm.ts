/**
 * The FlashCopy Manager (FCM) hardware provider in the guest: it snapshots the
 * physical volumes, the raw-mapped LUNs, with the array's FlashCopy. In the
 * patented design the backup client injects it (FIG. 2) and the VPS drives
 * it inside the common freeze (FIG. 4, FIG. 5); in the baseline it is a
 * standing agent that runs its own VSS backup of the physical volumes.
 */
import { receive, send, sleep, type Envelope } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Attempted } from './answers.ts';
import { type Copy, type Plan, type Step, volumesOf } from './plan.ts';
import { discardSnapshots, providerTime, takeSnapshots } from './providers.ts';
import { vssSession } from './session.ts';
import { FIG, PHYSICAL_VSS, SEPARATE } from './steps.ts';

export function* flashCopyManager(ctx: ProcessContext, plan: Plan): Step {
  const physical = (names: string[]) => volumesOf(plan.disks.filter((d) => names.includes(d.name)));
  let last: Copy[] = [];
  for (;;) {
    const m = (yield receive()) as Envelope<Attempted & { disks: string[] }>;
    const { type, attempt } = m.body;
    if (type === 'install') {
      yield sleep(plan.install, FIG.installFcm);
      yield send(m.from, { type: 'installed', attempt }, { route: plan.route });
    } else if (type === 'lock') {
      // Its LUNs join the VSS snapshot set, so the framework's hold covers them with the virtual volumes.
      yield send(m.from, { type: 'locked', attempt }, { label: 'FCM blocks writes to the physical volumes: they join the snapshot set' });
    } else if (type === 'flash') {
      const time = providerTime(ctx, plan.snapshot.physical, plan.snapshot.cv);
      const taken = yield* takeSnapshots(plan.job, attempt, physical(m.body.disks), time, m.body.frozenAt as number, FIG.physicalSnapshot);
      last = taken.copies;
      yield send(m.from, { type: 'taken', attempt, ...taken });
    } else if (type === 'discard') {
      yield* discardSnapshots(last);
      last = [];
      yield send(m.from, { type: 'discarded', attempt });
    } else if (type === 'backup') {
      const r = yield* vssSession(plan, attempt, m.body.disks, PHYSICAL_VSS, (frozenAt) =>
        takeSnapshots(plan.job, attempt, physical(m.body.disks), providerTime(ctx, plan.snapshot.physical, plan.snapshot.cv), frozenAt, SEPARATE.physicalSnapshot));
      yield send(m.from, { type: 'abort' in r ? 'aborted' : 'taken', attempt, ...r }, { route: plan.route });
    }
  }
}

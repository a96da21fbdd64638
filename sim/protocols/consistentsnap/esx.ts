/**
 * The hypervisor's snapshot of the virtual volumes (VMware, through its VSS
 * provider): a snapshot of the datastore volumes that hold the VM's virtual
 * disks. In the patented design the VPS asks for it inside the common freeze
 * (FIG. 5); in the baseline the backup client asks VMware for a quiesced
 * snapshot, which runs its own VSS snapshot set over the virtual disks only.
 */
import { receive, send, type Envelope } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Attempted } from './answers.ts';
import { type Copy, type Plan, type Step, volumesOf } from './plan.ts';
import { discardSnapshots, providerTime, takeSnapshots } from './providers.ts';
import { vssSession } from './session.ts';
import { FIG, SEPARATE, VIRTUAL_VSS } from './steps.ts';

export function* hypervisorSnapshot(ctx: ProcessContext, plan: Plan): Step {
  const virtual = (names: string[]) => volumesOf(plan.disks.filter((d) => names.includes(d.name)));
  let last: Copy[] = [];
  for (;;) {
    const m = (yield receive()) as Envelope<Attempted & { disks: string[] }>;
    const { type, attempt } = m.body;
    if (type === 'snapshot') {
      const time = providerTime(ctx, plan.snapshot.virtual, plan.snapshot.cv);
      const taken = yield* takeSnapshots(plan.job, attempt, virtual(m.body.disks), time, m.body.frozenAt as number, FIG.virtualSnapshot);
      last = taken.copies;
      yield send(m.from, { type: 'taken', attempt, ...taken });
    } else if (type === 'discard') {
      yield* discardSnapshots(last);
      last = [];
      yield send(m.from, { type: 'discarded', attempt });
    } else if (type === 'quiesced-snapshot') {
      const r = yield* vssSession(plan, attempt, m.body.disks, VIRTUAL_VSS, (frozenAt) =>
        takeSnapshots(plan.job, attempt, virtual(m.body.disks), providerTime(ctx, plan.snapshot.virtual, plan.snapshot.cv), frozenAt, SEPARATE.virtualSnapshot));
      yield send(m.from, { type: 'abort' in r ? 'aborted' : 'taken', attempt, ...r }, { route: plan.route });
    }
  }
}

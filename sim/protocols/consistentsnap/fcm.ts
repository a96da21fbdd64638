/**
 * The FlashCopy Manager (FCM) hardware provider in the guest: it snapshots the
 * physical volumes, the raw-mapped LUNs, with the array's FlashCopy. In the
 * patented design the backup client injects it (FIG. 2) and the VPS drives
 * it inside the common freeze (FIG. 4, FIG. 5); in the baseline it is a
 * standing agent that runs its own VSS backup of the physical volumes.
 */
import { perform, receive, send, sleep } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Attempted } from './answers.ts';
import type { Copy, Plan, Step } from './plan.ts';
import { serveSnapshots, type Provider } from './provider-duties.ts';
import { FIG, PHYSICAL_VSS, SEPARATE } from './steps.ts';

const FLASHCOPY: Provider = {
  take: 'flash', alone: 'backup', mean: (plan) => plan.snapshot.physical,
  step: FIG.physicalSnapshot, aloneStep: SEPARATE.physicalSnapshot, vss: PHYSICAL_VSS,
};

export function* flashCopyManager(ctx: ProcessContext, plan: Plan): Step {
  const held: { last: Copy[] } = { last: [] };
  for (;;) {
    const m = yield* perform(receive<Attempted & { disks: string[] }>());
    const { type, attempt } = m.body;
    if (type === 'install') {
      yield sleep(plan.install, FIG.installFcm);
      yield send(m.from, { type: 'installed', attempt }, { route: plan.route });
    } else if (type === 'lock') {
      // Its LUNs join the VSS snapshot set, so the framework's hold covers them with the virtual volumes.
      yield send(m.from, { type: 'locked', attempt }, { label: 'FCM blocks writes to the physical volumes: they join the snapshot set' });
    } else {
      yield* serveSnapshots(ctx, plan, FLASHCOPY, m, held);
    }
  }
}

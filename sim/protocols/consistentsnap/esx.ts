/**
 * The hypervisor's snapshot of the virtual volumes (VMware, through its VSS
 * provider): a snapshot of the datastore volumes that hold the VM's virtual
 * disks. In the patented design the VPS asks for it inside the common freeze
 * (FIG. 5); in the baseline the backup client asks VMware for a quiesced
 * snapshot, which runs its own VSS snapshot set over the virtual disks only.
 */
import { perform, receive } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Attempted } from './answers.ts';
import type { Copy, Plan, Step } from './plan.ts';
import { serveSnapshots, type Provider } from './provider-duties.ts';
import { FIG, SEPARATE, VIRTUAL_VSS } from './steps.ts';

const VMWARE: Provider = {
  take: 'snapshot', alone: 'quiesced-snapshot', mean: (plan) => plan.snapshot.virtual,
  step: FIG.virtualSnapshot, aloneStep: SEPARATE.virtualSnapshot, vss: VIRTUAL_VSS,
};

export function* hypervisorSnapshot(ctx: ProcessContext, plan: Plan): Step {
  const held: { last: Copy[] } = { last: [] };
  for (;;) {
    const m = yield* perform(receive<Attempted & { disks: string[] }>());
    yield* serveSnapshots(ctx, plan, VMWARE, m, held);
  }
}

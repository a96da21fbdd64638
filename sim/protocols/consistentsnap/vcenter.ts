/** The virtual center server (vCenter): answers a VM's disk information, its disk numbers and types (FIG. 1). */
import { perform, receive, send } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Plan, Step } from './plan.ts';
import { FIG, SEPARATE } from './steps.ts';

export function* virtualCenter(_ctx: ProcessContext, plan: Plan): Step {
  const label = plan.design === 'patented' ? FIG.answerDiskInfo : SEPARATE.answerDiskInfo;
  for (;;) {
    const m = yield* perform(receive<{ vm: string; attempt: number }>({ type: 'disk-info' }));
    yield send(m.from, { type: 'disk-info', attempt: m.body.attempt, vm: plan.vm, disks: plan.disks }, { route: plan.route, label });
  }
}

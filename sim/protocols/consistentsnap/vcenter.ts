/** The virtual center server (vCenter): answers a VM's disk information, its disk numbers and types (FIG. 1). */
import { receive, send, type Envelope } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Plan, Step } from './plan.ts';
import { FIG, SEPARATE } from './steps.ts';

export function* virtualCenter(_ctx: ProcessContext, plan: Plan): Step {
  const label = plan.design === 'patented' ? FIG.answerDiskInfo : SEPARATE.answerDiskInfo;
  for (;;) {
    const m = (yield receive({ type: 'disk-info' })) as Envelope<{ vm: string; attempt: number }>;
    yield send(m.from, { type: 'disk-info', attempt: m.body.attempt, vm: plan.vm, disks: plan.disks }, { route: plan.route, label });
  }
}

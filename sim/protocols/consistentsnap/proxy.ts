/**
 * The backup proxy the client injects into the VM (FIG. 3). It installs with
 * the VPS, learns the disk information and matches the target volumes, then
 * turns the client's freeze, snapshot and thaw commands into requests to the
 * VPS, and passes the answers back to the client.
 */
import { mark, perform, receive, send, sleep } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Attempted } from './answers.ts';
import type { DiskInfo, Plan, Step } from './plan.ts';
import { FIG } from './steps.ts';
import { matchTargets, type TargetVolumes } from './targets.ts';

export function* backupProxy(_ctx: ProcessContext, plan: Plan): Step {
  const { client, vps } = plan.roles;
  const install = yield* perform(receive<Attempted>({ from: client, type: 'install' }));
  yield sleep(plan.install, 'proxy and VPS install in the VM');
  yield send(client, { type: 'installed', attempt: install.body.attempt }, { route: plan.route });
  const info = yield* perform(receive<Attempted & { disks: DiskInfo[] }>({ from: client, type: 'disk-info' }));
  const targets: TargetVolumes = matchTargets(info.body.disks, plan.targets);
  yield mark(FIG.matchTargets, targets);
  yield send(client, { type: 'targets', attempt: info.body.attempt, ...targets }, { route: plan.route });
  for (;;) {
    const m = yield* perform(receive<Attempted>());
    if (m.from === vps) {
      yield send(client, m.body, { route: plan.route });
    } else if (m.body.type === 'freeze-writers') {
      yield send(vps, { type: 'freeze', attempt: m.body.attempt, ...targets }, { label: FIG.submitFreeze });
    } else if (m.body.type === 'snapshot') {
      yield send(vps, { type: 'snapshot', attempt: m.body.attempt });
    } else if (m.body.type === 'thaw') {
      yield send(vps, { type: 'thaw', attempt: m.body.attempt }, { label: FIG.releaseLocks });
    }
  }
}

/**
 * The backup client of the patented design (US 9,262,448). It learns the VM's
 * disks from the virtual center (FIG. 1), injects the FCM (FIG. 2), the proxy
 * and the VPS (FIG. 3), then drives one freeze of all target volumes (FIG. 4),
 * the snapshots of both kinds inside it (FIG. 5) and the thaw (FIG. 6),
 * retrying an aborted attempt per policy.
 */
import { send, sleep } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin } from '../common/report.ts';
import { answerWithin, noAnswer } from './answers.ts';
import { finishBackup } from './finish.ts';
import type { Copy, DiskInfo, Plan, Step } from './plan.ts';
import { AttemptCounter, withRetries } from './retry.ts';
import type { SessionResult } from './session.ts';
import type { StepResults } from '../common/step-results.ts';
import { FIG } from './steps.ts';

export function* backupClient(ctx: ProcessContext, plan: Plan): Step {
  const { vcenter, proxy, fcm } = plan.roles;
  if (plan.start > 0) yield sleep(plan.start, 'backup window opens');
  yield jobBegin(plan.job, 'backup');
  const setup = [
    [vcenter, () => ({ type: 'disk-info', vm: plan.vm }), FIG.askDiskInfo],
    [fcm, () => ({ type: 'install' }), FIG.injectFcm],
    [proxy, () => ({ type: 'install' }), FIG.injectProxy],
    [proxy, () => ({ type: 'disk-info', disks }), FIG.passDiskInfo],
  ] as const;
  let disks: DiskInfo[] = [];
  for (const [actor, body, label] of setup) {
    yield send(actor, { ...body(), attempt: 0 }, { route: plan.route, label });
    const a = yield* answerWithin(ctx, actor, 0, plan.retry.timeout);
    if (a === null) return yield* finishBackup(plan, { abort: noAnswer(actor, plan.retry.timeout) });
    if (actor === vcenter) disks = a.disks as DiskInfo[];
  }
  const r = yield* withRetries(plan, new AttemptCounter(), (attempt) => commonFreeze(ctx, plan, attempt));
  yield* finishBackup(plan, r);
}

/** FIG. 4 to FIG. 6 once: freeze everything, snapshot both kinds, thaw; an answer that never comes aborts the attempt. */
function* commonFreeze(ctx: ProcessContext, plan: Plan, attempt: number): Step<SessionResult> {
  const proxy = plan.roles.proxy;
  let taken: Copy[] = [];
  let results: StepResults | undefined;
  for (const [type, label] of [['freeze-writers', FIG.freezeWriters], ['snapshot', FIG.requestSnapshots], ['thaw', FIG.thaw]] as const) {
    yield send(proxy, { type, attempt }, { route: plan.route, label });
    const a = yield* answerWithin(ctx, proxy, attempt, plan.retry.timeout);
    if (a === null) return { abort: noAnswer(proxy, plan.retry.timeout) };
    // the VSS set's step results come with its end: thawed, or aborted
    if (a.type === 'aborted') return { abort: a.abort as string, results: a.results as StepResults | undefined };
    if (type === 'snapshot') taken = a.copies as Copy[];
    if (type === 'thaw') results = a.results as StepResults | undefined;
  }
  return { copies: taken, results };
}

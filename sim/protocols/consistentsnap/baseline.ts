/**
 * The baseline the patent improves on: two separate mechanisms, one after the
 * other. The backup client asks VMware for a quiesced snapshot of the virtual
 * volumes (VSS freezes, holds and releases them), then asks the FCM for a
 * backup of the physical volumes (a second VSS snapshot set of its own). The
 * application runs between the two, so the copies are of two instants.
 */
import { send, sleep } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin } from '../common/report.ts';
import { answerWithin, noAnswer } from './answers.ts';
import { finishBackup } from './finish.ts';
import type { Copy, DiskInfo, Plan, Step } from './plan.ts';
import { AttemptCounter, withRetries } from './retry.ts';
import type { SessionResult } from './session.ts';
import { addStepResults, type StepResults } from '../common/step-results.ts';
import { SEPARATE } from './steps.ts';
import { matchTargets } from './targets.ts';

export function* separateBackupClient(ctx: ProcessContext, plan: Plan): Step {
  const { vcenter, esx, fcm } = plan.roles;
  if (plan.start > 0) yield sleep(plan.start, 'backup window opens');
  yield jobBegin(plan.job, 'backup');
  yield send(vcenter, { type: 'disk-info', attempt: 0, vm: plan.vm }, { route: plan.route, label: SEPARATE.askDiskInfo });
  const info = yield* answerWithin(ctx, vcenter, 0, plan.retry.timeout);
  if (info === null) return yield* finishBackup(plan, { abort: noAnswer(vcenter, plan.retry.timeout) });
  const { virtual, physical } = matchTargets(info.disks as DiskInfo[], plan.targets);
  const counter = new AttemptCounter();
  const session = (actor: string, type: string, disks: string[], label: string) =>
    withRetries(plan, counter, function* (attempt): Step<SessionResult> {
      yield send(actor, { type, attempt, disks }, { route: plan.route, label });
      const a = yield* answerWithin(ctx, actor, attempt, plan.retry.timeout);
      if (a === null) return { abort: noAnswer(actor, plan.retry.timeout) };
      const results = a.results as StepResults | undefined;
      return a.type === 'aborted' ? { abort: a.abort as string, results } : { copies: a.copies as Copy[], results };
    });
  const copies: Copy[] = [];
  const results: StepResults = {};
  for (const [actor, type, disks, label] of [[esx, 'quiesced-snapshot', virtual, SEPARATE.virtualBackup], [fcm, 'backup', physical, SEPARATE.physicalBackup]] as const) {
    if (disks.length === 0) continue;
    const r = yield* session(actor, type, disks, label);
    addStepResults(results, r.results);
    if ('abort' in r) return yield* finishBackup(plan, { ...r, results });
    copies.push(...r.copies);
  }
  yield* finishBackup(plan, { copies, results });
}

/**
 * One VSS snapshot set run by a single requester from freeze to release, as
 * VMware's quiesced snapshot and the FCM each do on their own in the
 * baseline: freeze and hold the disks, take the snapshots, release. If the
 * framework cancelled the hold meanwhile, the snapshots are deleted and the
 * session answers why.
 */
import { send } from '../../engine/commands.ts';
import { answerTo } from './answers.ts';
import type { Copy, Plan, Step } from './plan.ts';
import type { VssLabels } from './steps.ts';
import type { VssAnswer } from './vss.ts';
import { discardSnapshots, type Taken } from './providers.ts';
import type { StepResults } from '../common/step-results.ts';

/** `results`: the VSS set's step results (vm.freeze, vm.thaw), summed over the attempts and sessions the job ran */
export type SessionResult = ({ copies: Copy[] } | { abort: string }) & { results?: StepResults };

export function* vssSession(plan: Plan, attempt: number, disks: string[], labels: VssLabels, take: (frozenAt: number) => Step<Taken>): Step<SessionResult> {
  const vss = plan.roles.vss;
  yield send(vss, { type: 'freeze', attempt, disks, labels });
  const frozen = yield* answerTo<VssAnswer>(vss, attempt);
  if (frozen.type === 'aborted') return { abort: frozen.reason };
  const { copies, error } = yield* take((frozen as Extract<VssAnswer, { type: 'frozen' }>).at);
  yield send(vss, { type: 'release', attempt });
  // 'released', or 'aborted' if the hold was cancelled while the snapshots were being taken
  const end = yield* answerTo<VssAnswer>(vss, attempt);
  const abort = end.type === 'aborted' ? end.reason : error;
  const results = end.type === 'frozen' ? undefined : end.results;
  if (abort === undefined) return { copies, results };
  yield* discardSnapshots(copies);
  return { abort, results };
}

/**
 * One VSS snapshot set run by a single requester from freeze to release, as
 * VMware's quiesced snapshot and the FCM each do on their own in the
 * baseline: freeze and hold the disks, take the snapshots, release. If the
 * framework cancelled the hold meanwhile, the snapshots are deleted and the
 * session answers why.
 */
import { receive, send, type Envelope } from '../../engine/commands.ts';
import type { Copy, Plan, Step } from './plan.ts';
import type { VssLabels } from './steps.ts';
import type { VssAnswer } from './vss.ts';
import { discardSnapshots } from './providers.ts';

export type SessionResult = { copies: Copy[] } | { abort: string };

export function* vssSession(plan: Plan, attempt: number, disks: string[], labels: VssLabels, take: (frozenAt: number) => Step<Copy[]>): Step<SessionResult> {
  const vss = plan.roles.vss;
  yield send(vss, { type: 'freeze', attempt, disks, labels });
  const frozen = (yield receive({ from: vss, type: 'frozen' })) as Envelope<Extract<VssAnswer, { type: 'frozen' }>>;
  const copies = yield* take(frozen.body.at);
  yield send(vss, { type: 'release', attempt });
  // 'released', or 'aborted' if the hold was cancelled while the snapshots were being taken
  const end = (yield receive({ from: vss })) as Envelope<VssAnswer>;
  if (end.body.type === 'aborted') {
    yield* discardSnapshots(copies);
    return { abort: end.body.reason };
  }
  return { copies };
}

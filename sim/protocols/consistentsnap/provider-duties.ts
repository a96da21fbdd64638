/**
 * The messages both snapshot providers answer the same way, each with its
 * own words and figures: take the snapshots inside the common freeze (the
 * patented design), discard an aborted attempt's snapshots, or run a VSS
 * snapshot set of their own volumes alone (the baseline).
 */
import { send, type Envelope } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import type { Attempted } from './answers.ts';
import { type Copy, type Plan, type Step, volumesOf } from './plan.ts';
import { discardSnapshots, providerTime, takeSnapshots } from './providers.ts';
import { vssSession } from './session.ts';
import type { VssLabels } from './steps.ts';

export interface Provider {
  /** the message that asks for snapshots inside the common freeze, and the one that asks for a whole set alone */
  take: string;
  alone: string;
  /** mean time to take them */
  mean: (plan: Plan) => number;
  /** trace labels: inside the common freeze (FIG.), in the baseline's own set */
  step: string;
  aloneStep: string;
  vss: VssLabels;
}

/** Answers one message if it is one of the shared duties; false if it is the provider's own to handle. */
export function* serveSnapshots(ctx: ProcessContext, plan: Plan, p: Provider, m: Envelope<Attempted & { disks: string[] }>, held: { last: Copy[] }): Step<boolean> {
  const { type, attempt } = m.body;
  const volumes = (names: string[]) => volumesOf(plan.disks.filter((d) => names.includes(d.name)));
  const time = () => providerTime(ctx, p.mean(plan), plan.snapshot.cv);
  if (type === p.take) {
    const taken = yield* takeSnapshots(plan.job, attempt, volumes(m.body.disks), time(), m.body.frozenAt as number, p.step);
    held.last = taken.copies;
    yield send(m.from, { type: 'taken', attempt, ...taken });
    return true;
  }
  if (type === 'discard') {
    yield* discardSnapshots(held.last);
    held.last = [];
    yield send(m.from, { type: 'discarded', attempt });
    return true;
  }
  if (type === p.alone) {
    const r = yield* vssSession(plan, attempt, m.body.disks, p.vss, (frozenAt) => takeSnapshots(plan.job, attempt, volumes(m.body.disks), time(), frozenAt, p.aloneStep));
    yield send(m.from, { type: 'abort' in r ? 'aborted' : 'taken', attempt, ...r }, { route: plan.route });
    return true;
  }
  return false;
}

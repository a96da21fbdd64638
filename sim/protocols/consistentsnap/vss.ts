/**
 * The VSS framework in the guest. A requester (the VPS in the patented
 * design; VMware Tools or the FCM in the baseline) asks it for a snapshot
 * set of some disks; it prepares the set, freezes the writers (each holds its
 * application's writes from OnFreeze to OnThaw), then flushes and holds the
 * disks' I/O (`vm.freeze`: writes wait in the VM's memory) and answers
 * `frozen`. It releases the hold and thaws the writers when the requester
 * says `release`, or on its own once the flush-and-hold window has passed,
 * which cancels the shadow copy: "VSS Kernel Support will cancel the Flush
 * and Hold if the release is not received within 10 seconds" (Microsoft,
 * IVssProviderCreateSnapshotSet::CommitSnapshots). A writer that stayed
 * frozen past its own limit fails the set as well.
 */
import { perform, receive, send, sleep, type Op } from '../../engine/commands.ts';
import { vmFreeze, vmThaw } from '../../model/hypervisors/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { tally } from '../common/report.ts';
import { addStepResult, type StepResults } from '../common/step-results.ts';
import { seconds, type Plan, type Step } from './plan.ts';
import type { VssLabels } from './steps.ts';

export interface FreezeRequest { type: 'freeze'; attempt: number; disks: string[]; labels: VssLabels }
/** What the framework tells the requester. */
export type VssAnswer =
  | { type: 'frozen'; attempt: number; at: number }
  /** `results`, once the set is thawed: its vm.freeze and vm.thaw results (the over-limit), for the backup job's record */
  | { type: 'released'; attempt: number; holdFor: number; results: StepResults }
  | { type: 'aborted'; attempt: number; reason: string; results?: StepResults };

export function* vssFramework(ctx: ProcessContext, plan: Plan): Step {
  for (;;) {
    const m = yield* perform(receive<FreezeRequest>({ type: 'freeze' }));
    const { attempt, disks, labels } = m.body;
    yield tally('snapshot_attempts', 1);
    yield sleep(plan.prepare, 'VSS prepares the snapshot set (writer metadata, PrepareForSnapshot)');
    yield send(plan.roles.app, { type: 'freeze', attempt }, { label: labels.writers });
    // A writer that does not answer within its own limit has failed (VSS_E_WRITERERROR_TIMEOUT).
    if ((yield receive({ from: plan.roles.app, type: 'frozen' }, plan.limits.freeze)) === null) {
      yield send(m.from, { type: 'aborted', attempt, reason: 'the application\'s VSS writer did not freeze' } satisfies VssAnswer);
      continue;
    }
    const held = yield* guestIo(vmFreeze({ vm: plan.vm, disks, label: labels.hold }));
    if (typeof held === 'string') {
      yield* thawWriters(plan, attempt);
      yield send(m.from, { type: 'aborted', attempt, reason: held } satisfies VssAnswer);
      continue;
    }
    const results: StepResults = {};
    addStepResult(results, vmFreeze.op, held);
    const heldAt = ctx.now;
    yield send(m.from, { type: 'frozen', attempt, at: heldAt } satisfies VssAnswer);
    const released = yield* awaitRelease(ctx, m.from, attempt, heldAt + plan.limits.flushHold);
    const thawed = yield* guestIo(vmThaw({ vm: plan.vm, label: released ? labels.release : `VSS cancels the flush-and-hold: no release within ${seconds(plan.limits.flushHold)}` }));
    const holdFor = ctx.now - heldAt;
    yield tally('hold_window', holdFor / 1e9);
    if (typeof thawed !== 'string') yield tally('held_bytes', thawed.queuedBytes);
    addStepResult(results, vmThaw.op, thawed);
    const writerOk = yield* thawWriters(plan, attempt);
    const answer: VssAnswer = !released
      ? { type: 'aborted', attempt, reason: `the flush-and-hold was not released within ${seconds(plan.limits.flushHold)}`, results }
      : typeof thawed === 'string'
        ? { type: 'aborted', attempt, reason: thawed, results }
        : !writerOk
          ? { type: 'aborted', attempt, reason: `a writer stayed frozen past its ${seconds(plan.limits.freeze)} limit`, results }
          : { type: 'released', attempt, holdFor, results };
    yield send(m.from, answer);
  }
}

/** A hypervisor command on the guest's I/O: its result, or why the hypervisor refused it (it failed). */
function* guestIo<R>(cmd: Op<R>): Step<R | string> {
  try {
    return yield* perform(cmd);
  } catch (e) {
    return `${cmd.op} refused: ${(e as Error).message}`;
  }
}

/** OnThaw; false if the writer had given up waiting (or is gone). */
function* thawWriters(plan: Plan, attempt: number): Step<boolean> {
  yield send(plan.roles.app, { type: 'thaw', attempt }, { label: 'VSS thaws the writers (OnThaw)' });
  const w = yield* perform(receive<{ timedOut: boolean }>({ from: plan.roles.app, type: 'thawed' }, plan.limits.freeze));
  return w !== null && !w.body.timedOut;
}

/** Waits for this attempt's release until the deadline; true if it came in time. Releases of older attempts are stale. */
function* awaitRelease(ctx: ProcessContext, requester: string, attempt: number, deadline: number): Step<boolean> {
  for (;;) {
    const left = deadline - ctx.now;
    if (left <= 0) return false;
    const m = yield* perform(receive<{ attempt: number }>({ from: requester, type: 'release' }, left));
    if (m === null) return false;
    if (m.body.attempt === attempt) return true;
  }
}

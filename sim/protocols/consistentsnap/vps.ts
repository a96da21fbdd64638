/**
 * The VSS provider splitter (VPS), injected with the proxy. It puts the
 * virtual and the physical volumes in one VSS snapshot set, so the one freeze
 * holds both (FIG. 4), and splits the snapshot between the two providers:
 * the FCM for the physical volumes, VMware for the virtual ones (FIG. 5).
 * Both snapshots are taken inside the same freeze, so they hold the same
 * writes even though they are not made at the same instant. If VSS cancels
 * the hold (too slow a snapshot) or a provider fails, the VPS waits for the
 * providers, has them delete what they made, and reports the attempt aborted.
 */
import { any, perform, receive, send } from '../../engine/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { answerTo, awaitOrAbort, type Attempted } from './answers.ts';
import type { Copy, Plan, Step } from './plan.ts';
import { PATENTED_VSS } from './steps.ts';
import type { TargetVolumes } from './targets.ts';

export function* vssProviderSplitter(_ctx: ProcessContext, plan: Plan): Step {
  const { proxy, vss, fcm, esx } = plan.roles;
  for (;;) {
    const m = yield* perform(receive<Attempted & TargetVolumes>({ from: proxy, type: 'freeze' }));
    const { attempt, virtual, physical } = m.body;
    if (physical.length > 0) {
      yield send(fcm, { type: 'lock', attempt, disks: physical }, { label: 'VPS asks the FCM to block writes to the physical volumes' });
      yield receive({ from: fcm, type: 'locked' });
    }
    yield send(vss, { type: 'freeze', attempt, disks: [...virtual, ...physical], labels: PATENTED_VSS }, { label: 'VPS submits one freeze of the virtual and physical volumes to VSS' });
    const frozen = yield* answerTo(vss, attempt);
    if (frozen.type === 'aborted') {
      yield send(proxy, { type: 'aborted', attempt, abort: frozen.reason, results: frozen.results });
      continue;
    }
    // the set's step results come with VSS's last word on it (thawed): released, or aborted
    let results: unknown;
    const frozenAt = frozen.at as number;
    yield send(proxy, { type: 'frozen', attempt, at: frozenAt });

    const ask = yield* awaitOrAbort(proxy, 'snapshot', vss, attempt);
    if ('abort' in ask) {
      yield send(proxy, { type: 'aborted', attempt, abort: ask.abort, results: ask.body.results });
      continue;
    }
    const providers = [...(physical.length > 0 ? [{ actor: fcm, op: 'flash', disks: physical }] : []), ...(virtual.length > 0 ? [{ actor: esx, op: 'snapshot', disks: virtual }] : [])];
    for (const p of providers) yield send(p.actor, { type: p.op, attempt, disks: p.disks, frozenAt });
    const taken = yield* collect(vss, attempt, providers.length);
    // The VSS framework has ended the set once it aborted it; otherwise the hold is still on and must be released.
    let { abort, vssEnded } = taken;
    results = taken.results;
    if (abort === null) {
      yield send(proxy, { type: 'taken', attempt, copies: taken.copies });
      const thaw = yield* awaitOrAbort(proxy, 'thaw', vss, attempt);
      if ('abort' in thaw) [abort, vssEnded, results] = [thaw.abort, true, thaw.body.results];
    }
    if (!vssEnded) {
      yield send(vss, { type: 'release', attempt }, { label: abort === null ? 'VPS releases the snapshot set' : 'VPS releases the failed snapshot set' });
      const end = yield* answerTo(vss, attempt);
      if (end.type === 'aborted') abort ??= end.reason as string;
      results = end.results;
    }
    if (abort === null) {
      yield send(proxy, { type: 'thawed', attempt, results });
      continue;
    }
    for (const p of providers) yield send(p.actor, { type: 'discard', attempt });
    for (const p of providers) yield receive({ from: p.actor, type: 'discarded' });
    yield send(proxy, { type: 'aborted', attempt, abort, results });
  }
}

/** Every provider's snapshots, and whether VSS cancelled the hold while they were being made. */
function* collect(vss: string, attempt: number, providers: number): Step<{ copies: Copy[]; abort: string | null; vssEnded: boolean; results: unknown }> {
  const copies: Copy[] = [];
  let abort: string | null = null, vssEnded = false, results: unknown;
  for (let pending = providers; pending > 0;) {
    const r = yield* perform(any([receive<Attempted>({ type: 'taken' }), receive<Attempted>({ from: vss, type: 'aborted' })]));
    if (r.value.body.attempt !== attempt) continue;
    const body = r.value.body;
    if (r.index === 1) [abort, vssEnded, results] = [body.reason as string, true, body.results];
    else {
      copies.push(...(body.copies as Copy[]));
      abort ??= (body.error as string | undefined) ?? null;
      pending--;
    }
  }
  return { copies, abort, vssEnded, results };
}

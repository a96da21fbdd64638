/**
 * The data protection software on an alternate host: the restores to this
 * host (FIG. 3B step 2) it is asked for. Restores to different hosts run in
 * parallel, as Site Recovery Manager powers on "as many virtual machines in
 * parallel as vCenter Server supports"; on one host the plan's `perHost`
 * bounds how many run at once (SRM 4.1 ran them serially per host) and the
 * rest wait their turn in order. Each restore runs in a slot of its own (an
 * actor), so the boot reads of parallel restores are flows that share the
 * arrays they cross.
 */
import { all, mark, perform, receive, send, sleep, transfer } from '../../engine/commands.ts';
import { storageRestore } from '../../model/storage/commands.ts';
import { vmRegister, vmStart } from '../../model/hypervisors/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { slotOf, type Body, type Msg, type Step } from './messages.ts';
import type { PlanHost } from './plan.ts';
import { figureStep, figureArgs } from '../../foundation/story.ts';
import { vfig } from './figure.ts';
import { addStepResult, type StepResults } from '../common/step-results.ts';

const why = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** The host's agent: hands each restore to a free slot, answers the DR services when it ends. */
export function* alternateAgent(_ctx: ProcessContext, h: PlanHost, slots: number): Step {
  const back = [...h.route].reverse();
  const free = Array.from({ length: slots }, (_, i) => slotOf(h.hypervisor, i));
  const waiting: { from: string; body: Msg<'restore'> }[] = [];
  const asker = new Map<string, string>();
  for (;;) {
    const msg = yield* perform(receive<Body>());
    const b = msg.body;
    if (b.type === 'restore') {
      waiting.push({ from: msg.from, body: b });
      if (free.length === 0) yield mark(`${h.host} runs ${slots} restore${slots > 1 ? 's' : ''} at once: VM ${b.vm} waits its turn`);
    } else if (b.type === 'restored') {
      free.push(msg.from);
      yield send(asker.get(b.vm)!, b, { route: back, label: `${b.vm} ${b.ok ? 'restored' : 'not restored'} on ${h.host}` });
    }
    while (free.length > 0 && waiting.length > 0) {
      const next = waiting.shift()!;
      asker.set(next.body.vm, next.from);
      yield send(free.shift()!, next.body, { label: `${h.host} starts the restore of ${next.body.vm}` });
    }
  }
}

/** One restore slot of an alternate host: one restore at a time, handed to it by the host's agent. */
export function* restoreSlot(ctx: ProcessContext, h: PlanHost, agent: string): Step {
  for (;;) {
    const msg = yield* perform(receive<Msg<'restore'>>({ type: 'restore' }));
    const outcome = yield* restoreHere(h, msg.body);
    yield send(agent, { ...outcome, at: ctx.now } satisfies Body);
  }
}

/**
 * FIG. 3B step 2: the restore operation, with this host's name in place of
 * the one in the backup metadata: revert the copies to the snapshot
 * (SnapRestore, instant), register the VM, power it on, read its boot data
 * from the secondary storage, and wait for the guest to answer.
 */
function* restoreHere(h: PlanHost, b: Msg<'restore'>): Step<Msg<'restored'>> {
  // the restore job's record: what the reverts and the boot reads did (register and start measure nothing)
  const results: StepResults = {};
  try {
    for (const r of b.revert) {
      addStepResult(results, storageRestore.op, yield* perform(storageRestore({ system: r.system, volume: r.volume, snapshot: b.snapshot, ...figureStep(vfig('3B', '2'), `retrieve the data of VM ${b.vm} from snapshot ${b.snapshot} on ${r.system}/${r.volume}`) })));
    }
    yield vmRegister({ vm: b.as, hypervisor: h.hypervisor, like: b.vm, volumes: b.volumes, ...figureStep(vfig('3B', '2'), `register VM ${b.vm} as ${b.as} on ${h.host}, ignoring host ${b.metadataHost} in its backup metadata`) });
    yield vmStart({ vm: b.as, ...figureStep(vfig('3B', '2'), `start VM ${b.as} on ${h.host}`) });
    const reads = bootReads(b.volumes, b.read);
    if (reads.length > 0) {
      const done = yield* perform({ ...all(reads.map((r) => transfer([r.system], r.bytes, { label: `VM ${b.as} boots: it reads ${r.bytes} bytes from ${r.system}` }))), job: b.job });
      for (const d of done) addStepResult(results, 'transfer', d);
    }
    yield sleep(b.work, ...figureArgs(vfig('3B', '2'), `VM ${b.as} boots on ${h.host} until its guest answers`));
    return { type: 'restored', vm: b.vm, as: b.as, ok: true, results };
  } catch (e) {
    return { type: 'restored', vm: b.vm, as: b.as, ok: false, why: why(e), results };
  }
}

/** A VM's boot reads, split evenly over its disks, one flow per array through the array's device link. */
export function bootReads(volumes: readonly string[], bytes: number): { system: string; bytes: number }[] {
  if (bytes <= 0 || volumes.length === 0) return [];
  const per = new Map<string, number>();
  for (const v of volumes) {
    const system = v.split('/')[0];
    per.set(system, (per.get(system) ?? 0) + bytes / volumes.length);
  }
  return [...per].map(([system, b]) => ({ system, bytes: Math.round(b) }));
}

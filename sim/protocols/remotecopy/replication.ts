/**
 * Replication of the local library to the remote one (FIG. 1), per storage
 * cell: the cell's batch logs each completed write and hands the cartridges
 * out in order to the cell's replicator, which sends one cartridge at a time:
 * with dedup its new chunks plus a reference per chunk, without (the
 * baseline) the whole backup compressed.
 *
 * The batch never waits on the network, so it can answer the auto-migration
 * layer at once: "is cartridge X still to replicate?" (FIG. 3 step 4). The
 * answer waits only for the cartridges asked about, not for the others.
 */
import { perform, receive, send, type Command, type Custom } from '../../engine/commands.ts';
import { vtlReplicate } from '../../model/vtls/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { addStepResult, type StepResults } from '../common/step-results.ts';
import type { Message, Msg } from './messages.ts';

type Steps = Generator<Command | Custom, void, any>;

export function* replicationBatch(_ctx: ProcessContext, replicator: string): Steps {
  const queue: { cartridge: string; replica: string }[] = [];
  let inFlight: string | null = null;
  let idle = false;
  const waiters: { to: string; ref: string; cartridges: string[] }[] = [];
  const pending = (c: string) => inFlight === c || queue.some((q) => q.cartridge === c);
  for (;;) {
    const m = yield* perform(receive<Message>(undefined, undefined, 'batch: wait'));
    const b = m.body;
    if (b.type === 'written') {
      if (!queue.some((q) => q.cartridge === b.cartridge)) queue.push({ cartridge: b.cartridge, replica: b.replica });
    } else if (b.type === 'next') {
      idle = true;
    } else if (b.type === 'replicated') {
      inFlight = null;
    } else if (b.type === 'await-replication') {
      waiters.push({ to: m.from, ref: b.ref, cartridges: b.cartridges });
    }
    if (idle && inFlight === null && queue.length > 0) {
      const next = queue.shift()!;
      inFlight = next.cartridge;
      idle = false;
      yield send(replicator, { type: 'replicate', ...next } satisfies Message, { label: `batch: replicate ${next.cartridge}` });
    }
    for (let i = 0; i < waiters.length; i++) {
      const w = waiters[i];
      if (w.cartridges.some(pending)) continue;
      waiters.splice(i--, 1);
      yield send(w.to, { type: 'replication-current', ref: w.ref } satisfies Message, { label: `batch: nothing pending for ${w.cartridges.join(', ')}` });
    }
  }
}

export interface ReplicatorSpec {
  batch: string;
  local: string;
  remote: string;
  wan: string[];
  dedup: boolean;
}

export function* replicator(ctx: ProcessContext, spec: ReplicatorSpec): Steps {
  for (;;) {
    yield send(spec.batch, { type: 'next' } satisfies Message);
    const m = (yield* perform(receive<Msg<'replicate'>>({ type: 'replicate' }, undefined, 'replicator: wait for a cartridge'))).body;
    const job = `replicate ${m.cartridge}`;
    yield jobBegin(job, 'replication');
    const t0 = ctx.now;
    try {
      const r = yield* perform(vtlReplicate({
        vtl: spec.local, cartridge: m.cartridge, to: spec.remote, route: spec.wan, into: m.replica,
        ...(spec.dedup ? {} : { dedup: false }),
        label: `replicator: ${m.cartridge} to ${spec.remote} ${m.replica}${spec.dedup ? ', new chunks only' : ', without dedup'}`,
      }));
      yield tally('wan_bytes', r.wireBytes);
      yield tally('replicated_bytes', r.bytes);
      yield tally('replication_time', (ctx.now - t0) / 1e9);
      const results: StepResults = {};
      addStepResult(results, vtlReplicate.op, r);
      yield jobEnd(job, r.wireBytes, undefined, results);
    } catch (e) {
      yield jobEnd(job, 0, (e as Error).message);
    }
    yield send(spec.batch, { type: 'replicated', cartridge: m.cartridge } satisfies Message);
  }
}

/**
 * A backup or restore as a pipeline: one actor per figure step, each copying
 * block after block and handing each on to the next step's actor. Steps run
 * at once on different blocks, as a kernel's readahead, an application's
 * loop, the adapters and the writeback do; between two steps at most
 * `buffers` blocks wait (a step takes block i only after the next step has
 * taken block i − buffers). In the steady state a block leaves the pipeline
 * as often as the busiest resource allows: copies on one host's cores share
 * them, so when the cores are the limit the rate is cores × copy rate over
 * that host's copies per block.
 *
 * A step that fails tells its neighbours, which tell theirs, so every actor
 * ends; the last step reports the job with the bytes it had written.
 */
import { cpuLink } from '../../foundation/link-names.ts';
import { all, perform, receive, send, sleep, transfer, mark, type Command, type Custom, type Op } from '../../engine/commands.ts';
import { volumeRead, volumeWrite } from '../../model/volumes/commands.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { jobBegin, jobEnd, tally } from '../common/report.ts';
import { addStepResult, addStepResults, type StepResults } from '../common/step-results.ts';

import { phase } from './ledger.ts';
import { stepLabel, type Step } from './steps.ts';

export interface Plan {
  job: string;
  kind: 'backup' | 'restore';
  steps: Step[];
  /** the actor of each step, in order */
  actors: string[];
  block: number;
  buffers: number;
  /** bytes to move, or null for a restore, which moves what its backup wrote */
  bytes: number | null;
  /** ticks */
  start: number;
  /** a label marked before the first block (FIG. 4 step 1, the role swap) */
  prelude?: string;
  /** the first actor of the restore that waits for this backup */
  notify?: string;
}

export type Message =
  /** the last block carries the step results of every step before (the last step reports the job with them) */
  | { type: 'block'; i: number; bytes: number; last: boolean; began: number; results?: StepResults }
  | { type: 'credit' }
  | { type: 'abort'; reason: string; began: number }
  | { type: 'backed-up'; bytes: number; error?: string };

/**
 * The command that performs one step on one block: its memory copies, with
 * the device work alongside. The copies are one flow over the host's CPU
 * link (what host.copy runs, without a helper actor per copy: a terabyte is
 * a hundred thousand of them). Every step works for the plan's job, though
 * only the first began it: the command names it, so its flows are the job's.
 */
export function stepCommand(step: Step, bytes: number, block: number, restore: boolean, job: string): Op {
  const copy = transfer([cpuLink(step.host)], bytes * step.copies);
  const label = stepLabel(step, restore);
  const data = { fig: step.fig, step: step.n, block, host: step.host, layer: step.layer, copies: step.copies };
  const work = workOf(step, bytes);
  if (work === null) return { ...copy, label, data, job };
  return { ...all([work, copy], label, data), job };
}

/** A step's device work on one block beside its copies (a read, the wire, a write), or null for copies alone. */
function workOf(step: Step, bytes: number): Op | null {
  const io = step.io;
  return io.kind === 'copy' ? null
    : io.kind === 'read' ? volumeRead({ volume: io.volume, bytes, except: io.except })
    : io.kind === 'wire' ? transfer(io.route, bytes)
    : volumeWrite({ volume: io.volume, bytes, except: io.except });
}

/** Step `k` of the plan, as an actor. */
export function* stage(ctx: ProcessContext, plan: Plan, k: number): Generator<Command | Custom, void, any> {
  const step = plan.steps[k];
  const prev = k > 0 ? plan.actors[k - 1] : null;
  const next = k < plan.actors.length - 1 ? plan.actors[k + 1] : null;
  const restore = plan.kind === 'restore';
  let total = plan.bytes ?? 0;
  let began = ctx.now;
  let error: string | null = null;
  if (prev === null) {
    if (plan.start > 0) yield sleep(plan.start, 'wait for start');
    if (plan.bytes === null) {
      const word = (yield* perform(receive<Extract<Message, { type: 'backed-up' }>>({ type: 'backed-up' }, undefined, `${plan.job} waits for its backup to end`))).body;
      total = word.bytes;
      if (word.error !== undefined || total === 0) error = `nothing to restore: its backup ${word.error === undefined ? 'wrote no bytes' : `failed (${word.error})`}`;
    }
    if (plan.prelude !== undefined && error === null) yield mark(plan.prelude, { fig: 4, step: 1, job: plan.job });
    yield jobBegin(plan.job, plan.kind);
    began = ctx.now;
    // Nothing to move: the steps after this one end at once, and the last reports why.
    if (error !== null && next !== null) yield send(next, { type: 'abort', reason: error, began } satisfies Message);
  }
  let blocks = 0, moved = 0, cpuSeconds = 0;
  // The device work's results (volume.read, transfer, volume.write): the job's record, handed down the pipeline.
  const results: StepResults = {};
  const work = workOf(step, 0)?.op;
  for (let i = 0; error === null; i++) {
    let bytes: number, last: boolean;
    if (prev === null) {
      bytes = Math.min(plan.block, total - i * plan.block);
      last = (i + 1) * plan.block >= total;
    } else {
      const m = (yield* perform(receive<Message>({ from: prev }))).body;
      if (m.type === 'abort') { error = m.reason; began = m.began; if (next !== null) yield send(next, m); break; }
      ({ bytes, last, began } = m as Message & { type: 'block' });
      if (m.type === 'block') addStepResults(results, m.results);
      yield send(prev, { type: 'credit' } satisfies Message);
    }
    if (next !== null && i >= plan.buffers) {
      const m = (yield* perform(receive<Message>({ from: next }))).body;
      if (m.type === 'abort') { error = m.reason; if (prev !== null) yield send(prev, m); break; }
    }
    try {
      const r = yield* perform(stepCommand(step, bytes, i, restore, plan.job));
      // the device work's result is the first of the step's `all`
      if (work !== undefined && Array.isArray(r)) addStepResult(results, work, r[0]);
      cpuSeconds += (bytes * step.copies) / step.copyRate;
    } catch (e) {
      error = `FIG. ${step.fig} step ${step.n} on ${step.host}: ${(e as Error).message}`;
      const abort: Message = { type: 'abort', reason: error, began };
      if (prev !== null) yield send(prev, abort);
      if (next !== null) yield send(next, abort);
      break;
    }
    blocks++;
    moved += bytes;
    if (next !== null) yield send(next, { type: 'block', i, bytes, last, began, ...(last ? { results } : {}) } satisfies Message);
    if (last) break;
  }
  yield* account(step, blocks, moved, cpuSeconds);
  if (next === null) {
    yield tally('blocks', blocks);
    yield jobEnd(plan.job, moved, error ?? undefined, results);
    yield phase(plan.job, plan.kind, began, ctx.now, moved);
    if (plan.notify !== undefined) yield send(plan.notify, { type: 'backed-up', bytes: moved, ...(error === null ? {} : { error }) } satisfies Message);
  }
}

/** What this step's copies cost, added to the protocol's counters once the step is over. */
function* account(step: Step, blocks: number, moved: number, cpuSeconds: number): Generator<Custom, void, unknown> {
  if (blocks === 0) return;
  yield tally('copies_total', blocks * step.copies);
  yield tally(`copies_${step.layer}`, blocks * step.copies);
  yield tally(`${step.role}_copies`, blocks * step.copies);
  yield tally('copied_bytes', moved * step.copies);
  yield tally('cpu_seconds', cpuSeconds);
  yield tally(`${step.role}_cpu_seconds`, cpuSeconds);
}

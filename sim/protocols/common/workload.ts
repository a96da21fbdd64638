/**
 * The scenario's own actors: one per `jobs:` entry and one per `flows:`
 * entry. Like a protocol's actors they take plain arguments and answer with
 * their return value, never by writing into the run, so a worker can run
 * them (sim/workers/catalog.ts).
 */
import type { FlowDef, JobDef } from '../../foundation/scenario.ts';
import { perform, scripted, sleep, transfer, type Command, type Custom, type TransferResult } from '../../engine/commands.ts';
import { TransferFailed } from '../../engine/errors.ts';
import type { ProcessContext } from '../../engine/kernel.ts';
import { addStepResult, type StepResults } from './step-results.ts';

/** What a job actor returns; a job still running when the run stops has none. */
export interface JobOutcome {
  start: number;
  end: number;
  bytes: number;
  error?: string;
  /** its steps' results: each numeric field summed over the steps, as `<op>.<field>` (stepResults) */
  results: StepResults;
}

/** What a flow actor returns: its transfer's result, or how far it got before failing and when. */
export type FlowOutcome = { result: TransferResult } | { error: string; delivered: number; failedAt: number };

export function* workloadJob(ctx: ProcessContext, job: Pick<JobDef, 'name' | 'start' | 'steps'>): Generator<Command | Custom, JobOutcome, unknown> {
  if (job.start > 0) yield sleep(job.start, 'wait for start');
  const start = ctx.now;
  let bytes = 0;
  const results: StepResults = {};
  let error: string | undefined;
  try {
    for (const [i, step] of job.steps.entries()) {
      const r = yield* perform(scripted(step.op === 'mark' ? step : { ...step, label: `${job.name} step ${i + 1}: ${step.op}` }));
      // A step that moves bytes says how many in its result (transfer, tape.write, san.transfer, ...).
      if (typeof r === 'object' && r !== null && 'bytes' in r && typeof r.bytes === 'number') bytes += r.bytes;
      if (step.op !== 'mark') addStepResult(results, step.op, r);
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return { start, end: ctx.now, bytes, results, ...(error === undefined ? {} : { error }) };
}

export function* workloadFlow(ctx: ProcessContext, flow: Pick<FlowDef, 'name' | 'start' | 'route' | 'bytes' | 'cap'>): Generator<Command | Custom, FlowOutcome, unknown> {
  if (flow.start > 0) yield sleep(flow.start, 'wait for start');
  try {
    return { result: yield* perform(transfer(flow.route, flow.bytes, { cap: flow.cap, label: `flow ${flow.name}` })) };
  } catch (e) {
    return { error: (e as Error).message, delivered: e instanceof TransferFailed ? e.delivered : 0, failedAt: ctx.now };
  }
}

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

/** What a job actor returns; a job still running when the run stops has none. */
export interface JobOutcome {
  start: number;
  end: number;
  bytes: number;
  error?: string;
  /** its steps' results: each numeric field summed over the steps, as `<op>.<field>` (stepResults) */
  results: Record<string, number>;
}

/**
 * Adds one step's result to a job's record: every top-level number (a count
 * true, for a flag such as an over-limit) under `<op>.<field>`, summed over
 * the job's steps. Text, lists and nested records are left out: the record
 * stays a few numbers however many steps a job has.
 */
export function addStepResult(into: Record<string, number>, op: string, result: unknown): void {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return;
  for (const [field, v] of Object.entries(result)) {
    const n = typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'boolean' ? Number(v) : undefined;
    if (n !== undefined) into[`${op}.${field}`] = (into[`${op}.${field}`] ?? 0) + n;
  }
}

/** What a flow actor returns: its transfer's result, or how far it got before failing and when. */
export type FlowOutcome = { result: TransferResult } | { error: string; delivered: number; failedAt: number };

export function* workloadJob(ctx: ProcessContext, job: Pick<JobDef, 'name' | 'start' | 'steps'>): Generator<Command | Custom, JobOutcome, unknown> {
  if (job.start > 0) yield sleep(job.start, 'wait for start');
  const start = ctx.now;
  let bytes = 0;
  const results: Record<string, number> = {};
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

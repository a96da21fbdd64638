/**
 * The scenario's own actors: one per `jobs:` entry and one per `flows:`
 * entry. Like a protocol's actors they take plain arguments and answer with
 * their return value, never by writing into the run, so a worker can run
 * them (sim/workers/catalog.ts).
 */
import type { FlowDef, JobDef } from '../../foundation/scenario.ts';
import { any, perform, scripted, sleep, transfer, type Command, type Custom, type Op, type TransferResult } from '../../engine/commands.ts';
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
  /** its backup window closed before its steps ended, and it was cancelled there (onMiss: cancel) */
  cancelled?: true;
}

/** A job's arguments: `closes` (ticks) when its window closes and a run still going is cancelled there; `retry`: a failed run starts again from its first step. */
export type JobArgs = Pick<JobDef, 'name' | 'start' | 'steps' | 'retry'> & { closes?: number };

/** Thrown into a job's own loop when its window closes first. */
class WindowClosed extends Error {}

/**
 * A step raced against its window's close: the first to settle wins, and a
 * step still going is cancelled (a transfer's undelivered bytes count as
 * cancelled). At the very instant the window closes the order of the two
 * events decides, as it would on a real scheduler's clock.
 */
function* withinWindow(ctx: ProcessContext, step: Op, closes: number): Generator<Command | Custom, unknown, unknown> {
  if (ctx.now >= closes) throw new WindowClosed();
  const r = yield* perform(any([step, sleep(closes - ctx.now, 'window closes')]));
  if (r.index === 1) throw new WindowClosed();
  return r.value;
}

/** What a flow actor returns: its transfer's result, or how far it got before failing and when. */
export type FlowOutcome = { result: TransferResult } | { error: string; delivered: number; failedAt: number };

export function* workloadJob(ctx: ProcessContext, job: JobArgs): Generator<Command | Custom, JobOutcome, unknown> {
  if (job.start > 0) yield sleep(job.start, 'wait for start');
  const start = ctx.now;
  for (let left = job.retry?.count ?? 0; ; left--) {
    const a = yield* attempt(ctx, job);
    if (a.error === undefined || a.cancelled === true || left === 0) return { start, end: ctx.now, ...a };
    const period = job.retry!.period;
    // A retry due after the window closes meets it closed (withinWindow cancels at once).
    yield sleep(job.closes === undefined ? period : Math.min(period, job.closes - ctx.now), `retry after: ${a.error}`);
  }
}

/** One run of a job's steps, in order: what they moved and returned, or the error that stopped them. */
function* attempt(ctx: ProcessContext, job: JobArgs): Generator<Command | Custom, Omit<JobOutcome, 'start' | 'end'>, unknown> {
  let bytes = 0;
  const results: StepResults = {};
  try {
    for (const [i, step] of job.steps.entries()) {
      const cmd = scripted(step.op === 'mark' ? step : { ...step, label: `${job.name} step ${i + 1}: ${step.op}` });
      const r = job.closes === undefined ? yield* perform(cmd) : yield* withinWindow(ctx, cmd, job.closes);
      // A step that moves bytes says how many in its result (transfer, tape.write, san.transfer, ...).
      if (typeof r === 'object' && r !== null && 'bytes' in r && typeof r.bytes === 'number') bytes += r.bytes;
      if (step.op !== 'mark') addStepResult(results, step.op, r);
    }
    return { bytes, results };
  } catch (e) {
    if (e instanceof WindowClosed) return { bytes, results, error: 'cancelled: its backup window closed', cancelled: true };
    return { bytes, results, error: e instanceof Error ? e.message : String(e) };
  }
}

export function* workloadFlow(ctx: ProcessContext, flow: Pick<FlowDef, 'name' | 'start' | 'route' | 'bytes' | 'cap'>): Generator<Command | Custom, FlowOutcome, unknown> {
  if (flow.start > 0) yield sleep(flow.start, 'wait for start');
  try {
    return { result: yield* perform(transfer(flow.route, flow.bytes, { cap: flow.cap, label: `flow ${flow.name}` })) };
  } catch (e) {
    return { error: (e as Error).message, delivered: e instanceof TransferFailed ? e.delivered : 0, failedAt: ctx.now };
  }
}

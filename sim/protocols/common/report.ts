/**
 * How a protocol's actors tell the run what they did, as plain commands (so
 * they work the same in a worker): a job begins, a job ends, a counter grows.
 * The run (sim/scenario/job-book.ts) answers them and turns them into the
 * jobs table and the protocol's metrics; each is traced with its label.
 */
import { command } from '../../engine/commands.ts';
import type { StoryData } from '../../foundation/story.ts';
import type { StepResults } from './step-results.ts';

export const jobBeginCommand = command<{ job: string; kind: string }>('job.begin');
export const jobEndCommand = command<{ job: string; bytes: number; error?: string; code?: string; results?: StepResults }>('job.end');
export const tallyCommand = command<{ metric: string; value: number }>('run.tally');

/** A job (a backup, a restore, a failover) begins now. */
export const jobBegin = (job: string, kind: string, label = `${kind} ${job} begins`, data?: StoryData) =>
  jobBeginCommand({ job, kind, label, ...(data === undefined ? {} : { data }) });

/** Why a job failed: in words, or in words with the code of the error behind them (what invariants decide by). */
export type JobFailure = string | { reason: string; code?: string };

/**
 * The job ended, having moved `bytes`; with `error` it failed for that
 * reason. `results` are its steps' results (step-results.ts), whichever
 * actors ran them: jobs.csv and summary.json carry them.
 */
export function jobEnd(job: string, bytes: number, error?: JobFailure, results?: StepResults, label = `${job} ${error === undefined ? 'ends' : 'fails'}`) {
  const why = error === undefined ? {} : typeof error === 'string' ? { error } : { error: error.reason, ...(error.code === undefined ? {} : { code: error.code }) };
  return jobEndCommand({ job, bytes, ...why, ...(results === undefined ? {} : { results }), label, ...(error === undefined ? {} : { data: { failed: true } satisfies StoryData }) });
}

/** Adds `value` to one of the protocol's metrics (a count, bytes, seconds). */
export const tally = (metric: string, value = 1, label?: string) => tallyCommand({ metric, value, ...(label === undefined ? {} : { label }) });

/**
 * How a protocol's actors tell the run what they did, as plain commands (so
 * they work the same in a worker): a job begins, a job ends, a counter grows.
 * The run (sim/scenario/job-book.ts) answers them and turns them into the
 * jobs table and the protocol's metrics; each is traced with its label.
 */
import { command } from '../../engine/commands.ts';

export const jobBeginCommand = command<{ job: string; kind: string }>('job.begin');
export const jobEndCommand = command<{ job: string; bytes: number; error?: string }>('job.end');
export const tallyCommand = command<{ metric: string; value: number }>('run.tally');

/** A job (a backup, a restore, a failover) begins now. */
export const jobBegin = (job: string, kind: string, label = `${kind} ${job} begins`) => jobBeginCommand({ job, kind, label });

/** The job ended, having moved `bytes`; with `error` it failed for that reason. */
export const jobEnd = (job: string, bytes: number, error?: string, label = `${job} ${error === undefined ? 'ends' : 'fails'}`) =>
  jobEndCommand({ job, bytes, ...(error === undefined ? {} : { error }), label });

/** Adds `value` to one of the protocol's metrics (a count, bytes, seconds). */
export const tally = (metric: string, value = 1, label?: string) => tallyCommand({ metric, value, ...(label === undefined ? {} : { label }) });

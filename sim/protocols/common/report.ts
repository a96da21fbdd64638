/**
 * How a protocol's actors tell the run what they did, as plain commands (so
 * they work the same in a worker): a job begins, a job ends, a counter grows.
 * The run (sim/scenario/job-book.ts) answers them and turns them into the
 * jobs table and the protocol's metrics; each is traced with its label.
 */
import type { Custom } from '../../engine/commands.ts';

/** A job (a backup, a restore, a failover) begins now. */
export function jobBegin(job: string, kind: string, label = `${kind} ${job} begins`): Custom {
  return { op: 'job.begin', job, kind, label };
}

/** The job ended, having moved `bytes`; with `error` it failed for that reason. */
export function jobEnd(job: string, bytes: number, error?: string, label = `${job} ${error === undefined ? 'ends' : 'fails'}`): Custom {
  return { op: 'job.end', job, bytes, ...(error === undefined ? {} : { error }), label };
}

/** Adds `value` to one of the protocol's metrics (a count, bytes, seconds). */
export function tally(metric: string, value = 1, label?: string): Custom {
  return { op: 'run.tally', metric, value, ...(label === undefined ? {} : { label }) };
}

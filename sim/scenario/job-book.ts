/**
 * The jobs of a run and the counters its protocol's actors keep, written
 * through commands (`job.begin`, `job.end`, `run.tally`; see
 * sim/protocols/common/report.ts) so an actor never holds a reference into
 * the run. Jobs are listed in the order they began.
 */
import { CommandError } from '../engine/errors.ts';
import type { Kernel } from '../engine/kernel.ts';
import type { JobRow } from '../foundation/result.ts';
import { jobBeginCommand, jobEndCommand, tallyCommand } from '../protocols/common/report.ts';
import type { StepResults } from '../protocols/common/step-results.ts';

interface Job {
  name: string;
  kind: string;
  actor: string;
  start: number;
  end?: number;
  bytes: number;
  error?: string;
  code?: string;
  results?: StepResults;
}

export class JobBook {
  private readonly jobs = new Map<string, Job>();
  readonly tallies = new Map<string, number>();

  /** `edge` hears each job's beginning and end, when it happens (the run's limit timeline pins its phases there). */
  constructor(kernel: Kernel, metrics: readonly string[] = [], edge?: (now: number) => void) {
    for (const m of metrics) this.tallies.set(m, 0);
    kernel.defineCommand(jobBeginCommand.op, (cmd, wait, k) => {
      const name = cmd.job as string;
      if (this.jobs.has(name)) throw new CommandError(`job.begin: a job named '${name}' has already begun`);
      this.jobs.set(name, { name, kind: cmd.kind as string, actor: k.nameOf(wait.actor.pid), start: k.now, bytes: 0 });
      edge?.(k.now);
      k.resolve(wait, undefined);
    });
    kernel.defineCommand(jobEndCommand.op, (cmd, wait, k) => {
      const j = this.jobs.get(cmd.job as string);
      if (j === undefined) throw new CommandError(`job.end: no job named '${String(cmd.job)}' has begun`);
      if (j.end !== undefined) throw new CommandError(`job.end: job '${j.name}' has already ended`);
      j.end = k.now;
      j.bytes = cmd.bytes as number;
      if (cmd.error !== undefined) j.error = cmd.error as string;
      if (cmd.code !== undefined) j.code = cmd.code as string;
      if (cmd.results !== undefined) j.results = { ...(cmd.results as StepResults) };
      edge?.(k.now);
      k.resolve(wait, undefined);
    });
    kernel.defineCommand(tallyCommand.op, (cmd, wait, k) => {
      const m = cmd.metric as string;
      if (!this.tallies.has(m)) throw new CommandError(`run.tally: '${m}' is not a metric of this run's protocol; it has: ${[...this.tallies.keys()].join(', ') || 'none'}`);
      this.tallies.set(m, this.tallies.get(m)! + (cmd.value as number));
      k.resolve(wait, undefined);
    });
  }

  rows(): JobRow[] {
    return [...this.jobs.values()].map((j) => ({
      name: j.name, kind: j.kind, actor: j.actor,
      status: j.end === undefined ? 'running' : j.error !== undefined ? 'failed' : 'completed',
      start: j.start / 1e9, end: j.end === undefined ? null : j.end / 1e9, bytes: j.bytes, reason: j.error,
      ...(j.code === undefined ? {} : { code: j.code }),
      ...(j.results === undefined ? {} : { results: j.results }),
    }));
  }
}

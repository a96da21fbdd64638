/**
 * A workload job with a `schedule:` becomes one job per occurrence before
 * the scenario's `until`, each named JOB@YYYY-MM-DD (the night it belongs
 * to: what an architect asks about, and stable when `until` moves, unlike a
 * count; no schedule form runs twice a day, and `@` is not allowed in a
 * written name, so it cannot clash with one), with the job's kind and steps
 * and, with a `window:`, the instant that occurrence's window closes; with
 * `data:`, its backup level and bytes (sim/scenario/job-backups.ts).
 */
import type { JobDef } from '../foundation/scenario.ts';
import type { Path } from '../foundation/path.ts';
import { resolveField, type FieldContext } from '../foundation/declare.ts';
import { dateAt, occurrences } from '../foundation/calendar.ts';
import { formatTime } from '../foundation/time.ts';
import { checkUnscheduled, isDrawn, planFor, stepsFor } from './job-backups.ts';
import { backupsOfPlan } from './backup-levels.ts';
import { JOB_ON_MISS, JOB_RETRIES, JOB_RETRY_PERIOD, JOB_SCHEDULE, JOB_START, JOB_WINDOW } from './sections.ts';

/** A job as written, with its name, kind and steps already resolved. */
export interface WrittenJob {
  name: string;
  kind: string;
  steps: JobDef['steps'];
  written: Record<string, unknown>;
}

/** The jobs one written job runs as: itself, or one per occurrence of its schedule. */
export function jobsOf(job: WrittenJob, run: { epoch: number; seed: number }, until: number | null, ctx: FieldContext): JobDef[] {
  const at = (f: string): Path => ['workload', 'jobs', job.name, f];
  const w = job.written;
  const schedule = resolveField(JOB_SCHEDULE, w.schedule, at('schedule'), ctx);
  const window = resolveField(JOB_WINDOW, w.window, at('window'), ctx);
  const onMiss = resolveField(JOB_ON_MISS, w.onMiss, at('onMiss'), ctx);
  if (schedule === undefined) {
    for (const f of ['window', 'onMiss', 'retries', 'retryPeriod']) if (w[f] !== undefined) ctx.fail(at(f), `${f} applies to a scheduled job: add a schedule such as 'daily 22:00', or leave ${f} out`);
    checkUnscheduled(job.name, w, job.steps, ctx);
    return [{ name: job.name, kind: job.kind, start: resolveField(JOB_START, w.start, at('start'), ctx), steps: job.steps }];
  }
  if (w.start !== undefined) ctx.fail(at('start'), 'a scheduled job starts at each occurrence of its schedule: leave start out');
  if (until === null) ctx.fail(at('schedule'), "a schedule runs until the scenario's until: set until (e.g. 'until: 10 d')");
  if (window === undefined && w.onMiss !== undefined) ctx.fail(at('onMiss'), "onMiss says what happens when the window closes: add a window such as '6 h', or leave onMiss out");
  const retry = { count: resolveField(JOB_RETRIES, w.retries, at('retries'), ctx), period: resolveField(JOB_RETRY_PERIOD, w.retryPeriod, at('retryPeriod'), ctx) };
  const starts = occurrences(schedule, run.epoch, until);
  if (starts.length === 0) ctx.fail(at('schedule'), `'${String(w.schedule)}' has no occurrence before until (${formatTime(until)} after the calendar's epoch)`);
  const plan = planFor(job.name, w, job.steps, starts, run.epoch, ctx);
  const backups = plan === null ? null : backupsOfPlan(plan, run.seed);
  return starts.map((start, i) => ({
    name: `${job.name}@${dateAt(run.epoch, start)}`, kind: job.kind, start, ...(retry.count > 0 ? { retry } : {}),
    ...(backups === null ? { steps: job.steps } : { steps: stepsFor(job.steps, backups[i]), backup: backups[i] }),
    ...(i === 0 && plan !== null && isDrawn(plan) ? { drawn: plan } : {}),
    ...(window === undefined ? {} : { window: { end: start + window, onMiss } }),
  }));
}

/**
 * A scheduled job's `data`, `level` and `levels` as written, to each
 * occurrence's backup (its level and bytes), and its steps with every
 * `bytes: data` filled in with those bytes.
 */
import type { DataPlan, JobDef } from '../foundation/scenario.ts';
import type { Path } from '../foundation/path.ts';
import { resolveField, type FieldContext } from '../foundation/declare.ts';
import { dayAt } from '../foundation/calendar.ts';
import { JOB_DATA, JOB_LEVEL, JOB_LEVELS } from './sections.ts';
import { levelOn, type Level, type LevelPolicy } from './backup-levels.ts';
import { DATA_BYTES } from './ops.ts';

type Steps = JobDef['steps'];

/** Where each step writes `data` for its bytes: [step index, parameter]. */
function dataParams(steps: Steps): [number, string][] {
  return steps.flatMap((s, i) => Object.entries(s).filter(([, v]) => v === DATA_BYTES).map(([k]): [number, string] => [i, k]));
}

/** The steps of one occurrence: each `data` replaced by its backup's bytes, or by its level where the parameter is a `level`. */
export function stepsFor(steps: Steps, backup: { bytes: number; level: Level }): Steps {
  const fill = (k: string, v: unknown) => (v !== DATA_BYTES ? v : k === 'level' ? backup.level : backup.bytes);
  return steps.map((s) => (Object.values(s).includes(DATA_BYTES) ? Object.fromEntries(Object.entries(s).map(([k, v]) => [k, fill(k, v)])) as Steps[number] : s));
}

/** Refuses data, level, levels and `bytes: data` where they cannot apply. */
export function checkUnscheduled(job: string, written: Record<string, unknown>, steps: Steps, ctx: FieldContext): void {
  const at = (...p: (string | number)[]): Path => ['workload', 'jobs', job, ...p];
  for (const f of ['data', 'level', 'levels']) if (written[f] !== undefined) ctx.fail(at(f), `${f} applies to a scheduled job: add a schedule such as 'daily 22:00', or leave ${f} out`);
  const [use] = dataParams(steps);
  if (use !== undefined) ctx.fail(at('steps', use[0], steps[use[0]].op, use[1]), "'data' is the bytes of a scheduled job's backup: give the job a schedule and data, or write a size such as '10 GB'");
}

/** The data plan of a job's occurrences starting at `starts` (ticks), or null when the job has no data. */
export function planFor(job: string, written: Record<string, unknown>, steps: Steps, starts: readonly number[], epoch: number, ctx: FieldContext): DataPlan | null {
  const at = (...p: (string | number)[]): Path => ['workload', 'jobs', job, ...p];
  const data = resolveField(JOB_DATA, written.data, at('data'), ctx);
  const level = resolveField(JOB_LEVEL, written.level, at('level'), ctx);
  const levels = resolveField(JOB_LEVELS, written.levels, at('levels'), ctx);
  if (data === undefined) {
    for (const f of ['level', 'levels']) if (written[f] !== undefined) ctx.fail(at(f), `${f} says what each backup moves of the job's data: add data such as '{ size: 1 TB, change: 1 %/day }', or leave ${f} out`);
    const [use] = dataParams(steps);
    if (use !== undefined) ctx.fail(at('steps', use[0], steps[use[0]].op, use[1]), "'data' is the bytes of the job's data: add data such as '{ size: 1 TB, change: 1 %/day }'");
    return null;
  }
  if (level !== undefined && levels !== undefined) ctx.fail(at('levels'), 'write either level (every occurrence) or levels (by calendar), not both');
  const policy: LevelPolicy = level !== undefined ? { rules: [], otherwise: level } : {
    rules: (['full', 'synthetic-full', 'differential'] as const).flatMap((l) => (levels?.[l] === undefined ? [] : [{ level: l as Level, days: levels[l] }])),
    otherwise: levels?.otherwise ?? 'incremental',
  };
  const day0 = dayAt(epoch, 0);
  const days = starts.map((t) => dayAt(epoch, t));
  return { job, model: data, levels: days.map((d) => levelOn(policy, d)), days: days.map((d) => d - day0), steps };
}

/** Does a run's seed change the plan's bytes? Only when its daily change is drawn. */
export const isDrawn = (plan: DataPlan): boolean => plan.model.changeSpread > 0 && plan.model.change > 0;

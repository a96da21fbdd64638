/**
 * A run's scheduled nights: one row per occurrence of a scheduled job (the
 * jobs named JOB@YYYY-MM-DD, sim/scenario/schedule-jobs.ts), with its level,
 * the bytes its level moves of the client's data, when it ran, and whether
 * it fitted its backup window. Beside each, the recovery point a site loss
 * that night would give: the highest replica lag the ledger read on the
 * night's day (the largest over replicas, when there are several), where the
 * run has one.
 */
import type { JobRow, RunResult } from '../sim/foundation/result.ts';
import type { DayFigure } from './year-days.ts';
import { dayOf, runDays } from './year-days.ts';

export interface Night {
  /** YYYY-MM-DD: the night the occurrence belongs to */
  date: string;
  /** days since the run's day 0 */
  day: number;
  /** the job as written, without its @date */
  job: string;
  level: string | null;
  /** bytes the level moves of the client's data */
  dataBytes: number | null;
  /** the client's data that night: what a full moves */
  dataSize: number | null;
  status: JobRow['status'];
  /** seconds after time 0 */
  start: number;
  end: number | null;
  windowEnd: number | null;
  verdict: NonNullable<JobRow['window']>['verdict'] | null;
  missedBy: number | null;
  /** seconds: the day's peak replica lag; null where the ledger reads none */
  rpo: number | null;
}

/** JOB@YYYY-MM-DD: the written job and its night, or null for a job that is not an occurrence. */
export function occurrenceOf(name: string): { job: string; date: string } | null {
  const m = /^(.+)@(\d{4}-\d{2}-\d{2})$/.exec(name);
  return m === null ? null : { job: m[1], date: m[2] };
}

/** The highest replica lag read on each day, over every replica. */
export function dailyRpo(days: readonly DayFigure[]): Map<number, number> {
  const rpo = new Map<number, number>();
  for (const f of days) if (f.measure === 'replica-lag') rpo.set(f.day, Math.max(rpo.get(f.day) ?? 0, f.peak));
  return rpo;
}

export function nightsOf(r: Pick<RunResult, 'jobs' | 'epoch'>, days: readonly DayFigure[]): Night[] {
  const calendar = runDays(r.epoch);
  const rpo = dailyRpo(days);
  return r.jobs.flatMap((j) => {
    const o = occurrenceOf(j.name);
    if (o === null) return [];
    const day = dayOf(calendar, j.start);
    return [{
      date: o.date, day, job: o.job, level: j.backup?.level ?? null, dataBytes: j.backup?.bytes ?? null, dataSize: j.backup?.size ?? null, status: j.status,
      start: j.start, end: j.end, windowEnd: j.window?.end ?? null, verdict: j.window?.verdict ?? null, missedBy: j.window?.missedBy ?? null,
      rpo: rpo.get(day) ?? null,
    }];
  });
}

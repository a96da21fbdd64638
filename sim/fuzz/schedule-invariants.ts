/**
 * What must hold of every scheduled night (sim/scenario/schedule-jobs.ts,
 * windows.ts, backup-levels.ts), checked from the run's rows and the
 * scenario's data plans: a window verdict that agrees with when the night
 * ended, data bytes that are never negative with a full moving the whole
 * day's data, and levels in order: on any night, an incremental moves at most
 * what a differential would, and that at most what a full would.
 */
import type { JobRow, RunResult } from '../foundation/result.ts';
import type { BackupLevel, DataPlan } from '../foundation/scenario.ts';
import { backupsOf, dailyChanges, type Backup } from '../scenario/backup-levels.ts';
import type { Invariant } from './invariant.ts';

/** Times in a JobRow are ticks over 1e9: a second's rounding is far below this. */
const EPS = 1e-6;

/** Why a night's window verdict disagrees with how and when it ended, or null. */
export function verdictProblem(j: JobRow, r: Pick<RunResult, 'endTime'>): string | null {
  const w = j.window;
  if (w === undefined) return null;
  const at = `${j.name} (${j.status}, ended ${j.end ?? 'never'} s, window closed ${w.end} s)`;
  switch (w.verdict) {
    case 'met': return j.status === 'completed' && j.end !== null && j.end <= w.end + EPS && w.missedBy === null ? null : `${at} is 'met'`;
    case 'failed': return j.status === 'failed' && j.end !== null && j.end <= w.end + EPS && w.missedBy === null ? null : `${at} is 'failed' within its window`;
    case 'open': return j.status === 'running' && r.endTime <= w.end + EPS && w.missedBy === null ? null : `${at} is 'open' in a run stopped at ${r.endTime} s`;
    case 'missed': {
      if (w.missedBy === null) return j.status === 'failed' && j.end !== null && j.end >= w.end - EPS ? null : `${at} missed by an unmeasured time, yet did not fail or get cancelled at or after the close`;
      const end = j.status === 'running' ? r.endTime : j.end;
      return j.status !== 'failed' && end !== null && w.missedBy > 0 && Math.abs(end - w.end - w.missedBy) <= EPS ? null : `${at} missed by ${w.missedBy} s`;
    }
  }
}

/** Why a night's backup bytes are impossible, or null. */
export function bytesProblem(j: JobRow): string | null {
  const b = j.backup;
  if (b === undefined) return null;
  if (!(b.bytes >= 0) || !(b.size >= 0)) return `${j.name}: ${b.level} of ${b.bytes} B, the data ${b.size} B`;
  if (b.level === 'full' && b.bytes !== b.size) return `${j.name}: a full moved ${b.bytes} B of ${b.size} B of data`;
  return null;
}

/** The nights of a plan to check: all of a short plan, an even spread of a long one (each check costs a pass over the plan). */
function sampled(n: number, most = 60): number[] {
  if (n <= most) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: most }, (_, k) => Math.round((k * (n - 1)) / (most - 1)));
}

/**
 * Why a plan's nights break the order of levels, or null: on each night,
 * given the levels before it, what an incremental, a differential and a full
 * would move, each at most the next; and the level the night ran moves what
 * the run says (`ran`, the night's backups in the run).
 */
export function levelOrderProblem(plan: DataPlan, seed: number, ran: readonly (Backup | undefined)[]): string | null {
  const changes = dailyChanges(plan.model, plan.days[plan.days.length - 1] ?? 0, seed, plan.job);
  const would = (i: number, level: BackupLevel): Backup => backupsOf(plan.model, [...plan.levels.slice(0, i), level], plan.days.slice(0, i + 1), changes)[i];
  for (const i of sampled(plan.days.length)) {
    if (i === 0) continue;
    const [inc, diff, full] = (['incremental', 'differential', 'full'] as const).map((l) => would(i, l).bytes);
    if (!(inc <= diff && diff <= full)) return `${plan.job} on day ${plan.days[i]}: an incremental would move ${inc} B, a differential ${diff} B, a full ${full} B`;
    const own = would(i, plan.levels[i]);
    if (ran[i] !== undefined && (ran[i]!.bytes !== own.bytes || ran[i]!.size !== own.size)) return `${plan.job} on day ${plan.days[i]}: its ${plan.levels[i]} moved ${ran[i]!.bytes} B of ${ran[i]!.size} B, its plan says ${own.bytes} B of ${own.size} B`;
  }
  return null;
}

const first = <T>(xs: readonly T[], f: (x: T) => string | null): string | null => {
  for (const x of xs) {
    const p = f(x);
    if (p !== null) return p;
  }
  return null;
};

export const SCHEDULE_INVARIANTS: Invariant[] = [
  {
    name: 'a scheduled night\'s window verdict agrees with how and when it ended',
    check: ({ result }) => first(result.jobs, (j) => verdictProblem(j, result)),
  },
  {
    name: 'a night\'s data bytes are never negative, and a full moves the day\'s whole data',
    check: ({ result }) => first(result.jobs, bytesProblem),
  },
  {
    name: 'on any night an incremental moves at most a differential, and that at most a full',
    check({ scenario, result }) {
      const rows = new Map(result.jobs.map((j) => [j.name, j]));
      // A job's occurrences are consecutive, the first carrying the plan (sim/scenario/schedule-jobs.ts).
      return first(scenario.jobs.flatMap((j, i) => (j.plan === undefined ? [] : [{ plan: j.plan, i }])), ({ plan, i }) =>
        levelOrderProblem(plan, result.seed, plan.days.map((_, k) => rows.get(scenario.jobs[i + k]?.name ?? '')?.backup as Backup | undefined)));
    },
  },
];

/**
 * Backup levels over a client's data that changes and grows: which level
 * each occurrence of a scheduled job runs, and how many bytes it moves.
 *
 * Days are counted from the calendar's epoch day (day 0, when the data has
 * its written `size`). Each day the data grows by `growth` of itself
 * (compounding: s(n) = size × (1 + growth)^n, multiplied day by day so every
 * platform gets the same doubles) and `change` of it is rewritten.
 *
 * What a backup at day n moves, its base being day b (the last backup of any
 * level for an incremental, the last full for a differential):
 *   s(b) × changed(b, n) + (s(n) − s(b))
 * the share of the data that existed at b rewritten since, plus all the data
 * created since. With `overlap: random` (each day's changes fall uniformly at
 * random, so days overlap) changed(b, n) = 1 − Π(1 − c_i) over days b+1..n;
 * with `overlap: none` (each day rewrites data no earlier day touched)
 * changed(b, n) = min(1, Σ c_i). One day apart both are c_n.
 *
 * The first occurrence of a job is a full whatever its policy says: there is
 * nothing for an incremental to build on (Veeam and NetBackup both run a full
 * then). A synthetic full moves only an incremental from the client (Veeam
 * runs the incremental first, then synthesizes the full on the repository)
 * and then counts as a full for later differentials; the server-side build
 * of the full from the chain is not modelled.
 */
import type { Schedule } from '../foundation/calendar.ts';
import type { BackupLevel, DataPlan } from '../foundation/scenario.ts';
import { runsOn } from '../foundation/calendar.ts';
import { RandomStream } from '../engine/rng.ts';

export const LEVELS = ['full', 'incremental', 'differential', 'synthetic-full'] as const satisfies readonly Level[];
export type Level = BackupLevel;

/** size: bytes at day 0; change: mean share rewritten a day; growth: share added a day; changeSpread: the change's coefficient of variation (0: every day the mean). */
export type DataModel = DataPlan['model'];

/** Levels by calendar day: the first rule whose days hold wins (full, synthetic-full, differential), else `otherwise`. */
export interface LevelPolicy {
  rules: { level: Level; days: Schedule }[];
  otherwise: Level;
}

export interface Backup {
  level: Level;
  /** the bytes this backup moves from the client */
  bytes: number;
  /** the client's data that day: what a full moves */
  size: number;
}

/** The level a policy gives a day (days since 1970-01-01). */
export function levelOn(policy: LevelPolicy, day: number): Level {
  return policy.rules.find((r) => runsOn(r.days, day))?.level ?? policy.otherwise;
}

/**
 * The rewritten share of days 1..last, drawn from a stream of the run's seed
 * and the job's name (so a job's days do not depend on other jobs or their
 * order): lognormal about the mean with the written coefficient of
 * variation, at most the whole data; the mean itself with no spread.
 */
export function dailyChanges(data: DataModel, last: number, seed: number, job: string): number[] {
  const out = [0];
  const stream = data.changeSpread > 0 && data.change > 0 ? new RandomStream(seed, `data/${job}`) : null;
  for (let d = 1; d <= last; d++) out.push(stream === null ? data.change : Math.min(1, stream.lognormalFromMean(data.change, data.changeSpread * data.change)));
  return out;
}

/** The data's size on each day 0..last. */
function sizes(data: DataModel, last: number): number[] {
  const out = [data.size];
  for (let d = 1; d <= last; d++) out.push(out[d - 1] * (1 + data.growth));
  return out;
}

/** Share of the data at day `from` rewritten over days from+1..to. */
function changed(changes: readonly number[], from: number, to: number, overlap: DataModel['overlap']): number {
  let kept = 1, sum = 0;
  for (let d = from + 1; d <= to; d++) { kept *= 1 - changes[d]; sum += changes[d]; }
  return overlap === 'random' ? 1 - kept : Math.min(1, sum);
}

/** The backups of a plan's occurrences, each day's change drawn with `seed`. */
export function backupsOfPlan(plan: DataPlan, seed: number): Backup[] {
  const last = plan.days.length === 0 ? 0 : plan.days[plan.days.length - 1];
  return backupsOf(plan.model, plan.levels, plan.days, dailyChanges(plan.model, last, seed, plan.job));
}

/** The backups of occurrences on `days` (days since day 0, ascending, one a day) at `levels`, with each day's change. */
export function backupsOf(data: DataModel, levels: readonly Level[], days: readonly number[], changes: readonly number[]): Backup[] {
  const size = sizes(data, days.length === 0 ? 0 : days[days.length - 1]);
  const since = (b: number, n: number): number => size[b] * changed(changes, b, n, data.overlap) + (size[n] - size[b]);
  let lastAny = -1, lastFull = -1;
  return days.map((n, i) => {
    const level = i === 0 ? 'full' : levels[i];
    const bytes = level === 'full' ? size[n] : since(level === 'differential' ? lastFull : lastAny, n);
    lastAny = n;
    if (level === 'full' || level === 'synthetic-full') lastFull = n;
    return { level, bytes: Math.round(bytes), size: Math.round(size[n]) };
  });
}

/**
 * A night of many clients as one bar: the year report's charts show each
 * night once, however many jobs ran in it (the bundled year has a hundred
 * clients a night). Its worst verdict, its longest run and that run's
 * window, and the bytes all its jobs moved of all their data.
 */
import type { Night } from './year-nights.ts';

export interface NightTotal {
  date: string;
  day: number;
  /** how many scheduled jobs ran that night */
  jobs: number;
  /** the worst verdict of the night's jobs: missed, failed, open, met; or their status without windows */
  verdict: string;
  /** the longest run (s), to its end or to the end of the run, and the job it was */
  longest: number;
  longestJob: string;
  /** that job's window, from its start (s); null without one */
  window: number | null;
  /** bytes the night's backups moved, and the data they backed up */
  data: number;
  size: number;
  /** the level every job ran, or 'mixed' */
  level: string;
  /** how many jobs missed their window or failed */
  bad: number;
}

const WORST = ['missed', 'failed', 'running', 'open', 'completed', 'met'];
const rank = (v: string): number => (WORST.includes(v) ? WORST.indexOf(v) : WORST.length);

/** The nights' totals, one per day that had scheduled jobs, in day order. `endTime`: where a job still running is drawn to. */
export function nightTotals(nights: readonly Night[], endTime: number): NightTotal[] {
  const out = new Map<number, NightTotal>();
  for (const n of nights) {
    const took = (n.end ?? endTime) - n.start;
    const verdict = n.verdict ?? n.status;
    const bad = n.verdict === 'missed' || n.verdict === 'failed' ? 1 : 0;
    const t = out.get(n.day);
    if (t === undefined) {
      out.set(n.day, {
        date: n.date, day: n.day, jobs: 1, verdict, longest: took, longestJob: n.job, window: n.windowEnd === null ? null : n.windowEnd - n.start,
        data: n.dataBytes ?? 0, size: n.dataSize ?? 0, level: n.level ?? '', bad,
      });
      continue;
    }
    t.jobs++;
    t.bad += bad;
    if (rank(verdict) < rank(t.verdict)) t.verdict = verdict;
    if (took > t.longest) Object.assign(t, { longest: took, longestJob: n.job, window: n.windowEnd === null ? null : n.windowEnd - n.start });
    t.data += n.dataBytes ?? 0;
    t.size += n.dataSize ?? 0;
    if (t.level !== (n.level ?? '')) t.level = 'mixed';
  }
  return [...out.values()].sort((a, b) => a.day - b.day);
}

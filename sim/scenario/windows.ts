/**
 * Did a scheduled job's run fit its backup window? Met when it completed by
 * the window's close; failed when it failed for good before the close;
 * missed when it completed after it (by how long), failed after it or was
 * cancelled at the close (by an amount nobody measured: it did not run on), or was
 * still going when the run stopped past the close (by at least that long);
 * open when the run stopped before the window closed with the job still
 * going. Times in ticks, the verdict's in seconds as a JobRow gives them.
 */
import type { JobRow } from '../foundation/result.ts';

export function windowVerdict(closes: number, outcome: { end: number; error?: string; cancelled?: true } | undefined, stopped: number): NonNullable<JobRow['window']> {
  const end = closes / 1e9;
  if (outcome === undefined) return stopped > closes ? { end, verdict: 'missed', missedBy: (stopped - closes) / 1e9 } : { end, verdict: 'open', missedBy: null };
  if (outcome.cancelled === true) return { end, verdict: 'missed', missedBy: null };
  // A run that failed for good did not back up the night: within the window that is a failure (jobs_failed counts it), not a miss.
  if (outcome.error !== undefined) return { end, verdict: outcome.end <= closes ? 'failed' : 'missed', missedBy: null };
  return outcome.end <= closes ? { end, verdict: 'met', missedBy: null } : { end, verdict: 'missed', missedBy: (outcome.end - closes) / 1e9 };
}

/** How many windows the run's jobs missed (a check may say `windows_missed == 0`). */
export const windowsMissed = (jobs: readonly JobRow[]): number => jobs.filter((j) => j.window?.verdict === 'missed').length;

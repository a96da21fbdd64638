/**
 * The retry policy: an attempt that VSS aborted (a hold past the
 * flush-and-hold window, a writer past its freeze limit) was cleaned up by
 * the time it is reported; the next one starts `retry.after` later, until
 * `retry.attempts` attempts have been made.
 */
import { sleep } from '../../engine/commands.ts';
import { tally } from '../common/report.ts';
import { seconds, type Plan, type Step } from './plan.ts';
import type { SessionResult } from './session.ts';
import { addStepResults, type StepResults } from '../common/step-results.ts';

/** Numbers attempts across the sessions of one backup, so each attempt's snapshots have their own name. */
export class AttemptCounter {
  last = 0;
  next(): number {
    return ++this.last;
  }
}

export function* withRetries(plan: Plan, counter: AttemptCounter, run: (attempt: number) => Step<SessionResult>): Step<SessionResult> {
  const results: StepResults = {};
  for (let made = 1; ; made++) {
    const attempt = counter.next();
    const r = yield* run(attempt);
    addStepResults(results, r.results);
    if ('copies' in r) return { ...r, results };
    yield tally('aborted_attempts', 1);
    if (made >= plan.retry.attempts) return { ...r, results };
    yield sleep(plan.retry.after, `attempt ${attempt} aborted (${r.abort}); retry in ${seconds(plan.retry.after)}`);
  }
}

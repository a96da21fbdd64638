/**
 * What every run of the consistentsnap protocol must show, whatever the
 * timings and the failures: in the patented design a completed backup of
 * the application's log and data disks holds the data of one instant (no torn write, no skew between the copies); in
 * either design the application's writer is frozen for as long as any volume
 * is held, every hold ends within VSS's flush-and-hold window, and the
 * attempts stay within the retry policy.
 */
import type { RunResult } from '../../foundation/result.ts';
import type { ProtocolInvariant } from '../protocol.ts';
import type { Plan } from './plan.ts';

/** Float noise on sums of seconds. */
const EPS = 1e-6;

/** VSS snapshot sets one attempt of the design asks for: one common set, or VMware's then the FCM's. */
const setsPerAttempt = (plan: Plan): number => (plan.design === 'patented' ? 1 : 2);

const completed = (plan: Plan, r: RunResult): boolean => r.jobs.some((j) => j.name === plan.job && j.status === 'completed');

export const CONSISTENTSNAP_INVARIANTS: ProtocolInvariant<Plan>[] = [
  {
    name: 'the patented design\'s completed backup of the application\'s log and data holds one instant: no torn write, no skew',
    check(plan, r) {
      // A set that leaves out the log or the data disk lacks writes by choice: it cannot be whole.
      const whole = plan.app !== null && plan.targets.includes(plan.app.log) && plan.targets.includes(plan.app.data);
      if (plan.design !== 'patented' || !whole || !completed(plan, r)) return null;
      const { torn_writes: torn, image_skew: skew } = r.metrics;
      return torn === 0 && skew === 0 ? null : `a completed backup with ${torn} torn writes and copies ${skew} s apart`;
    },
  },
  {
    name: 'no write lands while a volume is held: the writer is frozen at least as long as the holds',
    check(_plan, r) {
      const { write_stall: stall, hold_window: hold } = r.metrics;
      return stall + EPS >= hold ? null : `volumes held ${hold} s, the application's writer frozen only ${stall} s`;
    },
  },
  {
    name: 'every hold ends within the flush-and-hold window',
    check(plan, r) {
      const { hold_window: hold, snapshot_attempts: sets } = r.metrics;
      const most = (sets * plan.limits.flushHold) / 1e9;
      return hold <= most + EPS ? null : `${hold} s of hold over ${sets} snapshot sets, past ${most} s`;
    },
  },
  {
    name: 'the attempts stay within the retry policy',
    check(plan, r) {
      const { snapshot_attempts: sets, aborted_attempts: aborted } = r.metrics;
      const most = plan.retry.attempts * setsPerAttempt(plan);
      if (sets > most || aborted > most) return `${sets} snapshot sets, ${aborted} aborted, with at most ${plan.retry.attempts} attempts of ${setsPerAttempt(plan)} sets`;
      if (completed(plan, r) && aborted > most - setsPerAttempt(plan)) return `a completed backup after ${aborted} aborted attempts, with ${plan.retry.attempts} allowed`;
      return null;
    },
  },
];

/** The headline numbers every run reports, and their units; checks may name any of them. */

export const RUN_METRICS: Record<string, MetricUnit> = {
  makespan: 's', // when the last flow or job ended (or the clock stopped, if some never did)
  end_time: 's', // where the clock stopped
  bytes_offered: 'B',
  bytes_delivered: 'B', // by workload.flows
  bytes_lost: 'B', // bytes of flows that failed, not delivered
  throughput: 'B/s', // (bytes_delivered + job_bytes) / makespan
  flows_done: '',
  flows_failed: '',
  flows_running: '',
  jobs_completed: '', // workload jobs whose every step ended
  jobs_failed: '',
  job_bytes: 'B', // bytes the workload jobs' steps reported moving
  windows_missed: '', // occurrences of scheduled jobs that missed their backup window
  events: '',
};import type { MetricUnit } from '../foundation/scenario.ts';


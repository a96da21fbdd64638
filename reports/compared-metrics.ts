/**
 * Which metrics a side-by-side comparison shows: every one reported, less the
 * counters of workload flows when nothing compared is a flow (a protocol or
 * job scenario, where they are all zero). Pure, so the CLI, the HTML report
 * and the browser visualizer share it.
 */
import type { RunResult } from '../sim/foundation/result.ts';

const FLOW_METRICS = ['bytes_offered', 'bytes_delivered', 'flows_done', 'flows_failed', 'flows_running'];

/** Whether the scenario has flows of its own (`workload.flows`): the flow counters are of those, not of the flows a protocol started, which `flows` lists too. */
export const hasOwnFlows = (r: RunResult): boolean => FLOW_METRICS.slice(2).some((m) => (r.metrics[m] ?? 0) > 0);

export function comparedMetrics(results: readonly RunResult[]): string[] {
  const noFlows = !results.some(hasOwnFlows);
  const names = [...new Set(results.flatMap((r) => Object.keys(r.metrics)))];
  return names.filter((m) => !(noFlows && FLOW_METRICS.includes(m)));
}

/** Counters of the simulator's own work, not of the system simulated. */
const BOOKKEEPING = ['events'];

export interface MetricTiers {
  /** worth a reader's eye: headline first, then in the given order */
  shown: string[];
  /** behind a "show all": the same value in every design as nothing (all zero or none), a metric that repeats an earlier one, bookkeeping */
  hidden: { name: string; why: string }[];
}

/**
 * Which metrics a page leads with and which it folds away. `values(m)` is the
 * metric's value in each design or setting (undefined or NaN: none). A metric
 * is hidden when every value is zero or none, when it equals an earlier
 * shown metric in every design (end_time = makespan), or when it counts the
 * simulator's work (events); a headline metric is never hidden.
 */
export function metricTiers(names: readonly string[], values: (m: string) => readonly (number | undefined)[], headline: readonly string[] = []): MetricTiers {
  const ordered = [...headline.filter((m) => names.includes(m)), ...names.filter((m) => !headline.includes(m))];
  const shown: string[] = [];
  const hidden: MetricTiers['hidden'] = [];
  const same = (a: readonly (number | undefined)[], b: readonly (number | undefined)[]) => a.every((v, i) => v === b[i] || (Number.isNaN(v) && Number.isNaN(b[i])));
  for (const m of ordered) {
    const v = values(m);
    const twin = shown.find((s) => same(values(s), v));
    const why = headline.includes(m) ? null
      : BOOKKEEPING.includes(m) ? 'counts the simulator\'s events, not the system\'s work'
      : v.every((x) => x === undefined || x === 0 || Number.isNaN(x)) ? 'zero or none in every design'
      : twin !== undefined ? `the same as ${twin} in every design`
      : null;
    if (why === null) shown.push(m); else hidden.push({ name: m, why });
  }
  return { shown, hidden };
}

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

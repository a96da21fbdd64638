/**
 * Which metrics a side-by-side comparison shows: every one reported, less the
 * counters of workload flows when nothing compared is a flow (a protocol or
 * job scenario, where they are all zero). Pure, so the CLI, the HTML report
 * and the browser visualizer share it.
 */
import type { RunResult } from '../sim/foundation/result.ts';

const FLOW_METRICS = ['bytes_offered', 'bytes_delivered', 'flows_done', 'flows_failed', 'flows_running'];

export function comparedMetrics(results: readonly RunResult[]): string[] {
  // The scenario's own flows, not the ones a protocol started (flows.csv lists both): the counters are of those.
  const noFlows = results.every((r) => FLOW_METRICS.slice(2).every((m) => (r.metrics[m] ?? 0) === 0));
  const names = [...new Set(results.flatMap((r) => Object.keys(r.metrics)))];
  return names.filter((m) => !(noFlows && FLOW_METRICS.includes(m)));
}

/**
 * The answer of `backlab size --sweep-instant`: a fault's exposure over its
 * instant, each metric's worst case and percentiles, and the worst run as a
 * replayable line.
 */
import { formatQuantity } from './format.ts';

export interface InstantMetric {
  metric: string;
  unit: string;
  p50: number; p90: number; p99: number;
  /** the worst over the instants (the largest, or the smallest for a goal that wants more) */
  max: number;
  /** seconds: the instant it was worst at */
  at: number;
}

export interface InstantReport {
  file: string;
  scenario: string;
  fault: string;
  /** seconds: the window the instants fill */
  from: number;
  to: number;
  instants: number;
  seeds: number;
  runs: number;
  metrics: InstantMetric[];
  goals: { goal: string; met: boolean }[];
  /** the worst run of the first metric: replay it with this line, same trace hash */
  worst: { metric: string; at: number; seed: number; traceHash: string; replay: string };
}

const q = (v: number, unit: string): string => (Number.isFinite(v) ? formatQuantity(v, unit) : '-');
/** An instant to the millisecond, as a scenario writes it (a formatted duration rounds it away). */
const s = (t: number): string => `${+t.toFixed(3)} s`;

export function instantLines(r: InstantReport): string[] {
  const out = [`${r.scenario}: ${r.fault} moved across ${s(r.from)} .. ${s(r.to)}, ${r.instants} instants × ${r.seeds} seed${r.seeds === 1 ? '' : 's'} (${r.runs} runs)`, ''];
  const w = Math.max(...r.metrics.map((m) => m.metric.length), 6);
  out.push(`${'metric'.padEnd(w)}  worst          p50            p90            p99            worst at`);
  for (const m of r.metrics) out.push(`${m.metric.padEnd(w)}  ${[m.max, m.p50, m.p90, m.p99].map((v) => q(v, m.unit).padEnd(13)).join('  ')}  ${s(m.at)}`);
  out.push('');
  for (const g of r.goals) out.push(`${g.met ? 'PASS' : 'FAIL'}  ${g.goal} at every instant`);
  out.push(`worst ${r.worst.metric}: ${r.fault} at ${s(r.worst.at)}, seed ${r.worst.seed}, trace ${r.worst.traceHash}`, `  replay: ${r.worst.replay}`);
  return out;
}

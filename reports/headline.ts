/**
 * What a report leads with (a scenario's `report:` section): the phase a
 * headline metric speaks of, the capacity of what held that phase back (the
 * reference line a throughput is read against), and a design's throughput
 * over time. Browser-safe and pure, for the compare and sweep pages alike.
 */
import type { RunResult } from '../sim/foundation/result.ts';
import type { ReportSpec } from '../sim/foundation/scenario.ts';
import type { Stretch } from '../sim/foundation/limits.ts';
import { stretchName } from './explain-text.ts';

export const NO_REPORT: ReportSpec = { headline: [], x: null, scale: 'linear' };

/** The phase a metric is of: `backup_throughput` is the backup's; a metric with no phase prefix is the whole run's. */
export function phaseOf(metric: string, phases: readonly string[]): string {
  const p = phases.find((x) => metric.startsWith(`${x}_`));
  return p ?? 'run';
}

export interface Capacity {
  /** bytes/s */
  value: number;
  /** the resources, in words */
  words: string;
}

/**
 * The most the resources that held the phase back can carry: N links of one
 * class at their bandwidth (or per-flow cap) each. None when a device law or
 * a transfer's own cap held it: their ceiling depends on how they are fed.
 */
export function capacityOf(r: RunResult, metric: string): Capacity | null {
  const phases = r.bottlenecks.phases;
  const wanted = phaseOf(metric, phases.map((p) => p.phase));
  const p = phases.find((x) => x.phase === wanted) ?? phases.find((x) => x.phase === 'run');
  const value = p === undefined ? null : stretchCapacity(p);
  return value === null ? null : { value, words: stretchName(p!) };
}

/** bytes/s: what the links of a stretch's dominant class carry together, or null when no link's bandwidth held it. */
export function stretchCapacity(p: Stretch): number | null {
  if (p.limiter === null || (p.limiter.kind !== 'link' && p.limiter.kind !== 'link-cap')) return null;
  return p.limiter.capacity * Math.max(1, p.links.length);
}

/**
 * Bytes per second a run's transfers moved in each of `bins` equal spans of
 * [0, span] s, each transfer's delivered bytes spread evenly over its own
 * start to end (the rate of one transfer varies as it shares links; the
 * total over a span does not depend on how). `phase` keeps the transfers of
 * one phase (job kind), when any has it.
 */
export function transferRates(r: RunResult, span: number, bins: number, phase: string | null): number[] {
  const out = new Array<number>(bins).fill(0);
  if (!(span > 0)) return out;
  const w = span / bins;
  const flows = phase !== null && r.flows.some((f) => f.phase === phase) ? r.flows.filter((f) => f.phase === phase) : r.flows;
  for (const f of flows) {
    if (!(f.delivered > 0)) continue;
    const t0 = f.start, t1 = f.end ?? r.endTime;
    if (!(t1 > t0)) { out[Math.min(bins - 1, Math.floor(t0 / w))] += f.delivered / w; continue; }
    const perS = f.delivered / (t1 - t0);
    for (let i = Math.max(0, Math.floor(t0 / w)); i < bins && i * w < t1; i++) {
      const overlap = Math.min(t1, (i + 1) * w) - Math.max(t0, i * w);
      if (overlap > 0) out[i] += (perS * overlap) / w;
    }
  }
  return out;
}

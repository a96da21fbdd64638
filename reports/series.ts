/**
 * A run's throughput as one series per link or device: what the HTML report
 * and the visualizer chart. Browser-safe (no Node imports), so the
 * visualizer's bundle can use it.
 */
import type { RunResult } from '../sim/foundation/result.ts';

export interface Series {
  kind: 'link' | 'device';
  name: string;
  /** interval starts, seconds */
  t: number[];
  /** bytes/s over each interval */
  rate: number[];
}

/** The long-format timeseries regrouped into one series per link or device, in first-seen order. */
export function throughputSeries(r: RunResult): Series[] {
  const byKey = new Map<string, Series>();
  for (const p of r.timeseries) {
    const key = `${p.kind}\u0000${p.name}`;
    let s = byKey.get(key);
    if (s === undefined) byKey.set(key, (s = { kind: p.kind, name: p.name, t: [], rate: [] }));
    s.t.push(p.t);
    s.rate.push(p.rate);
  }
  for (const s of byKey.values()) {
    const order = s.t.map((_, i) => i).sort((a, b) => s.t[a] - s.t[b]);
    s.t = order.map((i) => s.t[i]);
    s.rate = order.map((i) => s.rate[i]);
  }
  return [...byKey.values()];
}

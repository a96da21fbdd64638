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

/** Points per series a report page embeds: a run sampled at the default (about 500 over the run) is drawn as sampled. */
export const DISPLAY_POINTS = 500;
/** Series per chart (links, devices), the busiest: a legend longer than this says nothing, and timeseries.csv has them all. */
export const DISPLAY_SERIES = 50;

export interface DisplaySeries {
  series: Series[];
  /** the width of one displayed point, seconds: the sampling interval times the points merged into one */
  interval: number;
  /** series of each kind before the busiest were picked */
  total: { link: number; device: number };
}

/**
 * What a report page charts: at most DISPLAY_SERIES series of each kind and
 * DISPLAY_POINTS points each, whatever the run's size. Adjacent intervals
 * merge into their time-weighted mean, so a merged point still carries the
 * bytes of the intervals it stands for (a short peak is flattened, not lost
 * from the total).
 */
export function displaySeries(r: RunResult): DisplaySeries {
  const all = throughputSeries(r);
  const total = { link: 0, device: 0 };
  for (const s of all) total[s.kind]++;
  const load = new Map(all.map((s) => [s, s.rate.reduce((a, b) => a + b, 0)]));
  const kept = new Set<Series>();
  for (const kind of ['link', 'device'] as const) {
    // Busiest first; ties keep first-seen order (the sort is stable).
    for (const s of all.filter((x) => x.kind === kind).sort((a, b) => load.get(b)! - load.get(a)!).slice(0, DISPLAY_SERIES)) kept.add(s);
  }
  const longest = all.reduce((n, s) => Math.max(n, s.t.length), 0);
  const k = Math.max(1, Math.ceil(longest / DISPLAY_POINTS));
  const series = all.filter((s) => kept.has(s)).map((s) => (k === 1 ? s : merge(s, k, r.interval, r.endTime)));
  return { series, interval: r.interval * k, total };
}

/** Every `k` adjacent points as one: the first one's start, the time-weighted mean rate. */
function merge(s: Series, k: number, interval: number, endTime: number): Series {
  const t: number[] = [];
  const rate: number[] = [];
  const n = s.t.length;
  for (let i = 0; i < n; i += k) {
    let bytes = 0;
    let span = 0;
    for (let j = i; j < Math.min(n, i + k); j++) {
      const dt = (j + 1 < n ? s.t[j + 1] : Math.max(s.t[j], Math.min(endTime, s.t[j] + interval))) - s.t[j];
      bytes += s.rate[j] * dt;
      span += dt;
    }
    t.push(s.t[i]);
    rate.push(span > 0 ? bytes / span : s.rate[i]);
  }
  return { kind: s.kind, name: s.name, t, rate };
}

/**
 * The share of the bytes moved that each resource to widen (rootOf, as in
 * reports/explain.ts's story) had limited by an instant: per resource, its
 * cumulative bytes as a piecewise-linear function of time, built once per run
 * from the limiter intervals, so the topology can colour "up to the cursor"
 * at every frame with a binary search per resource.
 */
import { TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import type { Limiters } from '../sim/trace/limiters.ts';
import { limiterKey, rootOf } from '../sim/foundation/limits.ts';

export interface Accrual {
  root: string;
  /** ticks of each change of rate, the bytes limited by then, and the rate (bytes/s) from then on */
  t: number[];
  bytes: number[];
  rate: number[];
}

export function accruals(lim: Limiters): Accrual[] {
  const deltas = new Map<string, Map<number, number>>();
  const add = (root: string, t: number, r: number): void => {
    let d = deltas.get(root);
    if (d === undefined) deltas.set(root, (d = new Map()));
    d.set(t, (d.get(t) ?? 0) + r);
  };
  for (const f of lim.flows.keys()) {
    for (const i of lim.intervals(f)) {
      const root = rootOf(i.limiter) ?? limiterKey(i.limiter);
      add(root, i.t0, i.rate);
      add(root, i.t1, -i.rate);
    }
  }
  return [...deltas.keys()].sort().map((root) => {
    const d = deltas.get(root)!;
    const a: Accrual = { root, t: [], bytes: [], rate: [] };
    let bytes = 0, rate = 0, last = 0;
    for (const t of [...d.keys()].sort((x, y) => x - y)) {
      bytes += (rate * (t - last)) / TICKS_PER_SECOND;
      rate += d.get(t)!;
      last = t;
      a.t.push(t); a.bytes.push(bytes); a.rate.push(rate);
    }
    return a;
  });
}

/** Bytes this resource had limited by t (ticks). */
export function limitedBy(a: Accrual, t: number): number {
  let lo = 0, hi = a.t.length - 1;
  if (hi < 0 || a.t[0] > t) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a.t[mid] <= t) lo = mid; else hi = mid - 1;
  }
  return a.bytes[lo] + (a.rate[lo] * (t - a.t[lo])) / TICKS_PER_SECOND;
}

/** Each resource's share (0..1) of the bytes moved by t; empty before anything moved. */
export function sharesAt(acc: readonly Accrual[], t: number): Map<string, number> {
  const bytes = acc.map((a) => [a.root, limitedBy(a, t)] as const);
  const total = bytes.reduce((s, [, b]) => s + b, 0);
  return new Map(total > 0 ? bytes.filter(([, b]) => b > 0).map(([root, b]) => [root, b / total]) : []);
}

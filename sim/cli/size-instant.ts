/**
 * Where in the window a fault hurts most, found by running it there: a
 * coarse scan of instants evenly across the window, then rounds of
 * refinement that halve the spacing on both sides of the worst instant so
 * far. A run's outcome is not smooth in the instant (a migration that lands
 * between two sessions costs nothing, one that lands inside a session costs
 * its whole restart), so the scan is what finds the worst stretch and the
 * refinement only sharpens it; the count of runs is said, never hidden.
 */
import { quantiles, type Quantiles } from '../protocols/vmdr/instants.ts';

export interface Probed { at: number; margin: number }

export interface WorstInstant {
  /** seconds */
  at: number;
  margin: number;
  /** every instant run, in the order run */
  tried: Probed[];
}

/** Instants evenly across [from, to): the middle of each of n equal slices. */
export function scanInstants(from: number, to: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => roundMs(from + ((i + 0.5) * (to - from)) / n));
}

const roundMs = (s: number): number => Math.round(s * 1000) / 1000;

/**
 * `probe` runs the fault at each instant (seconds) and answers each one's
 * margin (lower is worse). Ties go to the earliest instant, so the answer
 * does not depend on the order probes return in.
 */
export async function worstInstant(
  window: { from: number; to: number },
  probe: (instants: number[]) => Promise<number[]>,
  opts: { coarse: number; rounds: number },
): Promise<WorstInstant> {
  const tried: Probed[] = [];
  const run = async (ts: number[]): Promise<void> => {
    const fresh = ts.filter((t, i) => t >= window.from && t < window.to && ts.indexOf(t) === i && !tried.some((p) => p.at === t));
    if (fresh.length === 0) return;
    const ms = await probe(fresh);
    fresh.forEach((at, i) => tried.push({ at, margin: ms[i] }));
  };
  const worst = (): Probed => tried.reduce((a, b) => (b.margin < a.margin || (b.margin === a.margin && b.at < a.at) ? b : a));
  await run(scanInstants(window.from, window.to, opts.coarse));
  let step = (window.to - window.from) / opts.coarse;
  for (let r = 0; r < opts.rounds; r++) {
    step /= 2;
    const w = worst().at;
    await run([roundMs(w - step), roundMs(w + step)]);
  }
  const w = worst();
  return { at: w.at, margin: w.margin, tried };
}

/** A metric over the instants: nearest-rank percentiles and the worst (the largest, or the smallest when smaller is worse). */
export function spreadOf(values: readonly number[], largerWorse: boolean): Quantiles {
  const q = quantiles(largerWorse ? values : values.map((v) => -v), 0);
  const worst = largerWorse ? Math.max(...values) : Math.min(...values);
  return largerWorse ? { ...q, max: worst } : { p50: -q.p50, p90: -q.p90, p99: -q.p99, max: worst };
}

/**
 * The words of a sensitivity verdict, as pure functions: the designs ranked
 * with ties (two designs within a tolerance of each other are one place, not
 * an order the last nanosecond decides), which ranking wins over the
 * Latin-hypercube samples, and which assumption changes the ranking, at what
 * value.
 */

/** One design's metric at the base point, at each assumption's ends, and at every sample. */
export interface DesignRuns {
  label: string;
  base: number;
  /** by assumption name: the metric with it at its low and its high end */
  ends: Map<string, [number, number]>;
  samples: number[];
}

/** An assumption as the verdict names it: its value at a factor, in the field's own units. */
export interface Axis {
  name: string;
  /** the factor of each end (1 − range, 1 + range) */
  ends: [number, number];
  /** its value at a factor, as read: "1.5 (2 × 0.75)" */
  at(factor: number): string;
  /** false for whole numbers: the runs are the only values there are, nothing lies between them */
  continuous: boolean;
}

/**
 * Two designs whose metrics differ by at most this share of the larger are
 * tied. A reporting choice, not a figure of the equipment: a difference of
 * a thousandth is below what any input of a scenario is known to.
 */
export const TIE = 0.001;

const tied = (a: number, b: number, tie: number): boolean => a === b || Math.abs(a - b) <= tie * Math.max(Math.abs(a), Math.abs(b));

/**
 * The designs best first, in places: designs tied with a place's best share
 * it, written in the order the designs are given (so a tie reads the same
 * whichever of them is a nanosecond ahead). A missing value (NaN) comes last.
 */
export function rankPlaces(labels: readonly string[], values: readonly number[], lowerIsBetter: boolean, tie = TIE): string[][] {
  const key = (v: number): number => (Number.isNaN(v) ? Infinity : lowerIsBetter ? v : -v);
  const order = labels.map((l, i) => ({ i, v: values[i] })).sort((a, b) => key(a.v) - key(b.v));
  const places: { best: number; members: number[] }[] = [];
  for (const x of order) {
    const last = places[places.length - 1];
    if (last !== undefined && tied(last.best, x.v, tie)) last.members.push(x.i);
    else places.push({ best: x.v, members: [x.i] });
  }
  return places.map((p) => p.members.sort((a, b) => a - b).map((i) => labels[i]));
}

/** "npiv = dedicated > shared > lan" */
export const rankingText = (places: readonly (readonly string[])[]): string => places.map((p) => p.join(' = ')).join(' > ');

const pct = (k: number, n: number): string => `${k} (${Math.round((100 * k) / n)}%)`;

/** How often each outcome occurs, most often first (first seen first among equals). */
function tally(xs: readonly string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m].sort((a, b) => b[1] - a[1]);
}

/** The designs' metric along one axis, linear between the runs at its low end, the base and its high end. */
function along(d: DesignRuns, name: string, ends: [number, number], f: number): number {
  const [lo, hi] = d.ends.get(name) ?? [d.base, d.base];
  if (f <= 1) return d.base + ((lo - d.base) * (1 - f)) / (1 - ends[0]);
  return d.base + ((hi - d.base) * (f - 1)) / (ends[1] - 1);
}

/**
 * Where, going from the base toward an end, the ranking first differs from
 * the base's: the metric read linearly between the runs, found by a scan in
 * hundredths of the way and then halving the step. Null if it holds there.
 */
export function flipFactor(designs: readonly DesignRuns[], name: string, ends: [number, number], end: 0 | 1, lowerIsBetter: boolean, tie = TIE): number | null {
  const labels = designs.map((d) => d.label);
  const text = (f: number): string => rankingText(rankPlaces(labels, designs.map((d) => along(d, name, ends, f)), lowerIsBetter, tie));
  const base = text(1);
  const steps = 100;
  let same = 1;
  for (let i = 1; i <= steps; i++) {
    const f = 1 + ((ends[end] - 1) * i) / steps;
    if (text(f) === base) { same = f; continue; }
    let differs = f;
    for (let k = 0; k < 30; k++) {
      const mid = (same + differs) / 2;
      if (text(mid) === base) same = mid; else differs = mid;
    }
    return differs;
  }
  return null;
}

/**
 * The verdict on the ranking of the designs: the ranking at the base, how
 * often each design is best over the samples and how often the whole
 * ranking holds, and each assumption end that changes it (at what value,
 * where the assumption is continuous).
 */
export function rankingVerdict(designs: readonly DesignRuns[], axes: readonly Axis[], lowerIsBetter: boolean, metric: string, tie = TIE): string[] {
  if (designs.length < 2) return [];
  const labels = designs.map((d) => d.label);
  const rank = (values: number[]): string[][] => rankPlaces(labels, values, lowerIsBetter, tie);
  const base = rank(designs.map((d) => d.base));
  const baseText = rankingText(base);
  const word = `${lowerIsBetter ? 'lowest' : 'highest'} ${metric}`;
  const out = [`ranking at the base: ${baseText} (${word} first; within ${+(tie * 100).toFixed(3)}% is a tie)`];
  const n = designs[0].samples.length;
  if (n > 0) {
    const rankings = designs[0].samples.map((_, i) => rank(designs.map((d) => d.samples[i])));
    const winners = tally(rankings.map((r) => r[0].join(' = '))).map(([w, k]) => `${w} in ${pct(k, n)}`);
    const whole = rankings.filter((r) => rankingText(r) === baseText).length;
    out.push(`${word} over ${n} Latin-hypercube samples: ${winners.join(', ')}; the whole ranking holds in ${pct(whole, n)}`);
  }
  let holds = 0;
  for (const axis of axes) {
    let flipped = false;
    for (const end of [0, 1] as const) {
      const r = rankingText(rank(designs.map((d) => d.ends.get(axis.name)?.[end] ?? d.base)));
      if (r === baseText) continue;
      flipped = true;
      const f = axis.continuous ? flipFactor(designs, axis.name, axis.ends, end, lowerIsBetter, tie) : null;
      const when = f === null ? `= ${axis.at(axis.ends[end])}` : `${end === 0 ? '<' : '>'} ≈ ${axis.at(f)}`;
      out.push(`ranking flips when ${axis.name} ${when}: at ${axis.at(axis.ends[end])}, ${r}`);
    }
    if (!flipped) holds++;
  }
  if (holds > 0) out.push(holds === axes.length ? `the ranking holds at every assumption's low and high end (${holds})` : `the ranking holds at both ends of the other ${holds} of ${axes.length} assumptions`);
  return out;
}

/**
 * What a declared figure may say beyond its default: the values its field
 * accepts and the published range of the figure (a sourced figure is varied
 * within it by `backlab sensitivity`, not by ± a range), told in the README
 * and resolved onto the figure's Assumption.
 */

/** What a numeric field accepts, resolved: sensitivity never steps outside it. */
export interface Bounds {
  min?: number;
  /** exclusive minimum */
  above?: number;
  max?: number;
}

/**
 * The published range of a sourced figure, with the source that gives it
 * (vendor minimum and maximum, a range of measurements): its low and high
 * ends written as the field is ("45 s", 0.8), or as factors of the value
 * (`factors: [0.9, 1.1]`, which suits a default a table derives). An end not
 * given is the value itself (a default at the edge of its range).
 */
export interface Spread {
  low?: string | number;
  high?: string | number;
  factors?: readonly [number, number];
  source: string;
}

/** A spread resolved around a value, as a run's Assumption carries it. */
export interface ResolvedSpread {
  low: number;
  high: number;
  source: string;
}

/** A spread's ends around `value`, resolved as the field reads them. */
export function spreadAt(spread: Spread, value: number, resolve: (w: unknown) => unknown): ResolvedSpread {
  const end = (w: string | number | undefined, i: 0 | 1): number => (w !== undefined ? resolve(w) as number : value * (spread.factors?.[i] ?? 1));
  return { low: end(spread.low, 0), high: end(spread.high, 1), source: spread.source };
}

/** A spread as the README tells it, after the source. */
export function spreadText(spread: Spread | undefined): string {
  if (spread === undefined) return '';
  const end = (w: string | number | undefined, i: 0 | 1): string => (w !== undefined ? String(w) : spread.factors === undefined ? 'the default' : `× ${spread.factors[i]}`);
  return `. Published range (sensitivity varies it there): ${end(spread.low, 0)} to ${end(spread.high, 1)}, ${spread.source}`;
}

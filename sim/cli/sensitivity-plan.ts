/**
 * What `backlab sensitivity` runs, as pure functions: the assumptions it
 * varies (the numeric ones, grouped by declared name so sixteen drives'
 * back-hitch move together), each one's low and high ends, a seeded Latin
 * hypercube over all of them, and the settings that put a factor on a
 * scenario. The runs and the report are the command's (sensitivity.ts).
 */
import type { Assumption } from '../foundation/declare.ts';
import { RandomStream } from '../engine/rng.ts';
import { parseSetting, type Setting } from '../scenario/overrides.ts';

const NUMERIC = new Set(['size', 'rate', 'duration', 'number', 'integer']);

/** An assumption sensitivity can vary: a declared name with a number for a value. */
export const variable = (a: Assumption): boolean => NUMERIC.has(a.kind) && typeof a.value === 'number';

/**
 * The names to vary, in declaration order: every numeric one whose ends
 * differ (a field whose bounds leave it one value is not varied), or those
 * `only` names (a name or its last part).
 */
export function dimensionsOf(list: readonly Assumption[], only: readonly string[] = [], range = 0.5): string[] {
  const names = [...new Set(list.filter(variable).map((a) => a.name))].filter((n) => {
    const [lo, hi] = endFactors(list, n, range);
    return lo !== hi;
  });
  if (only.length === 0) return names;
  return names.filter((n) => only.some((o) => n === o || n.endsWith(`.${o}`)));
}

/** A value kept inside what its field accepts (a range below 100 % keeps a positive value positive). */
export function clamped(a: Assumption, v: number): number {
  const { min, max } = a.bounds ?? {};
  return Math.min(max ?? Infinity, Math.max(min ?? -Infinity, v));
}

/**
 * An assumption's low and high values: a sourced figure within its declared
 * spread (the published range), any other (UNSOURCED, or sourced with no
 * published range) at ± range of its value; never outside its bounds.
 */
export function valueEnds(a: Assumption, range: number): [number, number] {
  const v = a.value as number;
  const [lo, hi] = a.spread !== undefined && !a.unsourced ? [a.spread.low, a.spread.high] : [v * (1 - range), v * (1 + range)];
  return [clamped(a, lo), clamped(a, hi)];
}

/** A name's low and high ends as factors of its value (its first instance's: instances of one name share a declaration). */
export function endFactors(list: readonly Assumption[], name: string, range: number): [number, number] {
  const a = list.find((x) => x.name === name && variable(x));
  if (a === undefined || a.value === 0) return [1, 1];
  const [lo, hi] = valueEnds(a, range);
  return [lo / (a.value as number), hi / (a.value as number)];
}

/** A value written back the way the field reads it: whole bytes and ns (a size is a count of bytes), exact bytes/s. */
export function written(a: Assumption, value: number): string | number {
  switch (a.kind) {
    case 'size': return `${Math.round(value)} B`;
    case 'rate': return `${value} B/s`;
    case 'duration': return `${Math.round(value)} ns`;
    case 'integer': return Math.max(1, Math.round(value));
    default: return value;
  }
}

/** The settings that multiply each named assumption's every instance by its factor. */
export function settingsFor(list: readonly Assumption[], factors: ReadonlyMap<string, number>): Setting[] {
  return list.filter((a) => variable(a) && factors.has(a.name)).map((a) => {
    const w = written(a, clamped(a, (a.value as number) * factors.get(a.name)!));
    return parseSetting(`${a.path}=${typeof w === 'number' ? w : JSON.stringify(w)}`);
  });
}

/**
 * A Latin hypercube: n points in [0, 1)^dims, each dimension cut into n
 * strata with exactly one point in each, the strata paired at random.
 * Seeded, so the same (n, dims, seed) gives the same points.
 */
export function latinHypercube(n: number, dims: number, seed: number): number[][] {
  const rng = new RandomStream(seed, 'sensitivity/lhs');
  const points = Array.from({ length: n }, () => new Array<number>(dims).fill(0));
  for (let d = 0; d < dims; d++) {
    const strata = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.integer(0, i);
      [strata[i], strata[j]] = [strata[j], strata[i]];
    }
    for (let i = 0; i < n; i++) points[i][d] = (strata[i] + rng.next()) / n;
  }
  return points;
}

/**
 * A point of the unit box as factors: each assumption from its low end (0)
 * through its value (0.5) to its high end (1), linear on either side, so an
 * end at the value (a default at the edge of its published range) is one.
 */
export function factorsAt(names: readonly string[], point: readonly number[], ends: (name: string) => [number, number]): Map<string, number> {
  return new Map(names.map((n, d) => {
    const [lo, hi] = ends(n);
    const u = point[d];
    return [n, u < 0.5 ? lo + (1 - lo) * 2 * u : 1 + (hi - 1) * (2 * u - 1)];
  }));
}


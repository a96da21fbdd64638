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

/** The names to vary, in declaration order: every numeric one, or those `only` names (a name or its last part). */
export function dimensionsOf(list: readonly Assumption[], only: readonly string[] = []): string[] {
  const names = [...new Set(list.filter(variable).map((a) => a.name))];
  if (only.length === 0) return names;
  return names.filter((n) => only.some((o) => n === o || n.endsWith(`.${o}`)));
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
    const w = written(a, (a.value as number) * factors.get(a.name)!);
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

/** A point of the unit box as factors: each assumption between 1 − range and 1 + range. */
export const factorsAt = (names: readonly string[], point: readonly number[], range: number): Map<string, number> =>
  new Map(names.map((n, d) => [n, 1 - range + 2 * range * point[d]]));

/**
 * The search of `backlab size`, as pure functions over a grid of
 * configurations (one index per axis, each axis cheapest first). With more
 * of every resource never worse (monotone), a configuration at or above a
 * feasible one is feasible and one at or below an infeasible one is
 * infeasible; so what is known follows from the runs alone, and the next
 * run bisects the unknown stretch of the first configuration not yet known,
 * along the last monotone axis. An axis the runs show is not monotone is
 * compared on equality only: its every value is then run (the full grid
 * along it). The result is exact: every configuration's feasibility is known
 * (run or implied), so the minimal feasible ones are those of the full grid.
 */

export type Point = number[];

export interface Known {
  point: Point;
  met: boolean;
  /** per goal, its worst value over the seeds (for the monotonicity check) */
  worst: number[];
}

/** Per goal: whether a larger value is worse (a goal "m <= L" or "m < L"). */
export type Worse = (goal: number, a: number, b: number) => boolean;

export const keyOf = (p: readonly number[]): string => p.join(',');

/** Every point of the grid in lexicographic order, the last axis varying fastest. */
export function gridPoints(sizes: readonly number[]): Point[] {
  let out: Point[] = [[]];
  for (const n of sizes) out = out.flatMap((p) => Array.from({ length: n }, (_, i) => [...p, i]));
  return out;
}

/** a ≤ b on the monotone axes and equal on the others. */
function below(a: readonly number[], b: readonly number[], monotone: readonly boolean[]): boolean {
  return a.every((x, i) => (monotone[i] ? x <= b[i] : x === b[i]));
}

/** Whether a point is feasible as the runs imply: true, false, or undefined (not yet known). */
export function implied(p: readonly number[], runs: readonly Known[], monotone: readonly boolean[]): boolean | undefined {
  for (const r of runs) {
    if (r.met && below(r.point, p, monotone)) return true;
    if (!r.met && below(p, r.point, monotone)) return false;
  }
  return undefined;
}

/**
 * The next configuration to run, or null when every one is known: the
 * middle of the unknown stretch, along the last monotone axis, through the
 * first unknown point (lexicographic order, so the cheap corners first).
 */
export function nextProbe(sizes: readonly number[], runs: readonly Known[], monotone: readonly boolean[]): Point | null {
  const first = gridPoints(sizes).find((p) => implied(p, runs, monotone) === undefined);
  if (first === undefined) return null;
  const grown = grow(sizes, runs, monotone);
  if (grown !== null) return grown;
  const axis = monotone.lastIndexOf(true);
  if (axis < 0) return first;
  const unknown: number[] = [];
  for (let v = 0; v < sizes[axis]; v++) {
    const q = [...first]; q[axis] = v;
    if (implied(q, runs, monotone) === undefined) unknown.push(v);
  }
  const probe = [...first];
  probe[axis] = unknown[Math.floor((unknown.length - 1) / 2)];
  return probe;
}

/**
 * After a configuration fails, the same one with one more axis at its
 * highest value: if that fails too, every configuration below it is known
 * infeasible in one run. Where the axes bind separately (enough drives AND
 * enough HBAs), a few such runs settle whole slabs of the grid that
 * bisection along one axis would visit column by column.
 */
function grow(sizes: readonly number[], runs: readonly Known[], monotone: readonly boolean[]): Point | null {
  const last = runs[runs.length - 1];
  if (last === undefined || last.met) return null;
  for (let j = 0; j < sizes.length; j++) {
    if (!monotone[j] || last.point[j] === sizes[j] - 1) continue;
    const q = [...last.point]; q[j] = sizes[j] - 1;
    if (implied(q, runs, monotone) === undefined) return q;
  }
  return null;
}

/**
 * The axes a new run shows are not monotone: a goal worse at a higher value
 * of one axis than at a lower one, all else equal.
 */
export function nonMonotoneAxes(run: Known, runs: readonly Known[], worse: Worse): number[] {
  const out: number[] = [];
  for (const r of runs) {
    if (r === run) continue;
    const diff = r.point.map((x, i) => (x === run.point[i] ? -1 : i)).filter((i) => i >= 0);
    if (diff.length !== 1) continue;
    const [lo, hi] = r.point[diff[0]] < run.point[diff[0]] ? [r, run] : [run, r];
    if (hi.worst.some((v, g) => worse(g, v, lo.worst[g])) && !out.includes(diff[0])) out.push(diff[0]);
  }
  return out;
}

/** The feasible points no other feasible point is at or below (on every axis): the minimal configurations. */
export function minimalFeasible(sizes: readonly number[], runs: readonly Known[], monotone: readonly boolean[]): Point[] {
  const feasible = gridPoints(sizes).filter((p) => implied(p, runs, monotone) === true);
  const all = sizes.map(() => true);
  return feasible.filter((p) => !feasible.some((q) => q !== p && below(q, p, all)));
}

/**
 * Runs the search: `evaluate` runs one configuration (all its seeds) and
 * says whether it met the goals; `note` hears of an axis found not monotone.
 * Returns every run in the order run, and the axes kept monotone.
 */
export async function search(
  sizes: readonly number[],
  evaluate: (p: Point) => Promise<Known>,
  worse: Worse,
  opts: { monotone: boolean[]; note?: (axis: number, at: Known) => void },
): Promise<{ runs: Known[]; monotone: boolean[] }> {
  const monotone = [...opts.monotone];
  const runs: Known[] = [];
  for (let p = nextProbe(sizes, runs, monotone); p !== null; p = nextProbe(sizes, runs, monotone)) {
    const k = await evaluate(p);
    runs.push(k);
    for (const axis of nonMonotoneAxes(k, runs, worse)) {
      if (!monotone[axis]) continue;
      monotone[axis] = false;
      opts.note?.(axis, k);
    }
  }
  return { runs, monotone };
}

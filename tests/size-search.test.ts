import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { gridPoints, minimalFeasible, search, type Known, type Point } from '../sim/cli/size-search.ts';

/** The minimal feasible points by brute force: every point judged, none implied. */
function bruteFrontier(sizes: number[], feasible: (p: Point) => boolean): string[] {
  const ok = gridPoints(sizes).filter(feasible);
  return ok.filter((p) => !ok.some((q) => q !== p && q.every((x, i) => x <= p[i]))).map((p) => p.join(','));
}

async function searched(sizes: number[], feasible: (p: Point) => boolean, monotone = true) {
  const seen: Point[] = [];
  const { runs, monotone: kept } = await search(sizes, async (p): Promise<Known> => { seen.push(p); return { point: p, met: feasible(p), worst: [feasible(p) ? 0 : 1] }; },
    (_, a, b) => a > b, { monotone: sizes.map(() => monotone) });
  return { runs, frontier: minimalFeasible(sizes, runs, kept).map((p) => p.join(',')), seen };
}

// A monotone staircase: enough of a + 2b + c (drives, HBAs, servers with their own weights) meets the goal.
const staircase = (need: number) => (p: Point): boolean => p[0] + 2 * p[1] + (p[2] ?? 0) >= need;

test('on a 3-axis grid the search finds the full grid\'s minimal configurations with at least 3x fewer runs', async () => {
  const sizes = [8, 5, 6];
  const { runs, frontier } = await searched(sizes, staircase(9));
  assert.equal(frontier, bruteFrontier(sizes, staircase(9)));
  assert.ok(frontier.length > 5, 'a frontier of many points, not a corner');
  assert.ok(runs.length * 3 <= 8 * 5 * 6, `${runs.length} runs of 240`);
});

test('on a 2-axis grid with a product goal (parallel lanes x rate) the frontier is the full grid\'s', async () => {
  const sizes = [16, 6];
  const ok = (p: Point): boolean => (p[0] + 1) * (p[1] + 1) >= 12;
  const { runs, frontier } = await searched(sizes, ok);
  assert.equal(frontier, bruteFrontier(sizes, ok));
  assert.equal(frontier, ['1,5', '2,3', '3,2', '5,1', '11,0']);
  assert.ok(runs.length < 96);
});

test('a grid nothing meets gives no frontier; one everything meets gives the cheapest corner, bisected in two runs', async () => {
  assert.equal((await searched([4, 4], () => false)).frontier, []);
  const all = await searched([4, 4], () => true);
  assert.equal(all.frontier, ['0,0']);
  assert.is(all.runs.length, 2);
});

test('without monotonicity every configuration is run, and the frontier is still the full grid\'s', async () => {
  const sizes = [4, 3];
  const { runs, frontier } = await searched(sizes, staircase(4), false);
  assert.is(runs.length, 12);
  assert.equal(frontier, bruteFrontier(sizes, staircase(4)));
});

test('an axis where a goal is worse at a higher value is no longer trusted, and its values are all run', async () => {
  // The goal metric rises with axis 0 past 2: more of it is worse there (a faulty "more is better").
  const metric = (p: Point): number => (p[0] >= 2 ? 10 - p[1] + p[0] : 10 - p[1] - p[0]);
  const ok = (p: Point): boolean => metric(p) <= 7;
  const notes: number[] = [];
  const { runs, monotone } = await search([5, 4], async (p) => ({ point: p, met: ok(p), worst: [metric(p)] }), (_, a, b) => a > b, { monotone: [true, true], note: (axis) => notes.push(axis) });
  assert.ok(notes.includes(0), 'axis 0 said to be not monotone');
  assert.is(monotone[0], false);
  const frontier = minimalFeasible([5, 4], runs, monotone).map((p) => p.join(','));
  assert.equal(frontier, bruteFrontier([5, 4], ok));
});

test.run();

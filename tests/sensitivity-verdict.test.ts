import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flipFactor, rankingText, rankingVerdict, rankPlaces, type Axis, type DesignRuns } from '../sim/cli/sensitivity-verdict.ts';

const runs = (label: string, base: number, x: [number, number], samples: number[]): DesignRuns => ({ label, base, ends: new Map([['x', x]]), samples });
const axis = (continuous: boolean): Axis => ({ name: 'x', ends: [0.5, 1.5], at: (f) => `${+(2 * f).toFixed(3)} s`, continuous });

test('designs within the tolerance share a place; a time ranks lower first, a rate higher first', () => {
  // The flagship's npiv and dedicated differ by 50 ns in 38 min: one place, not an order.
  const labels = ['lan', 'npiv', 'dedicated', 'shared'];
  assert.is(rankingText(rankPlaces(labels, [4027.1, 2277.22262, 2277.22257, 2325.3], true)), 'npiv = dedicated > shared > lan');
  assert.is(rankingText(rankPlaces(labels, [4027.1, 2277.22257, 2277.22262, 2325.3], true)), 'npiv = dedicated > shared > lan');
  assert.is(rankingText(rankPlaces(labels, [795e6, 1.41e9, 1.41e9, 1.38e9], false)), 'npiv = dedicated > shared > lan');
  // 0.1% apart is still a tie, 0.2% is not; a missing value comes last.
  assert.equal(rankPlaces(['a', 'b', 'c'], [1000, 1001, NaN], true), [['a', 'b'], ['c']]);
  assert.equal(rankPlaces(['a', 'b'], [1000, 1002], true), [['a'], ['b']]);
});

test('the verdict calls a tie a tie, counts the winners over the samples, and holds when nothing flips', () => {
  const designs = [runs('a', 10, [9, 11], [10, 12, 9]), runs('b', 10, [9, 11], [10, 12, 9]), runs('c', 20, [18, 22], [20, 11, 9])];
  assert.equal(rankingVerdict(designs, [axis(true)], true, 'makespan'), [
    'ranking at the base: a = b > c (lowest makespan first; within 0.1% is a tie)',
    'lowest makespan over 3 Latin-hypercube samples: a = b in 1 (33%), c in 1 (33%), a = b = c in 1 (33%); the whole ranking holds in 1 (33%)',
    "the ranking holds at every assumption's low and high end (1)",
  ]);
});

test('a flip is placed where the designs cross, read linearly between the runs', () => {
  // b's makespan falls from 12 at the base to 8 at x × 0.5, a's stays 10: they cross at x × 0.75, 1.5 s.
  const designs = [runs('a', 10, [10, 10], []), runs('b', 12, [8, 12], [])];
  assert.ok(Math.abs(flipFactor(designs, 'x', [0.5, 1.5], 0, true, 0)! - 0.75) < 1e-6);
  assert.is(flipFactor(designs, 'x', [0.5, 1.5], 1, true, 0), null);
  assert.equal(rankingVerdict(designs, [axis(true)], true, 'makespan', 0), [
    'ranking at the base: a > b (lowest makespan first; within 0% is a tie)',
    'ranking flips when x < ≈ 1.5 s: at 1 s, b > a',
  ]);
  // A whole number has no value between its runs: the flip is named at the end.
  assert.equal(rankingVerdict(designs, [axis(false)], true, 'makespan', 0).slice(1), ['ranking flips when x = 1 s: at 1 s, b > a']);
});

test.run();

import { readFileSync } from 'node:fs';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { dimensionsOf, endFactors, factorsAt, settingsFor, valueEnds } from '../sim/cli/sensitivity-plan.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import type { Assumption } from '../sim/foundation/declare.ts';

const FLAGSHIP = 'scenarios/lan-vs-lanfree.yaml';
const list = loadScenario(FLAGSHIP, readFileSync(FLAGSHIP, 'utf8'), { variant: 'lan' }).assumptions;
const first = (name: string): Assumption => list.find((a) => a.name === name)!;

test('a sourced figure goes to the ends of its published spread, not to ± the range', () => {
  // IBM's LTO spec: average locate 45 s, 45-73 s over LTO-9/10
  assert.equal(valueEnds(first('libraries.*.drives.*.locate'), 0.5), [45e9, 73e9]);
  // CacheBench single-core copies, 5896-11525 MB/s
  assert.equal(valueEnds(first('servers.*.copyBandwidth'), 0.5), [5896e6, 11525e6]);
  // a table-derived default with a spread in factors: the LTO-8 native 360 MB/s up to its top speed step, 2 % above
  const [lo, hi] = valueEnds(first('libraries.*.drives.*.nativeRate'), 0.5);
  assert.equal([lo, Math.round(hi)], [360e6, 367.2e6]);
  // the --range does not move a spread
  assert.equal(endFactors(list, 'libraries.*.drives.*.locate', 0.2), [1, 73 / 45]);
});

test('an UNSOURCED figure goes to ± the range', () => {
  assert.equal(valueEnds(first('libraries.*.drives.*.backhitch'), 0.5), [1e9, 3e9]);
  assert.equal(endFactors(list, 'servers.*.ioCycles', 0.25), [0.75, 1.25]);
});

test('the ends never leave the field\'s bounds, and a field left one value is not varied', () => {
  // compression: at least 1, default 1; -50 % would be 0.5
  assert.equal(valueEnds(first('libraries.*.drives.*.compression'), 0.5), [1, 1.5]);
  // SDPS's share: at most 1
  assert.equal(valueEnds(first('servers.*.lpm.slowdownShare'), 0.5), [0.25, 0.75]);
  const share: Assumption = { ...first('servers.*.lpm.slowdownShare'), value: 0.8 };
  assert.equal(valueEnds(share, 0.5), [0.4, 1]);
  // an LTO-8 drive optimises no medium: 0 s, varied by no factor
  assert.equal(endFactors(list, 'libraries.*.drives.*.mediaOptimisation', 0.5), [1, 1]);
  const names = dimensionsOf(list, [], 0.5);
  assert.not.ok(names.includes('libraries.*.drives.*.mediaOptimisation'));
  assert.ok(names.includes('libraries.*.drives.*.compression') && names.includes('servers.*.ioCycles') && names.includes('libraries.*.drives.*.nativeRate'));
  // a value already at its only legal value
  const pinned: Assumption = { ...first('libraries.*.drives.*.compression'), name: 'pinned', bounds: { min: 1, max: 1 } };
  assert.equal(dimensionsOf([pinned], [], 0.5), []);
});

test('a sample point runs from the low end through the value to the high end, and its settings stay in bounds', () => {
  const ends = (n: string) => endFactors(list, n, 0.5);
  const at = (u: number) => factorsAt(['libraries.*.drives.*.locate', 'libraries.*.drives.*.compression'], [u, u], ends);
  assert.equal([...at(0).values()], [1, 1]);
  assert.equal([...at(0.5).values()], [1, 1]);
  assert.equal(at(1).get('libraries.*.drives.*.locate'), 73 / 45);
  assert.equal(at(0.75).get('libraries.*.drives.*.compression'), 1.25);
  // a factor past a bound (as an older plan gave) is written back clamped: compression 0.5 is 1
  const set = settingsFor(list, new Map([['libraries.*.drives.*.compression', 0.5]]));
  assert.equal(set.length, 4);
  assert.ok(set.every((s) => s.value === 1), JSON.stringify(set.map((s) => s.value)));
});

test.run();

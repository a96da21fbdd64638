import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { scanInstants, spreadOf, worstInstant } from '../sim/cli/size-instant.ts';

// A fault whose cost is a narrow dip: 20 s wide around 290 s in a 1000 s window, deepest at 290 s.
const dip = (t: number): number => (Math.abs(t - 290) < 10 ? -1 + Math.abs(t - 290) / 10 : 0.2);

test('the scan lands in the dip and the refinement moves to within a step of its bottom, the runs counted', async () => {
  const probed: number[] = [];
  const w = await worstInstant({ from: 0, to: 1000 }, async (ts) => { probed.push(...ts); return ts.map(dip); }, { coarse: 100, rounds: 3 });
  assert.ok(Math.abs(w.at - 290) <= 1.25, `worst at ${w.at}`);
  assert.is(w.margin, dip(w.at));
  assert.is(w.tried.length, probed.length);
  assert.ok(probed.length <= 100 + 2 * 3, `${probed.length} runs`);
  for (const t of probed) assert.ok(t >= 0 && t < 1000, `${t} in the window`);
});

test('a scan too coarse to land in the dip says the flat value: the count of instants is the user\'s to raise', async () => {
  const w = await worstInstant({ from: 0, to: 1000 }, async (ts) => ts.map(dip), { coarse: 8, rounds: 3 });
  assert.is(w.margin, 0.2);
});

test('ties go to the earliest instant, whatever order the probes answer in', async () => {
  const w = await worstInstant({ from: 0, to: 100 }, async (ts) => [...ts].reverse().map(() => 0), { coarse: 4, rounds: 2 });
  assert.is(w.at, Math.min(...w.tried.map((p) => p.at)));
  assert.equal(scanInstants(0, 100, 4), [12.5, 37.5, 62.5, 87.5]);
});

test('the spread over instants: nearest-rank percentiles, and the worst by the goal\'s direction', () => {
  const v = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(spreadOf(v, true), { p50: 50, p90: 90, p99: 99, max: 100 });
  const low = spreadOf(v, false);
  assert.is(low.max, 1);
  assert.is(low.p50, 51); // the 50th worst of 100, counted from the smallest
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { explainRun, parseAt } from '../sim/cli/explain.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { bottleneckStory } from '../reports/explain.ts';
import { limiterKey, rootOf } from '../sim/foundation/limits.ts';
import { TICKS_PER_SECOND } from '../sim/foundation/time.ts';
import { accruals, sharesAt } from '../viz/limited-share.ts';
import { FLAGSHIP, lanWithoutMigration } from './support/flagship.ts';

const { lim } = explainRun(loadScenario(FLAGSHIP, lanWithoutMigration()));
const acc = accruals(lim);
const near = (a: number, b: number, what: string): void => assert.ok(Math.abs(a - b) <= 1e-9, `${what}: ${a} vs ${b}`);

test('at the end of the run: the story\'s shares by the resource to widen, the SEAs hottest', () => {
  const end = sharesAt(acc, lim.end);
  const roots = bottleneckStory(lim).roots;
  assert.equal([...end.keys()].sort(), roots.map((r) => r.root).sort());
  for (const r of roots) near(end.get(r.root)!, r.share, r.root);
  const hottest = [...end].sort((a, b) => b[1] - a[1])[0][0];
  assert.match(hottest, /^vios[12]\.sea$/);
});

test('up to an instant: every interval clipped there, summed by hand', () => {
  for (const t of [parseAt('0:05:00'), parseAt('0:47:13'), parseAt('1:30:00')]) {
    const bytes = new Map<string, number>();
    let total = 0;
    for (const f of lim.flows.keys()) {
      for (const i of lim.intervals(f)) {
        const b = (i.rate * Math.max(0, Math.min(t, i.t1) - i.t0)) / TICKS_PER_SECOND;
        const root = rootOf(i.limiter) ?? limiterKey(i.limiter);
        bytes.set(root, (bytes.get(root) ?? 0) + b);
        total += b;
      }
    }
    const got = sharesAt(acc, t);
    for (const [root, b] of bytes) near(got.get(root) ?? 0, b / total, `${root} at ${t}`);
  }
  assert.is(sharesAt(acc, 0).size, 0, 'nothing moved before the start');
});

test.run();

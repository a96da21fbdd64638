import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { explainRun, parseAt } from '../sim/cli/explain.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { bottleneckStory } from '../reports/explain.ts';
import { flowAtText, instantText } from '../reports/explain-text.ts';
import { packLimiters, unpackLimiters } from '../viz/limiter-data.ts';
import { FLAGSHIP, lanWithoutMigration } from './support/flagship.ts';

const run = explainRun(loadScenario(FLAGSHIP, lanWithoutMigration()));
const lim = run.lim;
// What crosses from the worker to the page: a structured clone.
const back = unpackLimiters(structuredClone(packLimiters(lim)));

test('every flow\'s intervals, the bytes by limiter and the end survive packing and a structured clone', () => {
  assert.ok(lim.flows.size > 1000, `${lim.flows.size} flows`);
  assert.is(back.end, lim.end);
  assert.equal(back.bytes, lim.bytes);
  assert.equal([...back.flows.values()], [...lim.flows.values()]);
  for (const f of lim.flows.keys()) assert.equal(back.intervals(f), lim.intervals(f), `flow ${f}`);
  assert.equal(back.intervals(-5), []);
});

test('group members at an instant are the trace module\'s', () => {
  let checked = 0;
  for (const f of [...lim.flows.keys()].filter((_, i) => i % 97 === 0)) {
    for (const i of lim.intervals(f)) {
      const mid = Math.floor((i.t0 + i.t1) / 2);
      assert.equal(back.members(i.group, mid), lim.members(i.group, mid), `group ${i.group} at ${mid}`);
      assert.equal(back.members(i.group, i.t0), lim.members(i.group, i.t0));
      checked++;
    }
  }
  assert.ok(checked > 10, `${checked} checked`);
});

test('the explanations read the same from the packed copy', () => {
  const at = parseAt('0:30:00');
  assert.equal(bottleneckStory(back), bottleneckStory(lim));
  assert.equal(instantText(back, [...back.flows.keys()], at), instantText(lim, [...lim.flows.keys()], at));
  for (const f of lim.flows.keys()) assert.is(flowAtText(back, f, at), flowAtText(lim, f, at));
});

test.run();

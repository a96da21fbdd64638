import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { parseSetting } from '../sim/scenario/overrides.ts';
import { createRunner, type SweepJob } from '../sim/cli/sweep-worker.ts';
import { sweepMessage } from '../sim/cli/sweep.ts';
import { flappingNet } from './support/flapping-net.ts';

const text = flappingNet('sweep worker test');
const slow = loadScenario('net.yaml', text, { sets: [parseSetting('topology.links.wan.bandwidth=100 MB/s')] });
const fast = loadScenario('net.yaml', text, { sets: [parseSetting('topology.links.wan.bandwidth=200 MB/s')] });
const jobs: SweepJob[] = [slow, fast].flatMap((scenario, combination) => [1, 2, 3].map((seed, k) => ({ run: combination * 3 + k, combination, scenario, settings: {}, seed })));

test('a worker is sent a combination\'s scenario only when its previous job was of another one', () => {
  assert.is(sweepMessage(jobs[0], undefined).scenario, slow);
  assert.is(sweepMessage(jobs[1], jobs[0]).scenario, undefined);
  assert.is(sweepMessage(jobs[3], jobs[2]).scenario, fast);
  assert.is(sweepMessage(jobs[0], jobs[3]).scenario, slow);
});

test('runs of a held scenario are the runs of the scenario sent each time', () => {
  const held = createRunner({ version: 'test' });
  let previous: SweepJob | undefined;
  const sent = jobs.map((j) => { const m = sweepMessage(j, previous); previous = j; return held.run(structuredClone(m)); });
  const whole = jobs.map((j) => createRunner({ version: 'test' }).run(structuredClone(j)));
  assert.equal(sent, whole);
  assert.is(new Set(sent.map((r) => r.traceHash)).size, 6, 'each seed and setting its own run');
});

test('a job without its scenario for a combination the worker does not hold is refused', () => {
  const r = createRunner({ version: 'test' });
  r.run(structuredClone(jobs[0]));
  assert.throws(() => r.run({ ...jobs[3], scenario: undefined }), /run 3 came without its scenario/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { stringify } from 'yaml';
import { generate } from '../sim/fuzz/generate.ts';
import { checkedRun } from '../sim/fuzz/checked-run.ts';
import { bytesProblem, levelOrderProblem, SCHEDULE_INVARIANTS, verdictProblem } from '../sim/fuzz/schedule-invariants.ts';
import { loadScenario } from '../sim/scenario/scenario.ts';
import type { JobRow } from '../sim/foundation/result.ts';
import { fuzzSeeds, seedRange } from './support/fuzz-seeds.ts';
import { YEAR_SCENARIO } from './support/year-fixture.ts';

const scenarioOf = (seed: number, level: 'none' | 'light' | 'heavy' = 'heavy') => loadScenario(`fuzz-schedules-${seed}.yaml`, stringify(generate('schedules', seed, level)));

test('schedules fuzz: 60 heavy, 20 light and 20 fault-free seeds load, run and break no invariant', () => {
  const runs = [fuzzSeeds('schedules', seedRange(1, 60), 'heavy'), fuzzSeeds('schedules', seedRange(61, 80), 'light'), fuzzSeeds('schedules', seedRange(81, 100), 'none')];
  assert.equal(runs.flatMap((r) => r.problems), []);
  assert.is(runs.reduce((a, r) => a + r.runs, 0), 100);
});

test('the generator draws what the invariants are about: every verdict, every level, drawn and steady change', () => {
  const verdicts = new Set<string>(), levels = new Set<string>();
  let drawn = 0, cancelled = 0;
  for (const seed of seedRange(1, 60)) {
    const s = scenarioOf(seed);
    for (const j of s.jobs) {
      if (j.backup !== undefined) levels.add(j.backup.level);
      if (j.window?.onMiss === 'cancel') cancelled++;
      if (j.plan !== undefined && j.plan.model.changeSpread > 0) drawn++;
    }
    for (const j of checkedRun(s).result.jobs) if (j.window !== undefined) verdicts.add(j.window.verdict);
  }
  assert.equal([...verdicts].sort(), ['failed', 'met', 'missed', 'open']);
  assert.equal([...levels].sort(), ['differential', 'full', 'incremental', 'synthetic-full']);
  assert.ok(drawn > 0 && cancelled > 0, `drawn ${drawn}, cancelled ${cancelled}`);
});

test('a seed replays exactly', () => {
  for (const seed of [3, 17]) assert.is(checkedRun(scenarioOf(seed)).result.traceHash, checkedRun(scenarioOf(seed)).result.traceHash);
});

// The invariants catch what they are about: each fails on a doctored night.
const night: JobRow = { name: 'n@2026-01-02', kind: 'backup', actor: 'n@2026-01-02', status: 'completed', start: 100, end: 200, bytes: 5, window: { end: 300, verdict: 'met', missedBy: null }, backup: { level: 'incremental', bytes: 5, size: 50 } };
const stopped = { endTime: 1000 };

test('the window invariant: each verdict against how and when the night ended', () => {
  assert.is(verdictProblem(night, stopped), null);
  assert.match(verdictProblem({ ...night, end: 301 }, stopped)!, /is 'met'/);
  assert.is(verdictProblem({ ...night, end: 350, window: { end: 300, verdict: 'missed', missedBy: 50 } }, stopped), null);
  assert.match(verdictProblem({ ...night, end: 350, window: { end: 300, verdict: 'missed', missedBy: 40 } }, stopped)!, /missed by 40 s/);
  assert.is(verdictProblem({ ...night, status: 'running', end: null, window: { end: 300, verdict: 'missed', missedBy: 700 } }, stopped), null);
  assert.is(verdictProblem({ ...night, status: 'failed', end: 300, window: { end: 300, verdict: 'missed', missedBy: null } }, stopped), null);
  assert.match(verdictProblem({ ...night, status: 'failed', end: 250, window: { end: 300, verdict: 'missed', missedBy: null } }, stopped)!, /unmeasured/);
  assert.match(verdictProblem({ ...night, status: 'completed', window: { end: 300, verdict: 'failed', missedBy: null } }, stopped)!, /'failed'/);
  assert.is(verdictProblem({ ...night, status: 'running', end: null, window: { end: 3000, verdict: 'open', missedBy: null } }, stopped), null);
  assert.match(verdictProblem({ ...night, status: 'running', end: null, window: { end: 300, verdict: 'open', missedBy: null } }, stopped)!, /'open'/);
});

test('the bytes invariant: never negative, and a full moves the whole day\'s data', () => {
  assert.is(bytesProblem(night), null);
  assert.match(bytesProblem({ ...night, backup: { level: 'incremental', bytes: -1, size: 50 } })!, /-1 B/);
  assert.match(bytesProblem({ ...night, backup: { level: 'full', bytes: 49, size: 50 } })!, /a full moved 49 B of 50 B/);
});

test('the level invariant holds on the 400-day plan, and fails where the data shrinks or the run moved other bytes', () => {
  const s = loadScenario('year.yaml', YEAR_SCENARIO);
  const plan = s.jobs[0].plan!;
  const ran = s.jobs.map((j) => j.backup);
  assert.is(plan.days.length, 400);
  assert.is(levelOrderProblem({ ...plan, levels: plan.levels.map((_, i) => (i % 7 === 0 ? 'full' : i % 7 === 3 ? 'differential' : 'incremental')) }, s.seed, []), null);
  assert.is(levelOrderProblem(plan, s.seed, ran), null);
  // Data that shrinks by half a day: a differential would move less than nothing.
  assert.match(levelOrderProblem({ ...plan, model: { ...plan.model, growth: -0.5 } }, s.seed, [])!, /an incremental would move -?\d+ B, a differential -\d+ B/);
  // The last night is always among those checked.
  const doctored = ran.map((b, i) => (i === 399 ? { ...b!, bytes: b!.bytes + 1 } : b));
  assert.match(levelOrderProblem(plan, s.seed, doctored)!, /on day 399: its incremental moved \d+ B .* its plan says/);
  assert.is(SCHEDULE_INVARIANTS.length, 3);
});

test.run();

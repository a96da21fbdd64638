import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { comparedMetrics } from '../reports/compared-metrics.ts';

const run = (file: string) => runScenario(loadScenario(file, readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')));

test('a job scenario compares no flow counters, though its tape streams are flows; a network scenario does', () => {
  const tape = run('tape.yaml');
  assert.ok(tape.flows.length > 0, 'tape.yaml streams to its drives');
  assert.not.ok(comparedMetrics([tape]).includes('flows_done'));
  assert.ok(comparedMetrics([run('parking-lot.yaml')]).includes('flows_done'));
});

test.run();

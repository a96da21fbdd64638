import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../sim/scenario/scenario.ts';
import { runScenario } from '../sim/scenario/run.ts';
import { comparedMetrics, metricTiers } from '../reports/compared-metrics.ts';
import { transferRates } from '../reports/headline.ts';
import { runFixture } from './support/fixtures.ts';

const run = (file: string) => runScenario(loadScenario(file, readFileSync(new URL(`../scenarios/${file}`, import.meta.url), 'utf8')));

test('a job scenario compares no flow counters, though its tape streams are flows; a network scenario does', () => {
  const tape = run('tape.yaml');
  assert.ok(tape.flows.length > 0, 'tape.yaml streams to its drives');
  assert.not.ok(comparedMetrics([tape]).includes('flows_done'));
  assert.ok(comparedMetrics([run('parking-lot.yaml')]).includes('flows_done'));
});

test('metricTiers folds what says nothing: all zero or none, a repeat of an earlier metric, the event count; never a headline', () => {
  const m: Record<string, (number | undefined)[]> = {
    makespan: [540, 300], end_time: [540, 300], bytes_lost: [0, 0], rto_max: [NaN, undefined], events: [1e5, 2e5], jobs_failed: [1, 0], flows_done: [0, 0],
  };
  const t = metricTiers(Object.keys(m), (k) => m[k], ['flows_done']);
  assert.equal(t.shown, ['flows_done', 'makespan', 'jobs_failed']);
  assert.equal(t.hidden, [
    { name: 'end_time', why: 'the same as makespan in every design' },
    { name: 'bytes_lost', why: 'zero or none in every design' },
    { name: 'rto_max', why: 'zero or none in every design' },
    { name: 'events', why: 'counts the simulator\'s events, not the system\'s work' },
  ]);
});

test('transferRates: each transfer\'s bytes spread over its own span, summed per bin; the bytes are all there', () => {
  const flow = (start: number, end: number | null, delivered: number, phase?: string) => ({ name: 'f', actor: 'a', route: [], bytes: delivered, delivered, status: 'done' as const, start, end, throughput: null, phase });
  const r = runFixture({ endTime: 40, flows: [flow(0, 10, 100, 'backup'), flow(5, 15, 200, 'backup'), flow(30, null, 50, 'restore'), flow(12, 12, 8, 'backup')] as never });
  // 4 bins of 10 s: 100 B + the 100 B of [5, 10) -> 20 B/s; the other 100 B of the second and the instant's 8 B -> 10.8 B/s; 50 B over [30, 40).
  assert.equal(transferRates(r, 40, 4, null), [20, 10.8, 0, 5]);
  assert.equal(transferRates(r, 40, 4, 'backup'), [20, 10.8, 0, 0]);
  const bytes = transferRates(r, 40, 4, null).reduce((s, x) => s + x * 10, 0);
  assert.is(bytes, 100 + 200 + 50 + 8);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateCheck, parseCheck } from '../sim/scenario/checks.ts';

const units = { makespan: 's', bytes_lost: 'B', throughput: 'B/s', flows_failed: '' } as const;

test('a check reads its value in the metric\'s unit', () => {
  assert.equal(parseCheck('makespan < 8 h', units), { text: 'makespan < 8 h', metric: 'makespan', op: '<', value: 28800 });
  assert.is(parseCheck('rpo <= "20 min"'.replace('rpo', 'makespan'), units).value, 1200);
  assert.is(parseCheck('bytes_lost == 0', units).value, 0);
  assert.is(parseCheck('bytes_lost < 1.5 GiB', units).value, 1.5 * 2 ** 30);
  assert.is(parseCheck('throughput >= 10 Gb/s', units).value, 1.25e9);
  assert.is(parseCheck('flows_failed != 3', units).value, 3);
});

test('every comparison means what it says, and a missing measurement fails', () => {
  const m = { makespan: 100 };
  const pass = (text: string) => evaluateCheck(parseCheck(text, units), m).pass;
  assert.equal(['makespan < 101 s', 'makespan <= 100 s', 'makespan > 99 s', 'makespan >= 100 s', 'makespan == 100 s', 'makespan != 1 s'].map(pass), [true, true, true, true, true, true]);
  assert.equal(['makespan < 100 s', 'makespan > 100 s', 'makespan == 99 s'].map(pass), [false, false, false]);
  const missing = evaluateCheck(parseCheck('bytes_lost == 0', units), m);
  assert.equal([missing.pass, missing.measured], [false, null]);
});

test('bad checks say what was expected', () => {
  assert.throws(() => parseCheck('makespan about 8 h', units), /is not a check/);
  assert.throws(() => parseCheck('rpo < 8 h', units), /"rpo" is not a metric of this scenario; it reports: bytes_lost, flows_failed, makespan, throughput/);
  assert.throws(() => parseCheck('flows_failed < few', units), /is a count; "few" is not a number/);
  assert.throws(() => parseCheck('makespan < 8 GB', units), /not a duration/);
});

test.run();

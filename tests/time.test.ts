import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTime, formatTime, hours, MAX_TIME, ms, seconds, us } from '../sim/foundation/time.ts';

test('one tick is one nanosecond; the range is 2^53 - 1 ns, about 104 days', () => {
  assert.is(seconds(1), 1e9);
  assert.is(ms(40), 40e6);
  assert.is(us(20), 20e3);
  assert.is(hours(2), 7.2e12);
  assert.is(MAX_TIME, 2 ** 53 - 1);
  assert.ok(MAX_TIME / 86400e9 > 104 && MAX_TIME / 86400e9 < 105);
});

test('times that are not whole ticks in range are refused', () => {
  assert.throws(() => checkTime(1.5, 'x'), /not a time in ticks/);
  assert.throws(() => checkTime(-1, 'x'), /not a time in ticks/);
  assert.throws(() => checkTime(2 ** 53, 'x'), /about 104 days/);
  assert.throws(() => hours(24 * 105), /outside/);
});

test('formatTime shows h:mm:ss and nanoseconds', () => {
  assert.is(formatTime(hours(25) + ms(1) + 7), '25:00:00.001000007');
});

test.run();

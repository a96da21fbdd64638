import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseDuration, parseRate, parseSize } from '../sim/foundation/units.ts';

test('sizes: decimal and binary prefixes, bits and bytes', () => {
  assert.is(parseSize('50 GB'), 50e9);
  assert.is(parseSize('50 GiB'), 50 * 2 ** 30);
  assert.is(parseSize('1 kB'), 1000);
  assert.is(parseSize('1 KiB'), 1024);
  assert.is(parseSize('12 TB'), 12e12);
  assert.is(parseSize('8 Mb'), 1e6);
  assert.is(parseSize('3 bytes'), 3);
  assert.is(parseSize('1.5e3 B'), 1500);
});

test('rates: "10 Gb/s" is 1.25e9 bytes/s; "1.25 GB/s" the same', () => {
  assert.is(parseRate('10 Gb/s'), 1.25e9);
  assert.is(parseRate('1.25 GB/s'), 1.25e9);
  assert.is(parseRate('155 Mbps'), 155e6 / 8);
  assert.is(parseRate('1 MiB/s'), 2 ** 20);
  assert.is(parseRate('360 MB/s'), 360e6);
});

test('durations are whole nanoseconds', () => {
  assert.is(parseDuration('40 ms'), 40e6);
  assert.is(parseDuration('2 h'), 7.2e12);
  assert.is(parseDuration('20 us'), 20e3);
  assert.is(parseDuration('1.5 s'), 1.5e9);
  assert.is(parseDuration('0 s'), 0);
  assert.is(parseDuration('3 min'), 180e9);
});

test('durations in days, and in parts from the largest unit down, add up', () => {
  assert.is(parseDuration('400 d'), 400 * 86_400e9);
  assert.is(parseDuration('1 h 30 min'), 5400e9);
  assert.is(parseDuration('1h30min'), 5400e9);
  assert.is(parseDuration('2 d 6 h 15 min 10 s'), ((2 * 24 + 6) * 3600 + 15 * 60 + 10) * 1e9);
  assert.is(parseDuration('1 s 500 ms'), 1.5e9);
  assert.is(parseDuration(' 399 d 3 us '), 399 * 86_400e9 + 3000);
  assert.is(parseDuration('292 d'), 292 * 86_400e9);
});

test('parts out of order, repeated, or without a unit are not durations; past 292 years is too long', () => {
  assert.throws(() => parseDuration('30 min 1 h'), /not a duration\..*"1 h 30 min"/);
  assert.throws(() => parseDuration('1 h 1 h'), /not a duration/);
  assert.throws(() => parseDuration('1 us 1 µs'), /not a duration/);
  assert.throws(() => parseDuration('1 h 30'), /not a duration/);
  assert.throws(() => parseDuration('1 hour'), /not a duration/);
  assert.throws(() => parseDuration(''), /not a duration/);
  assert.throws(() => parseDuration('110000 d'), /longest clock, 2\^63 ns \(about 292 years\)/);
});

test('bad units are rejected with what was expected', () => {
  assert.throws(() => parseRate('20 Gbs'), /"20 Gbs" is not a rate\. Write a number and a unit such as "20 Gb\/s"/);
  assert.throws(() => parseSize('50 GB/s'), /not a size/);
  assert.throws(() => parseSize(50), /not a size/);
  assert.throws(() => parseDuration('2 hours'), /not a duration/);
  assert.throws(() => parseDuration('-1 s'), /not a duration/);
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { meanCI, tQuantile975 } from '../reports/stats.ts';

const near = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('[1,2,3,4,5]: mean 3, s = 1.5811, t(4) = 2.7764, half-width 1.9632', () => {
  const ci = meanCI([1, 2, 3, 4, 5]);
  assert.is(ci.n, 5);
  assert.is(ci.mean, 3);
  // s = sqrt(10 / 4) = 1.58114; s / sqrt(5) = 0.70711; × 2.776445 = 1.96324
  near(ci.hi - ci.mean, 1.96324, 5e-5, 'half-width');
  near(ci.mean - ci.lo, 1.96324, 5e-5, 'symmetric');
});

test('two values: t(1) = 12.706, the interval is wide', () => {
  // mean 11, s = sqrt(2) = 1.41421, s / sqrt(2) = 1, half-width = 12.706205
  const ci = meanCI([10, 12]);
  assert.is(ci.mean, 11);
  near(ci.lo, 11 - 12.706205, 1e-9, 'lo');
  near(ci.hi, 11 + 12.706205, 1e-9, 'hi');
});

test('ten values: t(9) = 2.2622', () => {
  // 2,4,...,20: mean 11, sum of squared deviations 330, s = sqrt(330/9) = 6.05530, s/sqrt(10) = 1.91485, × 2.262157 = 4.33169
  const ci = meanCI([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  assert.is(ci.mean, 11);
  near(ci.hi - 11, 4.33169, 5e-5, 'half-width');
});

test('beyond 30 degrees of freedom the normal 1.96 is used', () => {
  assert.is(tQuantile975(30), 2.042272);
  assert.is(tQuantile975(31), 1.96);
  // 0 and 1 alternating, 40 values: mean 0.5, s = sqrt(10 / 39) = 0.50637, s / sqrt(40) = 0.080064, × 1.96 = 0.156925
  const ci = meanCI(Array.from({ length: 40 }, (_, i) => i % 2));
  assert.is(ci.mean, 0.5);
  near(ci.hi - 0.5, 0.156925, 5e-6, 'half-width');
});

test('one value has no interval; none has no mean; identical values a zero-width one', () => {
  assert.equal(meanCI([7]), { mean: 7, lo: 7, hi: 7, n: 1 });
  const none = meanCI([]);
  assert.is(none.n, 0);
  assert.ok(Number.isNaN(none.mean));
  assert.equal(meanCI([4, 4, 4]), { mean: 4, lo: 4, hi: 4, n: 3 });
});

test('large, close values keep their spread (two-pass variance)', () => {
  const ci = meanCI([1e12 + 1, 1e12 + 2, 1e12 + 3]);
  // s = 1, s / sqrt(3) = 0.57735, × 4.302653 = 2.48414
  near(ci.hi - ci.mean, 2.48414, 5e-4, 'half-width');
});

test.run();

import { test } from 'uvu';
import * as assert from 'uvu/assert';
import seedrandom from 'seedrandom';
import { RandomStream, RandomStreams, deriveStreamSeed } from '../sim/engine/rng.ts';

const N = 200_000;

function firstDraws(stream: RandomStream, n = 1000): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(stream.next());
  return out;
}

function meanAndSd(xs: readonly number[]): { mean: number; sd: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, sd: Math.sqrt(ss / (xs.length - 1)) };
}

function sample(n: number, draw: () => number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = draw();
  return out;
}

function assertWithinRel(actual: number, expected: number, rel: number, what: string): void {
  const ok = Math.abs(actual - expected) <= rel * Math.abs(expected);
  assert.ok(ok, `${what}: ${actual} not within ${rel * 100}% of ${expected}`);
}

function assertWithinAbs(actual: number, expected: number, tol: number, what: string): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} not within ${tol} of ${expected}`);
}

function assertRangeError(fn: () => unknown, mentions: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof RangeError, `expected a RangeError mentioning "${mentions}", got ${String(caught)}`);
  assert.ok(
    (caught as RangeError).message.includes(mentions),
    `RangeError message "${(caught as RangeError).message}" should mention "${mentions}"`,
  );
}

// ---------------------------------------------------------------- determinism

test('same (seed, name) gives the identical first 1000 draws', () => {
  assert.equal(firstDraws(new RandomStream(7, 'disk')), firstDraws(new RandomStream(7, 'disk')));
  assert.equal(firstDraws(new RandomStream('run-a', 'disk')), firstDraws(new RandomStream('run-a', 'disk')));
});

test('same (seed, name) reproduces a mixed sequence of distributions, including the cached normal', () => {
  const run = (): unknown[] => {
    const s = new RandomStreams(99).stream('mixed');
    const out: unknown[] = [];
    for (let i = 0; i < 500; i++) {
      out.push(s.normal(0, 1), s.exponential(3), s.integer(-5, 5), s.bernoulli(0.5), s.choice(['x', 'y', 'z'], [1, 0, 2]));
      out.push(s.lognormal(0, 1), s.uniform(-1, 1));
    }
    return out;
  };
  assert.equal(run(), run());
});

test('different seeds give different draws', () => {
  assert.not.equal(firstDraws(new RandomStream(1, 'disk')), firstDraws(new RandomStream(2, 'disk')));
  assert.not.equal(firstDraws(new RandomStream('a', 'disk')), firstDraws(new RandomStream('b', 'disk')));
});

test('different names give different draws', () => {
  assert.not.equal(firstDraws(new RandomStream(1, 'disk')), firstDraws(new RandomStream(1, 'link')));
});

test('deriveStreamSeed embeds the seed and the name', () => {
  assert.is(deriveStreamSeed(42, 'golden'), 'backlab/42/golden');
  assert.is(deriveStreamSeed('s', 'n'), 'backlab/s/n');
});

test('golden: first three draws of RandomStream(42, "golden") never change', () => {
  // Recorded once from this implementation. A change here means every run of
  // every scenario changes, so it must be deliberate.
  const golden = [0.7478688738430521, 0.3409206228570886, 0.29789910974696854];
  const s = new RandomStream(42, 'golden');
  assert.equal([s.next(), s.next(), s.next()], golden);

  // Independently: the same numbers straight from seedrandom with the
  // documented derived seed, read through double()...
  const viaDouble = seedrandom.alea('backlab/42/golden');
  assert.equal([viaDouble.double(), viaDouble.double(), viaDouble.double()], golden);

  // ...and rebuilt by hand from the raw outputs, which pins down that each
  // draw is 53 bits made of two consecutive outputs (so it differs from the
  // generator's plain call, alea(seed)()).
  const raw = seedrandom.alea('backlab/42/golden');
  const rebuilt = [0, 1, 2].map(() => raw() + ((raw() * 0x200000) | 0) * 2 ** -53);
  assert.equal(rebuilt, golden);
});

// --------------------------------------------------------------- independence

test('stream independence: creating and drawing from "b" never changes "a"', () => {
  const alone = new RandomStreams(2024).stream('a');
  const expected = sample(10_000, () => alone.next());

  const createdFirst = new RandomStreams(2024);
  createdFirst.stream('b');
  const a1 = createdFirst.stream('a');
  assert.equal(sample(10_000, () => a1.next()), expected);

  const interleaved = new RandomStreams(2024);
  const b = interleaved.stream('b');
  b.normal(0, 1); // leaves a cached Box–Muller variate in "b" only
  const a2 = interleaved.stream('a');
  const got: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    b.exponential(1);
    got.push(a2.next());
    b.normal(5, 2);
  }
  assert.equal(got, expected);
});

test('stream(name) returns the same instance, different names different instances', () => {
  const streams = new RandomStreams('seed');
  const a = streams.stream('a');
  assert.is(streams.stream('a'), a);
  assert.is.not(streams.stream('b'), a);
  assert.is(a.name, 'a');
  assert.is(streams.seed, 'seed');
});

test('a stream from RandomStreams draws the same as a standalone RandomStream', () => {
  assert.equal(firstDraws(new RandomStreams(5).stream('x')), firstDraws(new RandomStream(5, 'x')));
});

// ------------------------------------------------------- statistical sanity

const stats = new RandomStreams(20240601);

test('next() is in [0, 1) with mean ~0.5', () => {
  const s = stats.stream('next');
  const xs = sample(N, () => s.next());
  for (const x of xs) assert.ok(x >= 0 && x < 1, `next() out of [0, 1): ${x}`);
  assertWithinAbs(meanAndSd(xs).mean, 0.5, 0.005, 'next() mean');
});

test('exponential(2): mean within 1% of 2', () => {
  const s = stats.stream('exponential');
  const xs = sample(N, () => s.exponential(2));
  for (const x of xs) assert.ok(x >= 0, `exponential draw negative: ${x}`);
  assertWithinRel(meanAndSd(xs).mean, 2, 0.01, 'exponential(2) mean');
});

test('uniform(3, 5): all in [3, 5), mean ~4', () => {
  const s = stats.stream('uniform');
  const xs = sample(N, () => s.uniform(3, 5));
  for (const x of xs) assert.ok(x >= 3 && x < 5, `uniform(3, 5) out of range: ${x}`);
  assertWithinAbs(meanAndSd(xs).mean, 4, 0.01, 'uniform(3, 5) mean');
});

test('normal(10, 3): mean within 0.05 of 10, sd within 1% of 3', () => {
  const s = stats.stream('normal');
  const { mean, sd } = meanAndSd(sample(N, () => s.normal(10, 3)));
  assertWithinAbs(mean, 10, 0.05, 'normal(10, 3) mean');
  assertWithinRel(sd, 3, 0.01, 'normal(10, 3) sd');
});

test('normal(m, 0) is exactly m', () => {
  const s = stats.stream('normal-degenerate');
  for (let i = 0; i < 10; i++) assert.is(s.normal(7, 0), 7);
});

test('lognormal(0.5, 0.25): mean within 1% of exp(mu + sigma^2 / 2)', () => {
  const s = stats.stream('lognormal');
  const mu = 0.5;
  const sigma = 0.25;
  const xs = sample(N, () => s.lognormal(mu, sigma));
  for (const x of xs) assert.ok(x > 0, `lognormal draw not positive: ${x}`);
  assertWithinRel(meanAndSd(xs).mean, Math.exp(mu + (sigma * sigma) / 2), 0.01, 'lognormal mean');
});

test('lognormalFromMean(100, 20): mean ~100 and sd ~20 within 2%', () => {
  const s = stats.stream('lognormalFromMean');
  const xs = sample(N, () => s.lognormalFromMean(100, 20));
  for (const x of xs) assert.ok(x > 0, `lognormal draw not positive: ${x}`);
  const { mean, sd } = meanAndSd(xs);
  assertWithinRel(mean, 100, 0.02, 'lognormalFromMean(100, 20) mean');
  assertWithinRel(sd, 20, 0.02, 'lognormalFromMean(100, 20) sd');
});

test('integer(1, 6): hits all six faces, never 0 or 7, each within 2% of 1/6', () => {
  const s = stats.stream('integer');
  const counts = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    const face = s.integer(1, 6);
    assert.ok(Number.isInteger(face), `integer(1, 6) gave a non-integer: ${face}`);
    counts.set(face, (counts.get(face) ?? 0) + 1);
  }
  assert.equal([...counts.keys()].sort((x, y) => x - y), [1, 2, 3, 4, 5, 6]);
  for (const [face, count] of counts) assertWithinRel(count / N, 1 / 6, 0.02, `frequency of face ${face}`);
});

test('integer(lo, lo) always returns lo', () => {
  const s = stats.stream('integer-degenerate');
  for (let i = 0; i < 10; i++) assert.is(s.integer(-3, -3), -3);
});

test('bernoulli(0.3): frequency within 1% of 0.3; p = 0 and p = 1 are certain', () => {
  const s = stats.stream('bernoulli');
  let hits = 0;
  for (let i = 0; i < N; i++) if (s.bernoulli(0.3)) hits++;
  assertWithinRel(hits / N, 0.3, 0.01, 'bernoulli(0.3) frequency');
  for (let i = 0; i < 1000; i++) {
    assert.is(s.bernoulli(0), false);
    assert.is(s.bernoulli(1), true);
  }
});

test('choice with weights [1, 3] picks the second ~75%; zero weight is never picked', () => {
  const s = stats.stream('choice');
  let second = 0;
  for (let i = 0; i < N; i++) if (s.choice(['first', 'second'], [1, 3]) === 'second') second++;
  assertWithinAbs(second / N, 0.75, 0.005, 'choice [1, 3] frequency of second');

  for (let i = 0; i < 10_000; i++) assert.is.not(s.choice(['never', 'x', 'y'], [0, 1, 1]), 'never');
});

test('choice without weights is uniform over the items', () => {
  const s = stats.stream('choice-unweighted');
  const items = ['a', 'b', 'c', 'd'] as const;
  const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
  for (let i = 0; i < N; i++) counts[s.choice(items)]!++;
  for (const item of items) assertWithinRel(counts[item]! / N, 0.25, 0.02, `frequency of ${item}`);
});

// ------------------------------------------------------------ bad parameters

test('bad parameters throw RangeError naming the distribution', () => {
  const s = new RandomStream(1, 'bad');
  assertRangeError(() => s.exponential(0), 'exponential');
  assertRangeError(() => s.exponential(-1), 'exponential: mean must be > 0, got -1');
  assertRangeError(() => s.exponential(NaN), 'exponential');
  assertRangeError(() => s.normal(0, -1), 'normal: sd');
  assertRangeError(() => s.lognormal(0, -1), 'lognormal: sigma');
  assertRangeError(() => s.lognormalFromMean(0, 1), 'lognormalFromMean: mean');
  assertRangeError(() => s.lognormalFromMean(1, -1), 'lognormalFromMean: sd');
  assertRangeError(() => s.integer(1.5, 3), 'integer: lo');
  assertRangeError(() => s.integer(1, 3.5), 'integer: hi');
  assertRangeError(() => s.integer(3, 1), 'integer');
  assertRangeError(() => s.uniform(5, 3), 'uniform');
  assertRangeError(() => s.uniform(3, 3), 'uniform');
  assertRangeError(() => s.choice([]), 'choice: items');
  assertRangeError(() => s.choice(['a'], [0]), 'choice: weights');
  assertRangeError(() => s.choice(['a', 'b'], [1]), 'choice: weights');
  assertRangeError(() => s.choice(['a', 'b'], [1, -1]), 'choice: weights');
  assertRangeError(() => s.bernoulli(2), 'bernoulli: p');
  assertRangeError(() => s.bernoulli(-0.1), 'bernoulli: p');
});

test.run();

/**
 * Mean and 95% confidence interval of a metric across the seeds of one sweep
 * setting. Seeds are few (often 3 to 10), so the interval uses Student's t,
 * not the normal 1.96, which would claim far too much certainty.
 */

/** t_{0.975, df} for df = 1..30 (index df - 1), to six decimals. */
const T975 = [
  12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157, 2.228139,
  2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922, 2.093024, 2.085963,
  2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230, 2.042272,
];

/** Beyond 30 degrees of freedom the table's next entries differ from 1.96 by under 4%, which no plot shows. */
export function tQuantile975(df: number): number {
  if (!(df >= 1)) throw new RangeError(`t quantile needs at least 1 degree of freedom, got ${df}`);
  return df <= T975.length ? T975[Math.floor(df) - 1] : 1.96;
}

export interface MeanCI {
  mean: number;
  /** lower and upper bound of the 95% interval; equal to the mean when n < 2 (one seed says nothing about spread) */
  lo: number;
  hi: number;
  n: number;
}

export function meanCI(values: readonly number[]): MeanCI {
  const n = values.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, n };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n === 1) return { mean, lo: mean, hi: mean, n };
  // Two passes: summing squares of deviations stays accurate when the values are large and close together.
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
  return { mean, lo: mean - half, hi: mean + half, n };
}

/**
 * Named, seeded random streams for the deterministic simulator.
 *
 * Determinism rule: every number drawn here is a pure function of
 * (run seed, stream name, number of draws already taken from that stream).
 * Nothing reads the platform's random source, the clock or any other ambient state.
 *
 * Stream independence rule: each named stream owns a private generator seeded
 * from `deriveStreamSeed(seed, name)` = `backlab/${seed}/${name}`. Creating a
 * stream, or drawing any amount from it, never changes the draws of another
 * stream. This is what lets a scenario add a new random component (a new
 * stream name) without perturbing the failure times, link delays, etc. that
 * existing components already produce for the same seed. The flip side: give
 * every independent source of randomness its own stream name, and never share
 * one stream between components whose call order could change.
 *
 * Generator: seedrandom's alea (Johannes Baagøe's Alea, period about 2^116),
 * read through its `double()` method, which combines two outputs into a
 * 53-bit value in [0, 1). Alea keeps four numbers of state; xor4096's 4,128
 * bits per stream made a thousand actors' streams overflow the CPU caches and
 * cost the engine a tenth of its speed. Alea's arithmetic is IEEE-754 double
 * and gives the same draws in Node and browsers. The derived seed string includes
 * the run seed verbatim, so the number 42 and the string '42' give the same
 * streams.
 *
 * Distributions (all validate their parameters and throw RangeError naming
 * the distribution and the bad parameter; NaN is rejected too):
 *
 * - next():                 uniform in [0, 1).
 * - uniform(lo, hi):        lo + (hi - lo) * u, in [lo, hi). Requires lo < hi
 *                           and a finite width. Rounding can land exactly on
 *                           hi, so such draws are redrawn (probability ~2^-53).
 * - integer(lo, hi):        uniform over the integers lo..hi inclusive, by
 *                           lo + floor(u * (hi - lo + 1)). Requires safe
 *                           integers with lo <= hi and a width that is itself
 *                           a safe integer.
 * - exponential(mean):      inverse transform, -mean * ln(1 - u). mean > 0.
 * - normal(mean, sd):       Box–Muller: with r = sqrt(-2 ln(1 - u1)) and
 *                           t = 2 pi u2, z0 = r cos t, z1 = r sin t. z0 is
 *                           returned, z1 is kept in the stream and consumed
 *                           by the next normal/lognormal call, so a normal
 *                           draw takes two uniforms every other call. sd >= 0.
 * - lognormal(mu, sigma):   exp(normal(mu, sigma)); mu and sigma belong to the
 *                           underlying normal. Mean is exp(mu + sigma^2 / 2).
 *                           sigma >= 0.
 * - lognormalFromMean(m, s): lognormal whose own mean is m and own standard
 *                           deviation is s: sigma^2 = ln(1 + s^2 / m^2),
 *                           mu = ln(m) - sigma^2 / 2. m > 0, s >= 0.
 * - bernoulli(p):           u < p. 0 <= p <= 1 (p = 0 never, p = 1 always).
 * - choice(items, weights?): without weights, items[floor(u * n)]; with
 *                           weights, a linear scan of the cumulative weights
 *                           against u * total. Weights must be non-negative,
 *                           finite, as many as the items, and sum to > 0; a
 *                           zero-weight item is never picked.
 */
import seedrandom from 'seedrandom';

const TWO_PI = 2 * Math.PI;

export function deriveStreamSeed(seed: number | string, name: string): string {
  return `backlab/${seed}/${name}`;
}

export class RandomStream {
  readonly name: string;
  /** Held directly (not the PRNG object) so a draw is a single closure call. */
  private readonly draw: () => number;
  /** Second Box–Muller variate, in standard-normal units so any (mean, sd) can use it. */
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number | string, name: string) {
    this.name = name;
    this.draw = seedrandom.alea(deriveStreamSeed(seed, name)).double;
  }

  next(): number {
    return this.draw();
  }

  uniform(lo: number, hi: number): number {
    const width = hi - lo;
    // One test covers lo >= hi, NaN and an infinite width; the redraw loop
    // below needs all three excluded to terminate.
    if (!(width > 0 && width < Infinity)) {
      throw new RangeError(`uniform: need finite lo < hi, got lo=${lo}, hi=${hi}`);
    }
    let x: number;
    do {
      x = lo + width * this.draw();
    } while (x >= hi);
    return x;
  }

  integer(lo: number, hi: number): number {
    if (!Number.isSafeInteger(lo)) throw new RangeError(`integer: lo must be a safe integer, got ${lo}`);
    if (!Number.isSafeInteger(hi)) throw new RangeError(`integer: hi must be a safe integer, got ${hi}`);
    const count = hi - lo + 1;
    if (!(count >= 1)) throw new RangeError(`integer: need lo <= hi, got lo=${lo}, hi=${hi}`);
    // Beyond 2^53 the width itself is rounded, so some integers could never come up.
    if (!Number.isSafeInteger(count)) {
      throw new RangeError(`integer: range ${lo}..${hi} is wider than Number.MAX_SAFE_INTEGER`);
    }
    // u <= 1 - 2^-53, and u * count rounds below count for any count >= 1,
    // so the floor never reaches count.
    return lo + Math.floor(this.draw() * count);
  }

  exponential(mean: number): number {
    if (!(mean > 0)) throw new RangeError(`exponential: mean must be > 0, got ${mean}`);
    return -mean * Math.log(1 - this.draw());
  }

  normal(mean: number, sd: number): number {
    if (!(sd >= 0)) throw new RangeError(`normal: sd must be >= 0, got ${sd}`);
    return mean + sd * this.standardNormal();
  }

  lognormal(mu: number, sigma: number): number {
    if (!(sigma >= 0)) throw new RangeError(`lognormal: sigma must be >= 0, got ${sigma}`);
    return Math.exp(mu + sigma * this.standardNormal());
  }

  lognormalFromMean(mean: number, sd: number): number {
    if (!(mean > 0)) throw new RangeError(`lognormalFromMean: mean must be > 0, got ${mean}`);
    if (!(sd >= 0)) throw new RangeError(`lognormalFromMean: sd must be >= 0, got ${sd}`);
    const cv = sd / mean;
    const sigma2 = Math.log1p(cv * cv);
    return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * this.standardNormal());
  }

  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`bernoulli: p must be in [0, 1], got ${p}`);
    return this.draw() < p;
  }

  choice<T>(items: readonly T[], weights?: readonly number[]): T {
    const n = items.length;
    if (n === 0) throw new RangeError('choice: items must not be empty');
    if (weights === undefined) return items[Math.floor(this.draw() * n)]!;
    if (weights.length !== n) {
      throw new RangeError(`choice: weights must have the same length as items (${n}), got ${weights.length}`);
    }
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0 && w < Infinity)) {
        throw new RangeError(`choice: weights must be finite and >= 0, got weights[${i}]=${w}`);
      }
      total += w;
    }
    if (!(total > 0 && total < Infinity)) {
      throw new RangeError(`choice: weights must sum to a finite value > 0, got ${total}`);
    }
    const target = this.draw() * total;
    let acc = 0;
    let last = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w === 0) continue;
      acc += w;
      if (target < acc) return items[i]!;
      last = i;
    }
    // Rounding in the running sum can leave target just above acc; the last
    // positive-weight item is the one the exact arithmetic would have chosen.
    return items[last]!;
  }

  private standardNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    // 1 - u is in (0, 1], so the log is finite even if a generator ever yields 0.
    const r = Math.sqrt(-2 * Math.log(1 - this.draw()));
    const t = TWO_PI * this.draw();
    this.spare = r * Math.sin(t);
    this.hasSpare = true;
    return r * Math.cos(t);
  }
}

export class RandomStreams {
  readonly seed: number | string;
  private readonly streams = new Map<string, RandomStream>();

  constructor(seed: number | string) {
    this.seed = seed;
  }

  stream(name: string): RandomStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = new RandomStream(this.seed, name);
      this.streams.set(name, s);
    }
    return s;
  }
}

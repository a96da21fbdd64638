/**
 * Light in optical fibre: about 5 µs per km one way (glass slows light to
 * about two thirds of c), so a circuit's length sets its delay whatever its
 * speed. WAN links and long-distance FC inter-switch links take a `distance`
 * ("500 km") instead of a latency.
 */

/** ns per km, one way (Wikipedia "Latency (engineering)"; mapyourtech gives 4.9 µs/km): domain-figures §7. */
export const FIBRE_NS_PER_KM = 5000;

export const FIBRE_SOURCE = 'domain-figures §7: Wikipedia "Latency (engineering)" (≈ 5 µs/km in fibre, ≈ 1 ms RTT per 100 km); mapyourtech 4.9 µs/km';

/** JSON Schema of a distance field; the pattern is checked in resolve, where the error can say how to write one. */
export const distanceSchema = {
  type: 'string',
  description: 'Length of the fibre, e.g. "500 km"; one-way delay 5 µs per km.',
  examples: ['10 km', '500 km'],
};

const KM = /^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*km\s*$/;

/** Kilometres, or a ctx.fail naming the field. */
export function parseKm(text: unknown, fail: (path: Path, expected: string) => never, path: Path): number {
  const m = typeof text === 'string' ? KM.exec(text) : null;
  if (m === null) fail(path, `${JSON.stringify(text)} is not a distance. Write a number and km, such as "500 km"`);
  return Number(m[1]);
}

/** One-way delay over `km` of fibre, in ticks (ns). */
export function fibreDelay(km: number): number {
  return Math.round(km * FIBRE_NS_PER_KM);
}import type { Path } from '../../foundation/path.ts';


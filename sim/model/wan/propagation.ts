/**
 * Light in optical fibre: about 5 µs per km one way (glass slows light to
 * about two thirds of c), so a circuit's length sets its delay whatever its
 * speed. WAN links and long-distance FC inter-switch links take a `distance`
 * ("500 km") instead of a latency.
 */

/** ns per km, one way (Wikipedia "Latency (engineering)"; mapyourtech gives 4.9 µs/km): domain-figures §7. */
export const FIBRE_NS_PER_KM = 5000;

export const FIBRE_SOURCE = 'domain-figures §7: Wikipedia "Latency (engineering)" (≈ 5 µs/km in fibre, ≈ 1 ms RTT per 100 km); mapyourtech 4.9 µs/km';

const KM = /^\s*([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)\s*km\s*$/;

/**
 * A length of fibre, resolved to km. The schema has no pattern, so a bad one
 * is refused here, where the error can say how to write one.
 */
export const distance = (description: string) => notation({
  description,
  examples: ['10 km', '500 km'],
  unit: 'km; one-way delay 5 µs/km',
  source: FIBRE_SOURCE,
  parse: (text: string) => {
    const m = KM.exec(text);
    return m === null ? undefined : Number(m[1]);
  },
  refused: (written: unknown) => `${JSON.stringify(written)} is not a distance. Write a number and km, such as "500 km"`,
});

/** One-way delay over `km` of fibre, in ticks (ns). */
export function fibreDelay(km: number): number {
  return Math.round(km * FIBRE_NS_PER_KM);
}import { notation } from '../../foundation/declare-forms.ts';


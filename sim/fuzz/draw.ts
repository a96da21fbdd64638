/**
 * What every scenario generator draws with: named random streams (one per
 * decision area, so changing one part of a generator leaves the others'
 * draws alone) and small pickers.
 */
import { RandomStream } from '../engine/rng.ts';

export type FaultLevel = 'none' | 'light' | 'heavy';
export type Doc = Record<string, unknown>;

/** A scenario generator: one seed and a fault level to a whole scenario document (plain data, valid). */
export type Generator = (seed: number, faults: FaultLevel) => Doc;

export class Draw {
  constructor(private readonly seed: number) {}
  stream(name: string): RandomStream {
    return new RandomStream(this.seed, `fuzz/${name}`);
  }
}

export const pick = <T>(r: RandomStream, xs: readonly T[]): T => xs[r.integer(0, xs.length - 1)];
export const between = (r: RandomStream, lo: number, hi: number): number => r.integer(lo, hi);
/** A size drawn log-uniformly between lo and hi bytes, written in MB. */
export const sizeMB = (r: RandomStream, lo: number, hi: number): string => `${Math.max(1, Math.round(Math.exp(r.uniform(Math.log(lo), Math.log(hi))) / 1e6))} MB`;

/**
 * Virtual time.
 *
 * One tick is one nanosecond. Time is an integer count of ticks held in a JS
 * number, so it is exact up to Number.MAX_SAFE_INTEGER = 2^53 - 1 ns, about
 * 104.2 days: the range of every run. Nothing rounds silently: a time that is
 * not a whole tick, negative, or past the range is an error.
 */

export type Ticks = number;

export const TICKS_PER_SECOND = 1e9;
export const MAX_TIME: Ticks = Number.MAX_SAFE_INTEGER;

export const ns = (x: number): Ticks => toTicks(x, 1);
export const us = (x: number): Ticks => toTicks(x, 1e3);
export const ms = (x: number): Ticks => toTicks(x, 1e6);
export const seconds = (x: number): Ticks => toTicks(x, 1e9);
export const minutes = (x: number): Ticks => toTicks(x, 60e9);
export const hours = (x: number): Ticks => toTicks(x, 3600e9);

/** Converts an amount of some unit to ticks, rounding to the nearest nanosecond. */
function toTicks(x: number, ticksPerUnit: number): Ticks {
  const t = Math.round(x * ticksPerUnit);
  if (!Number.isFinite(x) || t < 0 || t > MAX_TIME) {
    throw new RangeError(`duration ${x} x ${ticksPerUnit} ns is outside 0 .. 2^53-1 ns (about 104 days)`);
  }
  return t;
}

export const toSeconds = (t: Ticks): number => t / TICKS_PER_SECOND;

export function checkTime(t: number, what: string): Ticks {
  if (!Number.isInteger(t) || t < 0 || t > MAX_TIME) {
    throw new RangeError(`${what}: ${t} is not a time in ticks (an integer number of ns in 0 .. 2^53-1, about 104 days)`);
  }
  return t;
}

/** Formats ticks as h:mm:ss.fffffffff for traces and messages. */
export function formatTime(t: Ticks): string {
  const totalS = Math.floor(t / 1e9);
  const frac = String(t - totalS * 1e9).padStart(9, '0');
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${frac}`;
}
